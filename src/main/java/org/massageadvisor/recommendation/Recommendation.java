package org.massageadvisor.recommendation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The advice for one client (docs/contract.md, recommendation). {@code explanation} is null when it was not asked
 * for; {@code firedRules} (rule names in firing order) is always there, but not part of the JSON.
 */
@JsonPropertyOrder({"id", "status", "interval", "warnings", "tips", "explanation", "rulesetVersion"})
public record Recommendation(
        String id,
        Status status,
        Interval interval,
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
    }
}
