package org.massageadvisor.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * Checks a decision log's hash chain and finds the first line that was edited, removed, inserted or
 * moved. Each line must hash to its own {@code hash}, carry the next number in {@code seq} and name
 * the previous line's hash in {@code prev}. With a {@link AuditKey key}, every line must also carry the
 * mac of its hash under that key, which a re-sealed or forged line cannot. With an expected {@link Head}
 * (kept elsewhere, from {@code audit anchor}), the log must still hold that line with that hash, which
 * catches lines cut off the end. See docs/audit.md for what each mode proves.
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

    /** A log's head: its last decision's number and hash ({@code SEQ:HASH}, as {@code audit anchor} prints it). */
    public record Head(long seq, String hash) {

        /** Parses {@code 42:sha256:<hex>}. */
        public static Head parse(String text) {
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("expected SEQ:HASH, e.g. 42:sha256:... (from 'advisor audit anchor')");
            }
            long seq;
            try {
                seq = Long.parseLong(text.substring(0, colon).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected SEQ:HASH with a whole number before the colon (" + text + ")");
            }
            String hash = text.substring(colon + 1).trim();
            if (seq < 0 || !hash.matches("sha256:[0-9a-f]{64}")) {
                throw new IllegalArgumentException("expected SEQ:HASH with a sha256:<64 hex digits> hash (" + text + ")");
            }
            return new Head(seq, hash);
        }

        @Override
        public String toString() {
            return seq + ":" + hash;
        }
    }

    private AuditVerifier() {
    }

    public static Result verify(Path log) {
        return verify(log, null, null);
    }

    /**
     * @param key the key the log was sealed with; null to check only the plain chain
     * @param expected a head recorded earlier; null for none
     */
    public static Result verify(Path log, AuditKey key, Head expected) {
        try (LogReader reader = new LogReader(log)) {
            return verify(log.toString(), reader, key, expected);
        }
    }

    /** Checks a file or database log: its chain, then (for the database) its rows' columns and head pointer. */
    public static Result verify(DecisionLog log) {
        return verify(log, null, null);
    }

    /** The same with a key (the lines of a file or a database log sealed with --audit-key) and an expected head. */
    public static Result verify(DecisionLog log, AuditKey key, Head expected) {
        Result result;
        try (DecisionLog.Lines lines = log.lines()) {
            result = verify(log.name(), lines, key, expected);
        }
        if (result.intact()) {
            String problem = log.storageProblem();
            if (problem != null) {
                return new Result(log.name(), result.lines(), result.lastHash(), result.lines() + 1, problem);
            }
        }
        return result;
    }

    private static Result verify(String log, DecisionLog.Lines reader, AuditKey key, Head expected) {
        String prev = Hashes.GENESIS;
        String expectedFound = null;
        String text;
        while ((text = reader.next()) != null) {
            int number = reader.number();
            String problem = check(text == LogReader.INCOMPLETE ? null : text, number, prev, key);
            if (problem != null) {
                return new Result(log, number - 1, prev, number, problem);
            }
            prev = AuditLog.hashOf(AuditLog.withoutMac(text));
            if (expected != null && number == expected.seq()) {
                expectedFound = prev;
            }
        }
        int lines = reader.number();
        if (expected != null && expected.seq() > 0) {
            if (expectedFound == null) {
                return new Result(log, lines, prev, lines + 1, "the log ends at decision #" + lines + " but the anchor " + expected
                        + " says it reached #" + expected.seq() + ": " + (expected.seq() - lines) + " decision(s) were cut off the end");
            }
            if (!expectedFound.equals(expected.hash())) {
                return new Result(log, lines, prev, (int) expected.seq(), "decision #" + expected.seq() + " hashes to " + expectedFound
                        + ", not to the anchor's " + expected.hash() + ": the log was rewritten from there or before");
            }
        }
        return new Result(log, lines, prev, 0, null);
    }

    /** What is wrong with line {@code number} given the hash of the line before it; null if nothing. */
    private static String check(String full, int number, String prev, AuditKey key) {
        if (full == null) {
            return "the last line is incomplete (no line end): a crash while writing, or the line was cut;"
                    + " 'advisor audit repair' cuts it off";
        }
        if (full == LogReader.TOO_LONG) {
            return "not a log entry (longer than " + LogReader.MAX_LINE + " bytes)";
        }
        String mac = AuditLog.macOf(full);
        String text = AuditLog.withoutMac(full);
        String unsealed = AuditLog.unsealed(text);
        JsonNode node;
        try {
            node = AuditLog.MAPPER.readTree(full);
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
        if (key != null) {
            if (mac == null) {
                return "not sealed with a key (no mac): written without --audit-key, or re-sealed by someone without the key";
            }
            if (!key.mac(node.get("hash").asText()).equals(mac)) {
                return "the mac does not match this key: the line was re-sealed or forged without the key (or the key is not this log's)";
            }
        }
        return null;
    }

}
