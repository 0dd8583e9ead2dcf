package org.massageadvisor.recommendation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A warning as it is reported: its code, subject (if any), message, the rule that raised it and how
 * urgent it is for that subject ({@code info}, {@code warning}, {@code critical}, from the vocabulary).
 */
@JsonPropertyOrder({"code", "subject", "indicator", "message", "rule"})
public record IssuedWarning(String code, @JsonInclude(JsonInclude.Include.NON_NULL) String subject, String message, String rule,
        String indicator) {

    /** A warning whose indicator is looked up later (or not at all). */
    public IssuedWarning(String code, String subject, String message, String rule) {
        this(code, subject, message, rule, null);
    }
}
