package org.massageadvisor.recommendation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One rule that fired, in firing order: where it is written, the guidance it encodes, what it
 * changed and the facts it matched (as they were when it fired).
 */
@JsonPropertyOrder({"rule", "file", "line", "source", "description", "effect", "facts"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Firing(String rule, String file, Integer line, String source, String description, String effect, List<Object> facts) {
}
