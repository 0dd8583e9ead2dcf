package org.massageadvisor.cdshooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One feedback entry a CDS client posts about a card: {@code accepted} (with the suggestions taken)
 * or {@code overridden} (with an optional reason and comment), checked against the specification.
 */
record Feedback(String card, String outcome, List<String> acceptedSuggestions, JsonNode reason, String userComment,
        String outcomeTimestamp) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Free text from the client is bounded before it goes into the audit log. */
    static final int MAX_TEXT = 2000;
    static final int MAX_ENTRIES = 100;

    static List<Feedback> parse(String body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw CdsException.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("feedback").isArray()) {
            throw CdsException.badRequest("feedback must be an object with a 'feedback' array");
        }
        JsonNode items = root.get("feedback");
        if (items.isEmpty() || items.size() > MAX_ENTRIES) {
            throw CdsException.badRequest("'feedback' must hold 1 to " + MAX_ENTRIES + " entries");
        }
        List<Feedback> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : items) {
            out.add(one(item, "feedback[" + i++ + "]"));
        }
        return out;
    }

    private static Feedback one(JsonNode item, String at) {
        if (!item.isObject()) {
            throw CdsException.badRequest(at + " must be an object");
        }
        String card = text(item, "card", at);
        if (!card.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw CdsException.badRequest(at + ".card must be the uuid of a card");
        }
        String outcome = text(item, "outcome", at);
        if (!outcome.equals("accepted") && !outcome.equals("overridden")) {
            throw CdsException.badRequest(at + ".outcome must be 'accepted' or 'overridden'");
        }
        String timestamp = text(item, "outcomeTimestamp", at);
        List<String> accepted = new ArrayList<>();
        JsonNode suggestions = item.get("acceptedSuggestions");
        if (suggestions != null && !suggestions.isNull()) {
            if (!suggestions.isArray()) {
                throw CdsException.badRequest(at + ".acceptedSuggestions must be an array");
            }
            for (JsonNode s : suggestions) {
                accepted.add(bounded(text(s, "id", at + ".acceptedSuggestions[]")));
            }
        }
        if (outcome.equals("accepted") && accepted.isEmpty()) {
            throw CdsException.badRequest(at + ": an accepted outcome needs acceptedSuggestions");
        }
        JsonNode reason = null;
        String comment = null;
        JsonNode override = item.get("overrideReason");
        if (override != null && !override.isNull()) {
            if (!override.isObject()) {
                throw CdsException.badRequest(at + ".overrideReason must be an object");
            }
            JsonNode coding = override.get("reason");
            if (coding != null && !coding.isNull()) {
                if (!coding.isObject()) {
                    throw CdsException.badRequest(at + ".overrideReason.reason must be a Coding");
                }
                ObjectNode kept = MAPPER.createObjectNode();
                for (String field : List.of("system", "code", "display")) {
                    if (coding.path(field).isTextual()) {
                        kept.put(field, bounded(coding.get(field).asText()));
                    }
                }
                reason = kept;
            }
            if (override.path("userComment").isTextual()) {
                comment = bounded(override.get("userComment").asText());
            }
        }
        return new Feedback(card.toLowerCase(java.util.Locale.ROOT), outcome, accepted, reason, comment, bounded(timestamp));
    }

    /** The audit log's feedback entry: which card, the decision it showed (when known), and what the user did. */
    ObjectNode toAuditEntry(String service, String decision, Long seq) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("service", service);
        node.put("card", card);
        if (decision != null) {
            node.put("forDecision", decision);
            node.put("forSeq", seq);
        }
        node.put("outcome", outcome);
        if (!acceptedSuggestions.isEmpty()) {
            node.set("acceptedSuggestions", MAPPER.valueToTree(acceptedSuggestions));
        }
        if (reason != null) {
            node.set("overrideReason", reason);
        }
        if (userComment != null) {
            node.put("userComment", userComment);
        }
        node.put("outcomeTimestamp", outcomeTimestamp);
        return node;
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw CdsException.badRequest(at + "." + field + " is required and must be a string");
        }
        return v.asText();
    }

    private static String bounded(String s) {
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }
}
