package org.massageadvisor.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.massageadvisor.recommendation.IssuedTip;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;

/**
 * What a scenario expects of its recommendation (docs/contract.md, scenario files). Every part is optional;
 * {@code noInterval} says the interval must be null.
 */
public record Expectation(
        Status status,
        boolean noInterval,
        Bound minDays,
        Bound maxDays,
        List<ExpectedWarning> warnings,
        List<ExpectedWarning> noWarnings,
        List<String> tips,
        List<String> noTips,
        List<String> fired,
        List<String> notFired) {

    public static final Expectation NONE = new Expectation(null, false, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    /** What does not hold, one line each; empty when the recommendation meets every expectation. */
    public List<String> check(Recommendation r) {
        List<String> failures = new ArrayList<>();
        if (status != null && r.status() != status) {
            failures.add("status: expected " + status + ", got " + r.status() + describeWarnings(r));
        }
        if (noInterval && r.interval() != null) {
            failures.add("interval: expected none, got " + r.interval());
        }
        if (minDays != null || maxDays != null) {
            if (r.interval() == null) {
                failures.add("interval: expected one, got none (status " + r.status() + ")" + describeWarnings(r));
            } else {
                if (minDays != null && !minDays.accepts(r.interval().minDays())) {
                    failures.add("minDays: expected " + minDays + ", got " + r.interval().minDays());
                }
                if (maxDays != null && !maxDays.accepts(r.interval().maxDays())) {
                    failures.add("maxDays: expected " + maxDays + ", got " + r.interval().maxDays());
                }
            }
        }
        for (ExpectedWarning w : warnings) {
            if (r.warnings().stream().noneMatch(w::matches)) {
                failures.add("warnings: expected " + w + ", got " + codes(r));
            }
        }
        for (ExpectedWarning w : noWarnings) {
            if (r.warnings().stream().anyMatch(w::matches)) {
                failures.add("noWarnings: " + w + " was given");
            }
        }
        List<String> tipCodes = r.tips().stream().map(IssuedTip::code).toList();
        for (String t : tips) {
            if (!tipCodes.contains(t)) {
                failures.add("tips: expected " + t + ", got " + tipCodes);
            }
        }
        for (String t : noTips) {
            if (tipCodes.contains(t)) {
                failures.add("noTips: " + t + " was given");
            }
        }
        for (String rule : fired) {
            if (!r.firedRules().contains(rule)) {
                failures.add("fired: \"" + rule + "\" did not fire");
            }
        }
        for (String rule : notFired) {
            if (r.firedRules().contains(rule)) {
                failures.add("notFired: \"" + rule + "\" fired");
            }
        }
        return failures;
    }

    private static String codes(Recommendation r) {
        return r.warnings().stream().map(w -> w.subject() == null ? w.code() : w.code() + " (" + w.subject() + ")")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String describeWarnings(Recommendation r) {
        return r.warnings().isEmpty() ? "" : "; warnings " + codes(r);
    }
}
