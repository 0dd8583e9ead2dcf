package org.massageadvisor.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A CDS Hooks card as the specification (2.0) defines it. {@code suggestions} and
 * {@code selectionBehavior} come together or not at all; the constructor holds the rules the
 * specification states for every card, so a card that breaks them cannot be built.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"uuid", "summary", "indicator", "detail", "source", "suggestions", "selectionBehavior", "overrideReasons", "links"})
public record Card(String uuid, String summary, String indicator, String detail, Source source, List<Suggestion> suggestions,
        String selectionBehavior, List<Coding> overrideReasons, List<Link> links) {

    /** The summary must be shorter than this. */
    public static final int SUMMARY_LIMIT = 140;
    public static final List<String> INDICATORS = List.of("info", "warning", "critical");

    public Card {
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        overrideReasons = overrideReasons == null ? List.of() : List.copyOf(overrideReasons);
        links = links == null ? List.of() : List.copyOf(links);
        if (summary == null || summary.isBlank() || summary.length() >= SUMMARY_LIMIT) {
            throw new IllegalArgumentException("a card summary must be 1-139 characters: " + summary);
        }
        if (!INDICATORS.contains(indicator)) {
            throw new IllegalArgumentException("unknown indicator " + indicator);
        }
        if (suggestions.isEmpty() != (selectionBehavior == null)) {
            throw new IllegalArgumentException("selectionBehavior is required with suggestions, and only with them");
        }
    }

    /** Where the advice comes from. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String label, String url, Coding topic) {
    }

    /** A link the user may follow: {@code absolute} here (no SMART app). */
    public record Link(String label, String url, String type) {
    }

    /** A change the user may accept with one click. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {
    }

    /** One FHIR change: {@code create}, {@code update} (the whole resource) or {@code delete}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String type, String description, JsonNode resource) {
    }

    /** A FHIR Coding as CDS Hooks uses it (override reasons, topics). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Coding(String system, String code, String display) {
    }
}
