package org.massageadvisor.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.engine.RuleFiles;

/**
 * Moves a verified chain between the two log forms without touching a byte of it ({@code audit export}
 * and {@code audit import}), with every rule set its decisions name, so that {@code audit verify}
 * reports the same head hash and {@code audit replay} the same results on either side. The target
 * must be empty: a chain is moved whole, never merged into another.
 */
public final class ChainTransfer {

    /** Lines imported into the database per transaction. */
    static final int CHUNK = 1000;

    /** What was moved: the number of decisions and the head hash at both ends. */
    public record Result(long decisions, String head, int ruleSets) {
    }

    private ChainTransfer() {
    }

    /** Copies an intact log into the empty log {@code target} names (a new file, or an empty database log). */
    public static Result copy(DecisionLog source, String target) {
        AuditVerifier.Result chain = AuditVerifier.verify(source);
        if (!chain.intact()) {
            throw new InputException(Position.of(source.name()), "not copied, the log is not intact: " + chain);
        }
        if (DecisionLogs.isDatabase(target)) {
            try (PostgresDecisionLog db = PostgresDecisionLog.open(PostgresUrl.parse(target))) {
                return toDatabase(source, db);
            }
        }
        return toFile(source, Path.of(target));
    }

    private static Result toDatabase(DecisionLog source, PostgresDecisionLog db) {
        DecisionLog.Head head = db.head();
        if (head.seq() != 0) {
            throw new InputException(Position.of(db.name()), "already holds " + head.seq() + " decisions; import into an empty log"
                    + " (a new database, or ?schema=NAME for a new schema)");
        }
        Set<String> versions = new LinkedHashSet<>();
        List<String> chunk = new ArrayList<>(CHUNK);
        try (DecisionLog.Lines lines = source.lines()) {
            String line;
            while ((line = lines.next()) != null) {
                String version = PostgresDecisionLog.Row.of(line).rulesetVersion();
                if (version != null && versions.add(version)) {
                    db.ruleSets().store(RuleFiles.read(folderOf(source, version)));
                }
                chunk.add(line);
                if (chunk.size() == CHUNK) {
                    head = db.appendLines(chunk, head);
                    chunk.clear();
                }
            }
        }
        if (!chunk.isEmpty()) {
            head = db.appendLines(chunk, head);
        }
        return new Result(head.seq(), head.hash(), versions.size());
    }

    private static Result toFile(DecisionLog source, Path file) {
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                throw new InputException(Position.of(file.toString()), "already exists; export into a new file");
            }
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            RulesetArchive archive = RulesetArchive.besideLog(file);
            Set<String> versions = new LinkedHashSet<>();
            Path tmp = Files.createTempFile(parent, ".export-", ".jsonl");
            long count = 0;
            String head = Hashes.GENESIS;
            try (DecisionLog.Lines lines = source.lines(); BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                String line;
                while ((line = lines.next()) != null) {
                    PostgresDecisionLog.Row row = PostgresDecisionLog.Row.of(line);
                    if (row.rulesetVersion() != null && versions.add(row.rulesetVersion())) {
                        archive.ensure(RuleFiles.read(folderOf(source, row.rulesetVersion())));
                    }
                    out.write(line);
                    out.write('\n');
                    count++;
                    head = row.hash();
                }
            } catch (RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Result(count, head, versions.size());
        } catch (IOException e) {
            throw new InputException(Position.of(file.toString()), "cannot write the exported log: " + e.getMessage());
        }
    }

    /** The folder a source's rule set can be read from as files (checked against its version). */
    private static Path folderOf(DecisionLog source, String version) {
        RuleSets sets = source.ruleSets();
        if (sets instanceof RulesetArchive archive) {
            Path folder = archive.folderOf(version);
            if (!Files.isDirectory(folder)) {
                throw new InputException(Position.of(folder.toString()), "the rule set " + version + " is not in the archive");
            }
            String actual = RuleFiles.read(folder).version();
            if (!actual.equals(version)) {
                throw new InputException(Position.of(folder.toString()),
                        "the archived rule set was altered: its files hash to " + actual + ", not to its name " + version);
            }
            return folder;
        }
        return ((PostgresRuleSets) sets).folder(version);
    }
}
