package org.massageadvisor.recommendation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A self-care tip as it is reported, with the rule that gave it. */
@JsonPropertyOrder({"code", "message", "rule"})
public record IssuedTip(String code, String message, String rule) {
}
