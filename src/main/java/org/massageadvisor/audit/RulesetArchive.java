package org.massageadvisor.audit;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleFiles;

/**
 * The exact files of every rule set a log has used, stored content-addressed beside the log
 * ({@code <log dir>/rulesets/<version hex>/...}), so a logged decision can be re-run with the rules
 * it was made with after the live rules have changed. A stored set is checked against its name (the
 * content hash) before it is trusted, and written under a temporary name then moved into place, so
 * a reader never sees half a rule set.
 */
public final class RulesetArchive implements RuleSets {

    /** Folders already checked in this process: a rule set is stored or verified once, not per decision. */
    private static final Set<Path> VERIFIED = ConcurrentHashMap.newKeySet();

    private final Path dir;

    public RulesetArchive(Path dir) {
        this.dir = dir;
    }

    /** The archive beside a log file: {@code <log dir>/rulesets}. */
    public static RulesetArchive besideLog(Path log) {
        Path parent = log.toAbsolutePath().getParent();
        return new RulesetArchive(parent.resolve("rulesets"));
    }

    public Path dir() {
        return dir;
    }

    public Path folderOf(String version) {
        return dir.resolve(Hashes.hex(version));
    }

    /** Stores the rule set unless it is there already; either way it is verified against its version. */
    public Path ensure(RuleFiles files) {
        Path target = folderOf(files.version());
        if (VERIFIED.contains(target.toAbsolutePath())) {
            return target;
        }
        try {
            if (!Files.isDirectory(target)) {
                Files.createDirectories(dir);
                Path tmp = dir.resolve(".tmp-" + UUID.randomUUID());
                for (Map.Entry<String, byte[]> f : files.files().entrySet()) {
                    Path p = tmp.resolve(f.getKey());
                    Files.createDirectories(p.getParent());
                    Files.write(p, f.getValue());
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                    // Another writer stored the same rule set first; its copy is verified below.
                    deleteTree(tmp);
                }
            }
        } catch (IOException e) {
            throw org.massageadvisor.io.EnvironmentException.of(target.toString(), "cannot store the rule set", e);
        }
        verify(target, files.version());
        return target;
    }

    @Override
    public void store(RuleFiles files) {
        ensure(files);
    }

    /** Written beside a set's folder as {@code <version hex>.commit}: outside the hashed files, like the database's column. */
    @Override
    public void linkCommit(String version, String commit) {
        Path file = dir.resolve(Hashes.hex(version) + ".commit");
        try {
            Path tmp = dir.resolve(".tmp-" + UUID.randomUUID());
            Files.writeString(tmp, commit + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw org.massageadvisor.io.EnvironmentException.of(file.toString(), "cannot link the rule set to its commit", e);
        }
    }

    @Override
    public String commitOf(String version) {
        Path file = dir.resolve(Hashes.hex(version) + ".commit");
        try {
            String text = Files.isRegularFile(file) ? Files.readString(file).strip() : null;
            return text != null && text.matches("[0-9a-f]{40}") ? text : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Compiles a stored rule set after checking that its files still hash to its version. */
    @Override
    public RuleBase load(String version) {
        Path folder = folderOf(version);
        if (!Files.isDirectory(folder)) {
            throw new InputException(Position.of(folder.toString()), "the rule set " + version + " is not in the archive");
        }
        verify(folder, version);
        return RuleBase.load(folder);
    }

    private static void verify(Path folder, String version) {
        String actual = RuleFiles.read(folder).version();
        if (!actual.equals(version)) {
            throw new InputException(Position.of(folder.toString()),
                    "the archived rule set was altered: its files hash to " + actual + ", not to its name " + version);
        }
        VERIFIED.add(folder.toAbsolutePath());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
