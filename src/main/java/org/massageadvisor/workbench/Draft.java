package org.massageadvisor.workbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A rules folder with some files replaced, written to a private temporary folder so that the same
 * check, compile and replay that serve the live rules can run on it; deleted on close.
 */
final class Draft implements AutoCloseable {

    private final Path dir;

    private Draft(Path dir) {
        this.dir = dir;
    }

    /** The files of {@code base} (relative name to bytes) with {@code changes} applied (an empty content removes a file). */
    static Draft of(Map<String, byte[]> base, Map<String, String> changes) {
        Path dir;
        try {
            dir = Files.createTempDirectory("advisor-draft-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the draft", e);
        }
        Draft draft = new Draft(dir);
        try {
            for (Map.Entry<String, byte[]> f : base.entrySet()) {
                if (!changes.containsKey(f.getKey())) {
                    draft.write(f.getKey(), f.getValue());
                }
            }
            for (Map.Entry<String, String> c : changes.entrySet()) {
                if (!c.getValue().isEmpty()) {
                    draft.write(c.getKey(), c.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            draft.close();
            throw new UncheckedIOException("cannot write the draft to " + dir, e);
        }
        return draft;
    }

    private void write(String relative, byte[] bytes) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    Path dir() {
        return dir;
    }

    /** A path the check reported (under the draft folder) as the rules-folder-relative name; others unchanged. */
    String relative(String reported) {
        if (reported == null) {
            return null;
        }
        String prefix = dir.toString();
        if (reported.equals(prefix)) {
            return "";
        }
        if (reported.startsWith(prefix + "/") || reported.startsWith(prefix + "\\")) {
            return reported.substring(prefix.length() + 1).replace('\\', '/');
        }
        return reported;
    }

    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
