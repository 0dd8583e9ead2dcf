package org.massageadvisor.audit;

import java.io.Closeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleFiles;
import org.massageadvisor.recommendation.Recommendation;

/**
 * Where decisions are logged: the hash-chained JSON-lines file ({@link AuditLog}, the default) or a
 * PostgreSQL database several instances share ({@link PostgresDecisionLog}). Both hold the same lines,
 * byte for byte, so one verifier, one replay and one export serve both. Open one with
 * {@link DecisionLogs#open}.
 */
public interface DecisionLog extends Closeable {

    /** The last entry's number and hash: 0 and the zero hash for an empty log. */
    record Head(long seq, String hash) {
    }

    /** The log's lines in chain order, one at a time (a log can be far larger than memory). */
    interface Lines extends Closeable {

        /** The next line's text, null at the end (the file log may also return its marker for a cut last line). */
        String next();

        /** The position of the line {@link #next()} returned last: 1 for the first. */
        int number();

        @Override
        void close();
    }

    /** Which decisions a query is about; null fields do not filter. {@code to} is exclusive. */
    record Filter(String client, String warning, String rule, Instant from, Instant to) {

        public static final Filter ALL = new Filter(null, null, null, null, null);

        /**
         * A bound of a time range as users write it: an instant ({@code 2026-11-30T09:00:00Z}) or a UTC day
         * ({@code 2026-11-30}), which as the end of a range means the end of that day.
         *
         * @throws java.time.format.DateTimeParseException if it is neither
         */
        public static Instant bound(String text, boolean endOfDay) {
            if (text.length() == 10) {
                java.time.LocalDate day = java.time.LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        }
    }

    /** One logged decision as a query lists it. */
    record Found(long seq, String decision, String timestamp, String client, String rulesetVersion, String summary) {
    }

    /** How many decisions matched, and how many of them carry each warning code and fired each rule. */
    record Counts(long decisions, Map<String, Long> byWarning, Map<String, Long> byRule) {
    }

    /**
     * A change of the rules in force, published through the workbench: who proposed it, who approved
     * it, why, the rule set versions before and after, the commit that holds it, and when.
     */
    record PublishRecord(String proposedBy, String approvedBy, String message, String oldVersion, String newVersion, String commit,
            Instant at) {
    }

    /** The path or the URL (never a password) that names the log in messages. */
    String name();

    /** Logs one decision; when this returns, it is durable (on disk, or committed). */
    default AuditLog.Entry append(Recommendation recommendation, Client client, RuleBase ruleBase) {
        return appendAll(List.of(new AuditLog.Decision(recommendation, client, ruleBase))).get(0);
    }

    /** Logs several decisions as one group commit, with no other writer's decision between them. */
    List<AuditLog.Entry> appendAll(List<AuditLog.Decision> decisions);

    /**
     * Logs a publish as a line of kind {@code publish} in the same hash chain (see {@link AuditLog#publishLine});
     * the new rule set is archived first and linked to its commit, so a decision leads to the commit that was live.
     */
    AuditLog.Entry appendPublish(PublishRecord publish, RuleFiles rules);

    /** Reads the lines from the first. */
    Lines lines();

    /** The last entry's number and hash. */
    Head head();

    /** The exact rule sets the log's decisions were made with. */
    RuleSets ruleSets();

    /**
     * What the chain of lines cannot show but the store can: for the database, a row whose columns
     * disagree with its line, or a head pointer that does not match the last row. Null if none.
     */
    default String storageProblem() {
        return null;
    }

    /** The decisions a filter matches, in chain order. */
    default List<Found> find(Filter filter) {
        return LogScan.find(this, filter);
    }

    /** The newest {@code limit} decisions a filter matches, newest first (the service's query endpoint). */
    default List<Found> findNewest(Filter filter, int limit) {
        return LogScan.findNewest(this, filter, limit);
    }

    /** Counts over the decisions a filter matches. */
    default Counts count(Filter filter) {
        return LogScan.count(this, filter);
    }

    @Override
    void close();
}
