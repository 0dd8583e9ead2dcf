package org.massageadvisor.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.massageadvisor.audit.AuditReplay;
import org.massageadvisor.audit.DecisionLog;
import org.massageadvisor.audit.LogUnavailableException;
import org.massageadvisor.client.Suggestions;
import org.massageadvisor.service.DecisionService;
import org.massageadvisor.service.Problem;
import org.massageadvisor.service.ProblemException;

/**
 * The decision log's queries over HTTP: the decisions a filter matches (newest first), counts by
 * warning and by rule, and how many logged decisions the rules in force would answer differently.
 * Every parameter is checked and bounded; a bad one is a 400 problem naming it.
 */
final class Decisions {

    /** The most decisions one list answer holds, and the default. */
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 100;
    /** The most decisions one replay re-runs, and the default; replays run one at a time. */
    static final int MAX_REPLAY = 10_000;
    static final int DEFAULT_REPLAY = 1000;
    static final int MAX_SAMPLE = 100;
    static final int DEFAULT_SAMPLE = 10;

    private static final Pattern WARNING = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final int MAX_TEXT = 300;

    private final DecisionService service;
    private final Semaphore replaying = new Semaphore(1);

    Decisions(DecisionService service) {
        this.service = service;
    }

    /** {@code GET /v1/decisions}: the answer's decisions are the newest that match, newest first. */
    @JsonPropertyOrder({"order", "limit", "more", "decisions"})
    record Listing(String order, int limit, boolean more, List<DecisionLog.Found> decisions) {
    }

    /** {@code GET /v1/decisions/counts}. */
    @JsonPropertyOrder({"from", "to", "decisions", "byWarning", "byRule"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Counts(String from, String to, long decisions, Map<String, Long> byWarning, Map<String, Long> byRule) {
    }

    /** {@code GET /v1/decisions/replay}. */
    @JsonPropertyOrder({"against", "from", "to", "replayed", "more", "differ", "byRuleChange", "sample"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Replay(String against, String from, String to, int replayed, boolean more, int differ, Map<String, Integer> byRuleChange,
            List<AuditReplay.Difference> sample) {
    }

    void list(Context ctx) throws IOException {
        Query q = new Query(ctx, Set.of("client", "warning", "rule", "from", "to", "limit"));
        DecisionLog.Filter filter = new DecisionLog.Filter(q.text("client"), q.warning("warning"), q.text("rule"), q.from(), q.to());
        int limit = q.number("limit", DEFAULT_LIMIT, MAX_LIMIT);
        q.done();
        List<DecisionLog.Found> found = read(() -> log().findNewest(filter, limit + 1));
        boolean more = found.size() > limit;
        Api.json(ctx, new Listing("newest first", limit, more, more ? found.subList(0, limit) : found));
    }

    void counts(Context ctx) throws IOException {
        Query q = new Query(ctx, Set.of("from", "to"));
        Instant from = q.from();
        Instant to = q.to();
        q.done();
        DecisionLog.Counts c = read(() -> log().count(new DecisionLog.Filter(null, null, null, from, to)));
        Api.json(ctx, new Counts(q.raw("from"), q.raw("to"), c.decisions(), c.byWarning(), c.byRule()));
    }

    void replay(Context ctx) throws IOException {
        Query q = new Query(ctx, Set.of("from", "to", "limit", "sample"));
        Instant from = q.from();
        Instant to = q.to();
        int limit = q.number("limit", DEFAULT_REPLAY, MAX_REPLAY);
        int sample = q.number("sample", DEFAULT_SAMPLE, MAX_SAMPLE);
        q.done();
        DecisionLog log = log();
        if (!replaying.tryAcquire()) {
            throw new ProblemException(Problem.of(429, "busy", "Too many requests", "a replay is running already; try again when it ends"));
        }
        try {
            var rules = service.ruleBase();
            AuditReplay.Partial p = read(() -> AuditReplay.replayAgainst(log, rules, from, to, limit));
            List<AuditReplay.Difference> differences = p.report().differences();
            Api.json(ctx, new Replay(rules.version(), q.raw("from"), q.raw("to"), p.report().decisions(), p.more(), differences.size(),
                    p.report().byRuleChange(), differences.subList(0, Math.min(sample, differences.size()))));
        } finally {
            replaying.release();
        }
    }

    private DecisionLog log() {
        DecisionLog log = service.audit();
        if (log == null) {
            throw new ProblemException(Problem.of(404, "no-decision-log", "No decision log",
                    "this service logs no decisions (start it with 'advisor serve --audit LOG' to log and query them)"));
        }
        return log;
    }

    /** A log that cannot be read now (the database down or restarting) is a 503, as it is for an append. */
    private static <T> T read(Supplier<T> query) {
        try {
            return query.get();
        } catch (LogUnavailableException e) {
            throw new ProblemException(Problem.unavailable("the decision log cannot be read now: " + e.getMessage()));
        }
    }

    /** The query string, checked: known names only, each at most once, values bounded; every fault collected. */
    private static final class Query {
        private final Context ctx;
        private final List<Problem.FieldError> errors = new ArrayList<>();

        Query(Context ctx, Set<String> known) {
            this.ctx = ctx;
            for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
                if (!known.contains(p.getKey())) {
                    errors.add(new Problem.FieldError(clip(p.getKey()), "unknown parameter (" + clip(p.getKey()) + ")"
                            + Suggestions.hint(p.getKey(), known) + " Known: " + String.join(", ", known.stream().sorted().toList())));
                } else if (p.getValue().size() > 1) {
                    errors.add(new Problem.FieldError(p.getKey(), "given " + p.getValue().size() + " times; give it once"));
                }
            }
        }

        String raw(String name) {
            String v = ctx.queryParam(name);
            return v == null || v.isEmpty() ? null : v;
        }

        String text(String name) {
            String v = raw(name);
            if (v != null && (v.length() > MAX_TEXT || v.chars().anyMatch(Character::isISOControl))) {
                errors.add(new Problem.FieldError(name, "at most " + MAX_TEXT + " characters, no control characters"));
                return null;
            }
            return v;
        }

        String warning(String name) {
            String v = raw(name);
            if (v != null && !WARNING.matcher(v).matches()) {
                errors.add(new Problem.FieldError(name, "a warning code is upper case letters, digits and _ (e.g. CONSULT_DOCTOR), not ("
                        + clip(v) + ")"));
                return null;
            }
            return v;
        }

        Instant from() {
            return instant("from", false);
        }

        /** {@code to} is inclusive as a day (the whole day) and exclusive as an instant. */
        Instant to() {
            Instant to = instant("to", true);
            Instant from = instant("from", false);
            if (from != null && to != null && !from.isBefore(to)) {
                errors.add(new Problem.FieldError("to", "must be after from (" + clip(raw("from")) + ")"));
            }
            return to;
        }

        private Instant instant(String name, boolean endOfDay) {
            String v = raw(name);
            if (v == null) {
                return null;
            }
            try {
                return DecisionLog.Filter.bound(v, endOfDay);
            } catch (DateTimeParseException e) {
                if (errors.stream().noneMatch(f -> name.equals(f.field()))) {
                    errors.add(new Problem.FieldError(name, "not a date (YYYY-MM-DD, UTC) or an instant (YYYY-MM-DDTHH:MM:SSZ): (" + clip(v) + ")"));
                }
                return null;
            }
        }

        int number(String name, int fallback, int max) {
            String v = raw(name);
            if (v == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v);
                if (n >= 1 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            errors.add(new Problem.FieldError(name, "a whole number from 1 to " + max + ", not (" + clip(v) + ")"));
            return fallback;
        }

        /** Throws one 400 problem listing every fault found. */
        void done() {
            if (!errors.isEmpty()) {
                String detail = errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElseThrow();
                throw new ProblemException(new Problem("urn:massage-advisor:problem:bad-input", "Bad input", 400, detail, errors, null));
            }
        }

        private static String clip(String v) {
            String printable = v.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
        }
    }
}
