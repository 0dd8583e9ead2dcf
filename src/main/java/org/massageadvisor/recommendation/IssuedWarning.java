package org.massageadvisor.recommendation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A warning as it is reported: its code, subject (if any), message and the rule that raised it. */
@JsonPropertyOrder({"code", "subject", "message", "rule"})
public record IssuedWarning(String code, @JsonInclude(JsonInclude.Include.NON_NULL) String subject, String message, String rule) {
}
