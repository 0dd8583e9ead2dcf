package org.massageadvisor.cdshooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CDS Hooks envelope of one call, read with Jackson and checked against the specification: the
 * hook, a hookInstance, a context object, the optional fhirServer (http or https) with its
 * fhirAuthorization, and the prefetch object (its FHIR content is parsed later, with HAPI).
 */
public record HookRequest(String hook, String hookInstance, URI fhirServer, String accessToken, JsonNode context,
        JsonNode prefetch) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A FHIR id: letters, digits, '-' and '.', at most 64 characters. */
    static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** Parses and checks the body of a hook call for the given hook; anything malformed is a 400. */
    public static HookRequest parse(String body, String expectedHook) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw CdsException.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw CdsException.badRequest("the body must be a JSON object");
        }
        String hook = text(root, "hook");
        if (!hook.equals(expectedHook)) {
            throw CdsException.badRequest("this service answers the '" + expectedHook + "' hook, not '" + hook + "'");
        }
        String hookInstance = text(root, "hookInstance");
        JsonNode context = root.get("context");
        if (context == null || !context.isObject()) {
            throw CdsException.badRequest("'context' is required and must be an object");
        }
        String patientId = text(context, "patientId");
        if (!FHIR_ID.matcher(patientId).matches()) {
            throw CdsException.badRequest("'context.patientId' is not a FHIR id");
        }
        URI server = null;
        String token = null;
        if (root.hasNonNull("fhirServer")) {
            server = serverUri(text(root, "fhirServer"));
        }
        JsonNode auth = root.get("fhirAuthorization");
        if (auth != null && !auth.isNull()) {
            if (!auth.isObject()) {
                throw CdsException.badRequest("'fhirAuthorization' must be an object");
            }
            if (server == null) {
                throw CdsException.badRequest("'fhirServer' is required when 'fhirAuthorization' is given");
            }
            token = text(auth, "access_token");
        }
        JsonNode prefetch = root.get("prefetch");
        if (prefetch != null && !prefetch.isNull() && !prefetch.isObject()) {
            throw CdsException.badRequest("'prefetch' must be an object");
        }
        return new HookRequest(hook, hookInstance, server, token, context,
                prefetch == null || prefetch.isNull() ? MAPPER.createObjectNode() : prefetch);
    }

    public String patientId() {
        return context.get("patientId").asText();
    }

    /** Whether the client sent this prefetch key (a null value counts: it means "no data"). */
    public boolean hasPrefetch(String key) {
        return prefetch.has(key);
    }

    /** The context values prefetch templates may name. */
    public Map<String, String> tokens() {
        return Map.of("context.patientId", patientId());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw CdsException.badRequest("'" + field + "' is required");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw CdsException.badRequest("'" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    private static URI serverUri(String raw) {
        try {
            URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw CdsException.badRequest("'fhirServer' must be an http(s) base URL without query, fragment or credentials");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw CdsException.badRequest("'fhirServer' is not a URL");
        }
    }
}
