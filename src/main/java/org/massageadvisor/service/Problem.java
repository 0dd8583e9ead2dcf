package org.massageadvisor.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.massageadvisor.client.InputException;

/**
 * An RFC 9457 problem detail: what every error of the service looks like. {@code errors} names the
 * fields at fault; {@code line} is set on the error lines of a batch answer.
 */
@JsonPropertyOrder({"type", "title", "status", "detail", "errors", "line"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors, Long line) {

    /** One field at fault and what is wrong with it. */
    @JsonPropertyOrder({"field", "message"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message) {
    }

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE = "urn:massage-advisor:problem:";
    /** ProfileReader's messages name the field as "field 'x': ..." or "unknown field (x)". */
    private static final Pattern FIELD = Pattern.compile("^field '([^']+)': |^unknown field \\(([^)]+)\\)");

    public Problem {
        errors = errors == null ? null : List.copyOf(errors);
    }

    public static Problem of(int status, String kind, String title, String detail) {
        return new Problem(TYPE + kind, title, status, detail, null, null);
    }

    /** A profile that does not validate: the place and message as detail, the field (if one) in errors. */
    public static Problem badInput(InputException e) {
        String full = e.getMessage();
        String prefix = e.position() + ": ";
        String message = full.startsWith(prefix) ? full.substring(prefix.length()) : full;
        Matcher m = FIELD.matcher(message);
        String field = null;
        if (m.find()) {
            field = m.group(1) != null ? m.group(1) : m.group(2);
            if (m.group(1) != null) {
                message = message.substring(m.end());
            }
        }
        return new Problem(TYPE + "bad-input", "Bad input", 400, full, List.of(new FieldError(field, message)), null);
    }

    public static Problem notFound(String path) {
        return of(404, "not-found", "Not found", "no such resource (" + path + ")");
    }

    public static Problem methodNotAllowed(String method, String path) {
        return of(405, "method-not-allowed", "Method not allowed", method + " is not allowed on " + path);
    }

    public static Problem tooLarge(long limit) {
        return of(413, "too-large", "Content too large", "the body is over the limit of " + limit + " bytes");
    }

    public static Problem notJson(String contentType) {
        return of(415, "unsupported-media-type", "Unsupported media type",
                "send JSON (Content-Type: application/json), not " + (contentType == null ? "no content type" : contentType));
    }

    public static Problem unavailable(String detail) {
        return of(503, "unavailable", "Service unavailable", detail);
    }

    public static Problem internal() {
        return of(500, "internal", "Internal error", "something went wrong on our side; the log has the details");
    }

    /** The same problem, as the error line of a batch answer. */
    public Problem atLine(long number) {
        return new Problem(type, title, status, detail, errors, number);
    }
}
