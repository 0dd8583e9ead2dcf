package org.massageadvisor.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleFiles;

/**
 * The rule sets of a {@link PostgresDecisionLog}, content-addressed in {@code rulesets} and
 * {@code ruleset_files}: a set's row and its files are inserted in one transaction, so a reader never
 * sees half a set. To replay, a set is written to a private temporary folder, checked against its name
 * (the hash of its files) and compiled there; the folders go when the log is closed.
 */
final class PostgresRuleSets implements RuleSets {

    private final PostgresDecisionLog log;
    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final Map<String, RuleBase> loaded = new ConcurrentHashMap<>();
    private final List<Path> folders = new ArrayList<>();

    PostgresRuleSets(PostgresDecisionLog log) {
        this.log = log;
    }

    @Override
    public void store(RuleFiles files) {
        if (stored.contains(files.version())) {
            return;
        }
        try (Connection c = log.connection()) {
            c.setAutoCommit(false);
            try {
                int inserted;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO rulesets (version, source) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                    ps.setString(1, files.version());
                    ps.setString(2, files.dir().toAbsolutePath().toString());
                    inserted = ps.executeUpdate();
                }
                if (inserted == 1) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ruleset_files (version, path, content) VALUES (?, ?, ?)")) {
                        for (Map.Entry<String, byte[]> f : files.files().entrySet()) {
                            ps.setString(1, files.version());
                            ps.setString(2, f.getKey());
                            ps.setBytes(3, f.getValue());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // Broken connection: the server rolls back.
                }
                throw e;
            }
        } catch (SQLException e) {
            throw PostgresDecisionLog.unavailable(log.name(), "cannot store the rule set " + files.version(), e);
        }
        stored.add(files.version());
    }

    /** Sets {@code rulesets.source_commit} (a publish sets it in its own transaction). */
    @Override
    public void linkCommit(String version, String commit) {
        try (Connection c = log.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE rulesets SET source_commit = ? WHERE version = ?")) {
            ps.setString(1, commit);
            ps.setString(2, version);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw PostgresDecisionLog.unavailable(log.name(), "cannot link the rule set " + version + " to its commit", e);
        }
    }

    @Override
    public String commitOf(String version) {
        try (Connection c = log.connection(); PreparedStatement ps = c.prepareStatement("SELECT source_commit FROM rulesets WHERE version = ?")) {
            ps.setString(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw PostgresDecisionLog.unavailable(log.name(), "cannot read the rule set " + version, e);
        }
    }

    /** Whether a rule set is stored, on the caller's connection (inside its transaction). */
    boolean has(Connection c, String version) throws SQLException {
        if (version == null) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM rulesets WHERE version = ?")) {
            ps.setString(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Every stored rule set's version, oldest first. */
    List<String> versions() {
        List<String> versions = new ArrayList<>();
        try (Connection c = log.connection(); PreparedStatement ps = c.prepareStatement("SELECT version FROM rulesets ORDER BY stored_at, version");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw PostgresDecisionLog.unavailable(log.name(), "cannot read the rule sets", e);
        }
        return versions;
    }

    @Override
    public RuleBase load(String version) {
        return loaded.computeIfAbsent(version, v -> RuleBase.load(folder(v)));
    }

    /** The rule set written out to a temporary folder, checked against its version. */
    synchronized Path folder(String version) {
        Path dir;
        try {
            dir = Files.createTempDirectory("advisor-ruleset-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary folder: " + e.getMessage(), e);
        }
        folders.add(dir);
        int files = 0;
        try (Connection c = log.connection();
                PreparedStatement ps = c.prepareStatement("SELECT path, content FROM ruleset_files WHERE version = ? ORDER BY path")) {
            ps.setString(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Path target = dir.resolve(rs.getString(1)).normalize();
                    // A path is data from the database: it must stay inside the folder.
                    if (!target.startsWith(dir) || target.equals(dir)) {
                        throw new InputException(Position.of(log.name()), "the rule set " + version + " holds a file outside its folder ("
                                + rs.getString(1) + ")");
                    }
                    Files.createDirectories(target.getParent());
                    Files.write(target, rs.getBytes(2));
                    files++;
                }
            }
        } catch (SQLException e) {
            throw PostgresDecisionLog.unavailable(log.name(), "cannot read the rule set " + version, e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the rule set to " + dir + ": " + e.getMessage(), e);
        }
        if (files == 0) {
            throw new InputException(Position.of(log.name()), "the rule set " + version + " is not in the log's rule sets");
        }
        String actual = RuleFiles.read(dir).version();
        if (!actual.equals(version)) {
            throw new InputException(Position.of(log.name()),
                    "the stored rule set was altered: its files hash to " + actual + ", not to its name " + version);
        }
        return dir;
    }

    synchronized void close() {
        for (Path dir : folders) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // A temporary folder left behind is harmless.
            }
        }
        folders.clear();
    }
}
