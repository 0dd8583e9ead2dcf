package org.massageadvisor.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.Position;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;
import org.massageadvisor.scenario.Expectation;

/**
 * What must hold for every client the {@code when} part matches, stated like a scenario's
 * {@code expect}. Interval bounds constrain the interval when one is given: a referred client gets
 * no interval, and so none that is too short (say {@code status: RECOMMENDED} to require one).
 * {@code status} (when not null) limits the invariant to recommendations with that status;
 * {@code longerThanWithoutBodyResponse} requires minDays above the same client's without any body
 * response (when both get an interval).
 */
public record Invariant(String name, Position at, List<Condition> when, Status status, Expectation expect,
        boolean longerThanWithoutBodyResponse) {

    /** One test on the client profile, with how it reads in a report. */
    public record Condition(String text, Predicate<Client> test) {
    }

    public Invariant {
        when = List.copyOf(when);
    }

    public Invariant(String name, Position at, List<Condition> when, Expectation expect) {
        this(name, at, when, null, expect, false);
    }

    public boolean applies(Client client) {
        for (Condition c : when) {
            if (!c.test().test(client)) {
                return false;
            }
        }
        return true;
    }

    /** What does not hold for this recommendation, one line each; empty when the invariant holds. */
    public List<String> violations(Recommendation r) {
        if (status != null && r.status() != status) {
            return List.of();
        }
        Expectation e = expect;
        if (r.interval() == null && (e.minDays() != null || e.maxDays() != null || e.spread() != null)) {
            e = e.withInterval(null, null, null);
        }
        return e.check(r);
    }

    /** "when massageType is intense" and the like, for reports. */
    public String whenText() {
        List<String> parts = new ArrayList<>();
        when.forEach(c -> parts.add(c.text()));
        if (status != null) {
            parts.add("status is " + status);
        }
        return parts.isEmpty() ? "for every client" : "when " + String.join(" and ", parts);
    }
}
