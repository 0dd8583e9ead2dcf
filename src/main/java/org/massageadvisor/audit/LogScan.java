package org.massageadvisor.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;

/** The queries of {@link DecisionLog} answered by reading every line (the file log has no index). */
final class LogScan {

    private LogScan() {
    }

    static List<DecisionLog.Found> find(DecisionLog log, DecisionLog.Filter filter) {
        List<DecisionLog.Found> found = new ArrayList<>();
        scan(log, filter, entry -> found.add(found(entry)));
        return found;
    }

    /** The last {@code limit} matches, newest first; holds no more than {@code limit} of them at once. */
    static List<DecisionLog.Found> findNewest(DecisionLog log, DecisionLog.Filter filter, int limit) {
        java.util.ArrayDeque<DecisionLog.Found> last = new java.util.ArrayDeque<>(Math.max(1, limit));
        scan(log, filter, entry -> {
            if (limit > 0) {
                if (last.size() == limit) {
                    last.removeFirst();
                }
                last.addLast(found(entry));
            }
        });
        List<DecisionLog.Found> newest = new ArrayList<>(last);
        java.util.Collections.reverse(newest);
        return newest;
    }

    static DecisionLog.Counts count(DecisionLog log, DecisionLog.Filter filter) {
        Map<String, Long> byWarning = new TreeMap<>();
        Map<String, Long> byRule = new TreeMap<>();
        long[] decisions = {0};
        scan(log, filter, entry -> {
            decisions[0]++;
            warningCodes(entry).forEach(code -> byWarning.merge(code, 1L, Long::sum));
            Set<String> rules = new TreeSet<>();
            entry.path("firings").forEach(f -> rules.add(f.asText()));
            rules.forEach(rule -> byRule.merge(rule, 1L, Long::sum));
        });
        return new DecisionLog.Counts(decisions[0], byWarning, byRule);
    }

    /** A found decision from its line: number, id, time, client, rule set and the one-line summary. */
    static DecisionLog.Found found(JsonNode entry) {
        JsonNode client = entry.path("input").path("id");
        return new DecisionLog.Found(entry.path("seq").asLong(), entry.path("decision").asText(), entry.path("timestamp").asText(),
                client.isTextual() ? client.asText() : null, entry.path("rulesetVersion").asText(null),
                entry.has("output") ? AuditReplay.summary(entry.get("output")) : "");
    }

    private static Set<String> warningCodes(JsonNode entry) {
        Set<String> codes = new TreeSet<>();
        entry.path("output").path("warnings").forEach(w -> codes.add(w.path("code").asText()));
        return codes;
    }

    private static void scan(DecisionLog log, DecisionLog.Filter filter, Consumer<JsonNode> each) {
        try (DecisionLog.Lines lines = log.lines()) {
            String text;
            while ((text = lines.next()) != null) {
                if (text == LogReader.INCOMPLETE) {
                    break;
                }
                JsonNode entry;
                try {
                    entry = AuditLog.MAPPER.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new InputException(new Position(log.name(), lines.number(), 0), "not a log entry; run 'advisor audit verify'");
                }
                if (entry.has("output") && matches(entry, filter)) {
                    each.accept(entry);
                }
            }
        }
    }

    private static boolean matches(JsonNode entry, DecisionLog.Filter f) {
        if (f.client() != null && !f.client().equals(entry.path("input").path("id").asText(null))) {
            return false;
        }
        if (f.warning() != null && !warningCodes(entry).contains(f.warning())) {
            return false;
        }
        if (f.rule() != null) {
            boolean fired = false;
            for (JsonNode r : entry.path("firings")) {
                fired |= r.asText().equals(f.rule());
            }
            if (!fired) {
                return false;
            }
        }
        if (f.from() != null || f.to() != null) {
            Instant at;
            try {
                at = Instant.parse(entry.path("timestamp").asText());
            } catch (DateTimeParseException e) {
                return false;
            }
            return (f.from() == null || !at.isBefore(f.from())) && (f.to() == null || at.isBefore(f.to()));
        }
        return true;
    }
}
