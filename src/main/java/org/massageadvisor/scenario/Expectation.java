package org.massageadvisor.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.massageadvisor.recommendation.IssuedTip;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;

/**
 * What a scenario expects of its recommendation (CONTRACT section 3). Every part is optional;
 * {@code noInterval} says the interval must be null, {@code spread} bounds maxDays - minDays (the days
 * of choice), {@code firstWarning} is the indicator the first (most severe) warning must have.
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
        List<String> notFired,
        Bound spread,
        String firstWarning) {

    public static final Expectation NONE = new Expectation(null, false, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    /** An expectation without spread and first-warning parts. */
    public Expectation(Status status, boolean noInterval, Bound minDays, Bound maxDays, List<ExpectedWarning> warnings,
            List<ExpectedWarning> noWarnings, List<String> tips, List<String> noTips, List<String> fired, List<String> notFired) {
        this(status, noInterval, minDays, maxDays, warnings, noWarnings, tips, noTips, fired, notFired, null, null);
    }

    /** The same expectation with other interval bounds (null: none). */
    public Expectation withInterval(Bound newMin, Bound newMax, Bound newSpread) {
        return new Expectation(status, noInterval, newMin, newMax, warnings, noWarnings, tips, noTips, fired, notFired, newSpread, firstWarning);
    }

    /** The same expectation with other warning lists. */
    public Expectation withWarnings(List<ExpectedWarning> newWarnings, List<ExpectedWarning> newNoWarnings) {
        return new Expectation(status, noInterval, minDays, maxDays, newWarnings, newNoWarnings, tips, noTips, fired, notFired, spread, firstWarning);
    }

    /** Only what a client would see: no fired/notFired. */
    public Expectation outcomeOnly() {
        return new Expectation(status, noInterval, minDays, maxDays, warnings, noWarnings, tips, noTips, List.of(), List.of(), spread, firstWarning);
    }

    /** What does not hold, one line each; empty when the recommendation meets every expectation. */
    public List<String> check(Recommendation r) {
        List<String> failures = new ArrayList<>();
        if (status != null && r.status() != status) {
            failures.add("status: expected " + status + ", got " + r.status() + describeWarnings(r));
        }
        if (noInterval && r.interval() != null) {
            failures.add("interval: expected none, got " + r.interval());
        }
        if (minDays != null || maxDays != null || spread != null) {
            if (r.interval() == null) {
                failures.add("interval: expected one, got none (status " + r.status() + ")" + describeWarnings(r));
            } else {
                if (minDays != null && !minDays.accepts(r.interval().minDays())) {
                    failures.add("minDays: expected " + minDays + ", got " + r.interval().minDays());
                }
                if (maxDays != null && !maxDays.accepts(r.interval().maxDays())) {
                    failures.add("maxDays: expected " + maxDays + ", got " + r.interval().maxDays());
                }
                int days = r.interval().maxDays() - r.interval().minDays();
                if (spread != null && !spread.accepts(days)) {
                    failures.add("spread: expected " + spread + " days of choice, got " + days + " (" + r.interval() + ")");
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
        if (firstWarning != null) {
            String got = r.warnings().isEmpty() ? "no warning" : r.warnings().get(0).indicator();
            if (!firstWarning.equals(got)) {
                failures.add("firstWarning: expected " + firstWarning + ", got " + got + describeWarnings(r));
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
