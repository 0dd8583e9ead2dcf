package org.massageadvisor.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * Checks a decision log's hash chain and finds the first line that was edited, removed, inserted or
 * moved. Each line must hash to its own {@code hash}, carry the next number in {@code seq} and name
 * the previous line's hash in {@code prev}. What the chain cannot show: lines cut off the end of the
 * log (keep the last hash elsewhere, e.g. in a ticket, to catch that).
 */
public final class AuditVerifier {

    /** The outcome: how many lines were good, the last good hash and, for a broken log, where and why. */
    public record Result(String log, int lines, String lastHash, int badLine, String problem) {

        public boolean intact() {
            return problem == null;
        }

        /** {@code log:line: problem}, or a one-line summary of an intact log. */
        @Override
        public String toString() {
            if (intact()) {
                return log + ": " + lines + " decisions, chain intact (last hash " + lastHash + ")";
            }
            return log + ":" + badLine + ": " + problem;
        }
    }

    private AuditVerifier() {
    }

    public static Result verify(Path log) {
        try (LogReader reader = new LogReader(log)) {
            return verify(log.toString(), reader);
        }
    }

    /** Checks a file or database log: its chain, then (for the database) its rows' columns and head pointer. */
    public static Result verify(DecisionLog log) {
        Result result;
        try (DecisionLog.Lines lines = log.lines()) {
            result = verify(log.name(), lines);
        }
        if (result.intact()) {
            String problem = log.storageProblem();
            if (problem != null) {
                return new Result(log.name(), result.lines(), result.lastHash(), result.lines() + 1, problem);
            }
        }
        return result;
    }

    private static Result verify(String log, DecisionLog.Lines reader) {
        String prev = Hashes.GENESIS;
        String text;
        while ((text = reader.next()) != null) {
            int number = reader.number();
            String problem = check(text == LogReader.INCOMPLETE ? null : text, number, prev);
            if (problem != null) {
                return new Result(log, number - 1, prev, number, problem);
            }
            prev = text.substring(text.length() - 2 - 71, text.length() - 2);
        }
        return new Result(log, reader.number(), prev, 0, null);
    }

    /** What is wrong with line {@code number} given the hash of the line before it; null if nothing. */
    private static String check(String text, int number, String prev) {
        if (text == null) {
            return "the last line is incomplete (no line end): a crash while writing, or the line was cut";
        }
        String unsealed = AuditLog.unsealed(text);
        JsonNode node;
        try {
            node = AuditLog.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "not a log entry (not JSON: " + e.getOriginalMessage() + ")";
        }
        if (unsealed == null || node == null || !node.isObject() || !node.path("seq").canConvertToLong() || !node.path("prev").isTextual()) {
            return "not a log entry (it needs seq, prev and a final hash)";
        }
        if (!Hashes.sha256(unsealed).equals(node.get("hash").asText())) {
            return "edited: the line's content no longer matches its hash";
        }
        long seq = node.get("seq").asLong();
        if (seq > number) {
            return "decision #" + seq + " where #" + number + " was expected: " + (seq - number == 1 ? "a line was" : (seq - number) + " lines were")
                    + " removed before it, or lines were reordered";
        }
        if (seq < number) {
            return "decision #" + seq + " where #" + number + " was expected: lines were reordered or a line was copied";
        }
        if (!node.get("prev").asText().equals(prev)) {
            return number == 1 ? "the first line does not start the chain (prev is not the zero hash)"
                    : "does not follow line " + (number - 1) + " (its prev hash differs from that line's hash): line " + (number - 1)
                            + " was rewritten, or lines were replaced";
        }
        return null;
    }

}
