package org.massageadvisor.workbench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a change's files into the live rules folder as a set: every new content is first written
 * and forced to a hidden temporary file beside its target (the rules reader and the editor ignore
 * hidden names), then each is moved over its target. If any step fails, every file is put back as it
 * was, so the folder holds the old set or the new one.
 */
final class RuleFileWriter {

    private RuleFileWriter() {
    }

    /**
     * Writes {@code changes} (an empty content removes the file) and returns what the files held
     * before (null for a file that did not exist), for {@link #restore}.
     *
     * @throws IOException after putting every file back, if any write or move failed
     */
    static Map<String, byte[]> write(Path dir, Map<String, String> changes, FileOps ops) throws IOException {
        Map<String, byte[]> originals = new LinkedHashMap<>();
        for (String name : changes.keySet()) {
            Path target = dir.resolve(name);
            originals.put(name, Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(target) : null);
        }
        Map<String, Path> temps = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> c : changes.entrySet()) {
                temps.put(c.getKey(), c.getValue().isEmpty() ? null : staged(dir, c.getValue().getBytes(StandardCharsets.UTF_8)));
            }
            for (Map.Entry<String, Path> t : temps.entrySet()) {
                Path target = dir.resolve(t.getKey());
                if (t.getValue() == null) {
                    Path gone = dir.resolve(".wb-" + UUID.randomUUID() + ".removed");
                    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        ops.move(target, gone);
                        Files.deleteIfExists(gone);
                    }
                } else {
                    ops.move(t.getValue(), target);
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                restore(dir, originals);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e instanceof IOException io ? io : new IOException(e);
        } finally {
            for (Path t : temps.values()) {
                if (t != null) {
                    Files.deleteIfExists(t);
                }
            }
        }
        return originals;
    }

    /** Puts files back as they were: their old bytes, or no file for one that did not exist. */
    static void restore(Path dir, Map<String, byte[]> originals) throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (Map.Entry<String, byte[]> o : originals.entrySet()) {
            Path target = dir.resolve(o.getKey());
            try {
                if (o.getValue() == null) {
                    Files.deleteIfExists(target);
                } else if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), o.getValue())) {
                    FileOps.REAL.move(staged(dir, o.getValue()), target);
                }
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IOException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /** The bytes in a new hidden file of the folder, forced to disk. */
    private static Path staged(Path dir, byte[] bytes) throws IOException {
        Path tmp = dir.resolve(".wb-" + UUID.randomUUID() + ".tmp");
        Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        return tmp;
    }
}
