package org.massageadvisor.recommendation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.List;

/**
 * The advice for one client (docs/contract.md, recommendation). {@code explanation} is null when it was not asked
 * for; {@code firedRules} (rule names in firing order) is always there, but not part of the JSON.
 * {@code window} (the dates the next massage falls between) is there only when the profile gave the
 * last massage date and the status is RECOMMENDED.
 */
@JsonPropertyOrder({"id", "status", "interval", "window", "warnings", "tips", "explanation", "rulesetVersion"})
public record Recommendation(
        String id,
        Status status,
        Interval interval,
        @JsonInclude(JsonInclude.Include.NON_NULL) Window window,
        List<IssuedWarning> warnings,
        List<IssuedTip> tips,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Firing> explanation,
        String rulesetVersion,
        @JsonIgnore List<String> firedRules) {

    public Recommendation {
        warnings = List.copyOf(warnings);
        tips = List.copyOf(tips);
        explanation = explanation == null ? null : List.copyOf(explanation);
        firedRules = List.copyOf(firedRules);
        if ((status == Status.RECOMMENDED) != (interval != null)) {
            throw new IllegalArgumentException("a RECOMMENDED status needs an interval and a REFER status none");
        }
        if (window != null && interval == null) {
            throw new IllegalArgumentException("a window needs an interval");
        }
    }

    /** A recommendation without a date window. */
    public Recommendation(String id, Status status, Interval interval, List<IssuedWarning> warnings, List<IssuedTip> tips,
            List<Firing> explanation, String rulesetVersion, List<String> firedRules) {
        this(id, status, interval, null, warnings, tips, explanation, rulesetVersion, firedRules);
    }

    /** The same recommendation with the window after {@code lastMassage} (none when it is null or there is no interval). */
    public Recommendation dated(LocalDate lastMassage) {
        return new Recommendation(id, status, interval, Window.after(lastMassage, interval), warnings, tips, explanation,
                rulesetVersion, firedRules);
    }
}
