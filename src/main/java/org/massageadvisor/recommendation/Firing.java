package org.massageadvisor.recommendation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One rule that fired, in firing order: where it is written, the guidance it encodes, what it
 * changed and the facts it matched (as they were when it fired). {@code before} and {@code after}
 * are the interval around this firing's step of the fold (null when it did not touch the interval).
 */
@JsonPropertyOrder({"rule", "file", "line", "source", "description", "effect", "before", "after", "facts"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Firing(String rule, String file, Integer line, String source, String description, String effect, List<Object> facts,
        Span before, Span after) {

    /** A firing with no interval step. */
    public Firing(String rule, String file, Integer line, String source, String description, String effect, List<Object> facts) {
        this(rule, file, line, source, description, effect, facts, null, null);
    }
}
