package org.massageadvisor.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;

/**
 * The files of a rules folder, read once: their bytes (for the content hash), the DRL sources (for the
 * compiler) and where each rule is declared (for explanations and error messages).
 */
public final class RuleFiles {

    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)'|(\\S+))");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

    private final Path dir;
    private final Map<String, byte[]> files;
    private final String version;

    private RuleFiles(Path dir, Map<String, byte[]> files) {
        this.dir = dir;
        this.files = files;
        this.version = hash(files);
    }

    /** Reads every regular, non-hidden file under {@code dir}, in path order. */
    public static RuleFiles read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(Position.of(dir.toString()), "no rules folder here");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        // A clinician may keep the rules elsewhere and link them in: follow links.
        try (Stream<Path> walk = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            List<Path> paths = walk.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(dir.relativize(p)))
                    .sorted()
                    .toList();
            for (Path p : paths) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new InputException(Position.of(dir.toString()), "cannot read the rules folder: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new InputException(Position.of(dir.toString()), "cannot read the rules folder: " + e.getCause().getMessage());
        }
        if (files.keySet().stream().noneMatch(f -> f.endsWith(".drl"))) {
            throw new InputException(Position.of(dir.toString()), "no rule files (*.drl) in the rules folder");
        }
        return new RuleFiles(dir, files);
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    public Path dir() {
        return dir;
    }

    /** {@code sha256:} and the hex digest of every file's relative path and bytes, in path order. */
    public String version() {
        return version;
    }

    /** Relative path to bytes, for every file under the folder. */
    public Map<String, byte[]> files() {
        return files;
    }

    /** The relative paths of the DRL files, in the order they are compiled. */
    public List<String> drlFiles() {
        return files.keySet().stream().filter(f -> f.endsWith(".drl")).toList();
    }

    public String text(String relative) {
        return new String(files.get(relative), StandardCharsets.UTF_8);
    }

    /** The path to show users for a file of this folder, e.g. {@code rules-drl/goal-ranges.drl}. */
    public String display(String relative) {
        return dir.resolve(relative).toString();
    }

    /** The DRL {@code package} a file declares, or null. */
    public String packageOf(String relative) {
        Matcher m = PACKAGE.matcher(text(relative));
        return m.find() ? m.group(1) : null;
    }

    /** Where each rule is declared: its name, file and line. */
    public List<RuleInfo> declarations() {
        List<RuleInfo> out = new java.util.ArrayList<>();
        for (String file : drlFiles()) {
            String[] lines = text(file).split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = RULE.matcher(lines[i]);
                if (m.find()) {
                    String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                    out.add(new RuleInfo(name.replace("\\\"", "\"").replace("\\'", "'"), display(file), i + 1, Map.of()));
                }
            }
        }
        return out;
    }

    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Long.toString(e.getValue().length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(e.getValue());
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
