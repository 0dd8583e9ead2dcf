package org.massageadvisor.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleFiles;
import org.massageadvisor.engine.RuleInfo;

/**
 * Re-runs logged decisions. With their archived rule sets every decision must come out exactly as
 * logged (output and firings). Against another rules folder it previews a rule edit: the decisions
 * whose status, interval or warnings would change, each put down to the rules that changed for it
 * (rules that now fire or no longer fire, and edited rules that fired either way).
 */
public final class AuditReplay {

    /**
     * One decision that came out differently; {@code direction} is how, for a clinician: "longer" or
     * "shorter" (the interval moved that way), "now referred", "no longer referred", or "other" (the
     * warnings, or an interval that neither lengthened nor shortened as a whole).
     */
    public record Difference(int line, long seq, String decision, String client, String before, String after, List<String> ruleChanges,
            String direction) {

        /** The rule changes as one key, for counting. */
        public String ruleChange() {
            return ruleChanges.isEmpty() ? "(no rule fired differently)" : String.join("; ", ruleChanges);
        }
    }

    /** Every decision replayed, the ones that differ and how many differ per rule change. */
    public record Report(int decisions, String against, List<Difference> differences, Map<String, Integer> byRuleChange) {
    }

    private AuditReplay() {
    }

    /** Replays each decision with its own archived rule set: any difference at all is reported. */
    public static Report replay(Path log) {
        try (DecisionLog l = DecisionLogs.openExisting(log.toString())) {
            return replay(l);
        }
    }

    /** Replays each decision with the rules in {@code against}: differences in status, interval or warnings. */
    public static Report replayAgainst(Path log, Path against) {
        try (DecisionLog l = DecisionLogs.openExisting(log.toString())) {
            return replayAgainst(l, against);
        }
    }

    /** As {@link #replay(Path)}, for a file or database log. */
    public static Report replay(DecisionLog log) {
        return run(log, null);
    }

    /** As {@link #replayAgainst(Path, Path)}, for a file or database log. */
    public static Report replayAgainst(DecisionLog log, Path against) {
        return run(log, RuleBase.load(against), null, null);
    }

    /**
     * As {@link #replayAgainst(DecisionLog, Path)}, with rules already compiled, for the decisions made
     * from {@code from} (inclusive) to {@code to} (exclusive); null is open.
     */
    public static Report replayAgainst(DecisionLog log, RuleBase against, Instant from, Instant to) {
        return run(log, against, from, to);
    }

    private static Report run(DecisionLog log, RuleBase against) {
        return run(log, against, null, null);
    }

    private static Report run(DecisionLog log, RuleBase against, Instant from, Instant to) {
        RuleSets archive = log.ruleSets();
        Map<String, Evaluator> archived = new HashMap<>();
        Map<String, Set<String>> editedSince = new HashMap<>();
        List<Difference> differences = new ArrayList<>();
        Evaluator newEvaluator = against == null ? null : new Evaluator(against);
        int decisions = 0;
        try (DecisionLog.Lines reader = log.lines()) {
            String text;
            while ((text = reader.next()) != null) {
                int number = reader.number();
                if (text == LogReader.INCOMPLETE) {
                    throw new InputException(new Position(log.name(), number, 0), "the last line is incomplete; run 'advisor audit verify'");
                }
                JsonNode entry;
                Client client;
                try {
                    entry = AuditLog.MAPPER.readTree(text);
                    if (entry.hasNonNull("kind")) {
                        continue; // feedback on a decision, or a publish of new rules: nothing to re-run
                    }
                    if ((from != null || to != null) && !within(entry, from, to)) {
                        continue;
                    }
                    client = AuditLog.MAPPER.treeToValue(entry.get("input"), Client.class);
                } catch (IOException | IllegalArgumentException | NullPointerException e) {
                    throw new InputException(new Position(log.name(), number, 0), "not a log entry with an input profile; run 'advisor audit verify'");
                }
                decisions++;
                String version = entry.path("rulesetVersion").asText();
                JsonNode loggedOutput = entry.get("output");
                List<String> loggedFirings = new ArrayList<>();
                entry.path("firings").forEach(f -> loggedFirings.add(f.asText()));
                Difference d;
                if (against == null) {
                    var r = archived.computeIfAbsent(version, v -> new Evaluator(archive.load(v))).evaluate(client, false);
                    ObjectNode output = AuditLog.output(r);
                    boolean same = output.equals(loggedOutput) && r.firedRules().equals(loggedFirings);
                    d = same ? null : new Difference(number, entry.path("seq").asLong(), entry.path("decision").asText(), client.id(),
                            summary(loggedOutput) + (r.firedRules().equals(loggedFirings) ? "" : " fired " + loggedFirings),
                            summary(output) + (r.firedRules().equals(loggedFirings) ? "" : " fired " + r.firedRules()),
                            firingChanges(loggedFirings, r.firedRules(), Set.of()), direction(loggedOutput, output));
                } else {
                    var r = newEvaluator.evaluate(client, false);
                    ObjectNode output = AuditLog.output(r);
                    if (decisionOf(output).equals(decisionOf(loggedOutput))) {
                        d = null;
                    } else {
                        Set<String> edited = editedSince.computeIfAbsent(version, v -> edited(archive.load(v).files(), against.files()));
                        d = new Difference(number, entry.path("seq").asLong(), entry.path("decision").asText(), client.id(),
                                summary(loggedOutput), summary(output), firingChanges(loggedFirings, r.firedRules(), edited),
                                direction(loggedOutput, output));
                    }
                }
                if (d != null) {
                    differences.add(d);
                }
            }
        }
        Map<String, Integer> byRuleChange = new TreeMap<>();
        differences.forEach(d -> byRuleChange.merge(d.ruleChange(), 1, Integer::sum));
        return new Report(decisions, against == null ? null : against.files().dir() + " (" + against.version() + ")", differences,
                byRuleChange);
    }

    private static boolean within(JsonNode entry, Instant from, Instant to) {
        Instant at;
        try {
            at = Instant.parse(entry.path("timestamp").asText());
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }

    /** How a decision moved, for a clinician: see {@link Difference}. */
    static String direction(JsonNode before, JsonNode after) {
        boolean referredBefore = "REFER".equals(before.path("status").asText());
        boolean referredAfter = "REFER".equals(after.path("status").asText());
        if (referredAfter && !referredBefore) {
            return "now referred";
        }
        if (referredBefore && !referredAfter) {
            return "no longer referred";
        }
        JsonNode a = before.get("interval");
        JsonNode b = after.get("interval");
        if (a != null && b != null && !a.isNull() && !b.isNull()) {
            int dMin = Integer.compare(b.path("minDays").asInt(), a.path("minDays").asInt());
            int dMax = Integer.compare(b.path("maxDays").asInt(), a.path("maxDays").asInt());
            if (dMin >= 0 && dMax >= 0 && (dMin > 0 || dMax > 0)) {
                return "longer";
            }
            if (dMin <= 0 && dMax <= 0 && (dMin < 0 || dMax < 0)) {
                return "shorter";
            }
        }
        return "other";
    }

    /** What a clinician compares: status, interval and warnings (code and subject). */
    private static JsonNode decisionOf(JsonNode output) {
        ObjectNode d = AuditLog.MAPPER.createObjectNode();
        d.set("status", output.get("status"));
        d.set("interval", output.get("interval"));
        var warnings = d.putArray("warnings");
        output.path("warnings").forEach(w -> warnings.add(w.path("code").asText() + (w.hasNonNull("subject") ? "(" + w.get("subject").asText() + ")" : "")));
        return d;
    }

    /** {@code RECOMMENDED 5-7 days; ALLOW_RECOVERY(SORE), CONSULT_DOCTOR(HERNIATED_DISC)}. */
    static String summary(JsonNode output) {
        JsonNode decision = decisionOf(output);
        StringBuilder b = new StringBuilder(decision.path("status").asText());
        JsonNode interval = decision.get("interval");
        if (interval != null && !interval.isNull()) {
            int min = interval.path("minDays").asInt();
            int max = interval.path("maxDays").asInt();
            b.append(' ').append(min == max ? min + " days" : min + "-" + max + " days");
        }
        List<String> w = new ArrayList<>();
        decision.get("warnings").forEach(x -> w.add(x.asText()));
        if (!w.isEmpty()) {
            b.append("; ").append(String.join(", ", w));
        }
        return b.toString();
    }

    /** Rules that now fire, no longer fire, or were edited and fired either way. */
    private static List<String> firingChanges(List<String> before, List<String> after, Set<String> edited) {
        Set<String> b = new LinkedHashSet<>(before);
        Set<String> a = new LinkedHashSet<>(after);
        List<String> changes = new ArrayList<>();
        for (String rule : a) {
            if (!b.contains(rule)) {
                changes.add("now fires: " + rule);
            }
        }
        for (String rule : b) {
            if (!a.contains(rule)) {
                changes.add("no longer fires: " + rule);
            }
        }
        Set<String> both = new TreeSet<>(b);
        both.retainAll(a);
        for (String rule : both) {
            if (edited.contains(rule)) {
                changes.add("edited: " + rule);
            }
        }
        return changes;
    }

    /** The names of rules whose DRL text differs between two rule sets (or that only one has). */
    static Set<String> edited(RuleFiles before, RuleFiles after) {
        Map<String, String> a = ruleTexts(before);
        Map<String, String> b = ruleTexts(after);
        Set<String> edited = new TreeSet<>();
        a.forEach((name, text) -> {
            if (!Objects.equals(text, b.get(name))) {
                edited.add(name);
            }
        });
        b.keySet().stream().filter(n -> !a.containsKey(n)).forEach(edited::add);
        return edited;
    }

    /** Each rule's text, from its {@code rule} line to its {@code end} line (a decision table's rules as generated). */
    static Map<String, String> ruleTexts(RuleFiles files) {
        return files.ruleTexts();
    }
}
