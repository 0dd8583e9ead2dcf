package org.massageadvisor.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;

/**
 * Opens the decision log a command names: a {@code postgresql://} URL is a {@link PostgresDecisionLog},
 * anything else a path to the JSON-lines {@link AuditLog}. Every {@code --audit LOG} and every
 * {@code audit} subcommand goes through here.
 */
public final class DecisionLogs {

    private DecisionLogs() {
    }

    public static boolean isDatabase(String spec) {
        return spec.startsWith(PostgresUrl.PREFIX);
    }

    /** Opens a log for appending, creating the file or the tables when missing. */
    public static DecisionLog open(String spec) {
        return isDatabase(spec) ? PostgresDecisionLog.open(PostgresUrl.parse(spec)) : AuditLog.open(Path.of(spec));
    }

    /** Opens a log for appending with an optional key that seals each line with an HMAC ({@code --audit-key}), file or database. */
    public static DecisionLog open(String spec, AuditKey key) {
        if (key == null) {
            return open(spec);
        }
        if (isDatabase(spec)) {
            return PostgresDecisionLog.open(PostgresUrl.parse(spec), key);
        }
        return AuditLog.open(Path.of(spec), key);
    }

    /** Opens a log to read: a file must exist already (a database log's tables are created if missing, and then empty). */
    public static DecisionLog openExisting(String spec) {
        if (!isDatabase(spec) && !Files.isRegularFile(Path.of(spec))) {
            throw new InputException(Position.of(spec), "no such audit log");
        }
        return open(spec);
    }
}
