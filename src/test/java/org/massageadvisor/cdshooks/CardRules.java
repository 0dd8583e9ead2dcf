package org.massageadvisor.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/** The CDS Hooks 2.0 rules every card must keep, checked field by field on the JSON a client receives. */
final class CardRules {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private CardRules() {
    }

    /** The response is {@code {"cards": [...]}} and every card in it keeps the rules. */
    static void checkResponse(JsonNode response) {
        assertThat(response.isObject()).isTrue();
        assertThat(response.path("cards").isArray()).as("cards array").isTrue();
        response.get("cards").forEach(CardRules::checkCard);
    }

    static void checkCard(JsonNode card) {
        assertThat(card.path("uuid").asText()).as("uuid").matches(UUID);
        String summary = card.path("summary").asText();
        assertThat(summary).as("summary").isNotBlank();
        assertThat(summary.length()).as("summary length of: " + summary).isLessThan(140);
        assertThat(card.path("indicator").asText()).as("indicator").isIn("info", "warning", "critical");
        assertThat(card.path("source").path("label").asText()).as("source.label").isNotBlank();
        if (card.has("source") && card.get("source").has("url")) {
            assertThat(card.get("source").get("url").asText()).startsWith("http");
        }
        if (card.has("detail")) {
            assertThat(card.get("detail").isTextual()).isTrue();
        }
        JsonNode suggestions = card.path("suggestions");
        if (suggestions.isArray() && !suggestions.isEmpty()) {
            assertThat(card.path("selectionBehavior").asText()).as("selectionBehavior with suggestions").isIn("at-most-one", "any");
            for (JsonNode s : suggestions) {
                assertThat(s.path("label").asText()).isNotBlank();
                assertThat(s.path("uuid").asText()).matches(UUID);
                for (JsonNode a : s.path("actions")) {
                    assertThat(a.path("type").asText()).isIn("create", "update", "delete");
                    assertThat(a.path("description").asText()).isNotBlank();
                    if (!a.path("type").asText().equals("delete")) {
                        assertThat(a.path("resource").path("resourceType").asText()).isNotBlank();
                    }
                }
            }
        } else {
            assertThat(card.has("selectionBehavior")).as("selectionBehavior only with suggestions").isFalse();
        }
        for (JsonNode reason : card.path("overrideReasons")) {
            assertThat(reason.path("display").asText()).as("override reasons need a display").isNotBlank();
            assertThat(reason.path("code").asText()).isNotBlank();
        }
        for (JsonNode link : card.path("links")) {
            assertThat(link.path("label").asText()).isNotBlank();
            assertThat(link.path("type").asText()).isIn("absolute", "smart");
            assertThat(link.path("url").asText()).startsWith("http");
            if (link.path("type").asText().equals("absolute")) {
                assertThat(link.has("appContext")).as("appContext only on smart links").isFalse();
            }
        }
        for (java.util.Iterator<String> names = card.fieldNames(); names.hasNext(); ) {
            assertThat(names.next()).isIn(List.of("uuid", "summary", "detail", "indicator", "source", "suggestions", "selectionBehavior",
                    "overrideReasons", "links"));
        }
    }
}
