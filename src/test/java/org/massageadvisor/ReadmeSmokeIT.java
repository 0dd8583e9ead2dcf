package org.massageadvisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every command block of README.md and of the docs/ pages (blocks whose first line starts with
 * {@code $ }) against the packaged jar, in a fresh copy of the project, and checks that each command
 * succeeds (or exits as its {@code (exit N)} line says) and prints what the page shows. The block
 * format is described at the end of README.md. With {@code -Dreadme.update=true} it rewrites every
 * shown output from the real runs instead of comparing.
 */
class ReadmeSmokeIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path JAR = ROOT.resolve("target/advisor.jar");
    private static final boolean UPDATE = Boolean.getBoolean("readme.update");
    /** What a fresh clone holds that the commands read. */
    private static final List<String> COPIED = List.of("README.md", "docs", "examples", "rules-drl", "scenarios");

    @TempDir
    Path tmp;

    static Stream<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(Path.of("README.md"));
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs.stream().filter(p -> !DocBlocks.parse(read(p)).isEmpty());
    }

    @Test
    void theReadmeHasCommandBlocks() {
        List<DocBlocks.Block> blocks = DocBlocks.parse(read(Path.of("README.md")));
        assertThat(blocks).as("README.md command blocks").hasSizeGreaterThanOrEqualTo(4);
        assertThat(blocks.stream().filter(b -> b.skip() == null)).as("blocks the smoke test runs").hasSizeGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyCommandBlockRunsAndPrintsWhatItShows(Path doc) throws Exception {
        assertThat(JAR).as("the packaged jar (run 'mvn package' first)").exists();
        Path work = freshCopy();
        List<String> lines = new ArrayList<>(read(doc));
        List<String> mismatches = new ArrayList<>();
        List<DocBlocks.Block> blocks = DocBlocks.parse(lines);
        // Replace from the last block up, so earlier line numbers stay valid while rewriting.
        List<List<String>> rewritten = new ArrayList<>();
        for (DocBlocks.Block block : blocks) {
            if (block.skip() != null) {
                rewritten.add(null);
                continue;
            }
            for (String setup : block.setup()) {
                Run r = run(work, setup);
                assertThat(r.code()).as(doc + ":" + block.fenceLine() + ": setup '" + setup + "' failed:\n" + r.output()).isZero();
            }
            List<String> replacement = new ArrayList<>();
            for (DocBlocks.Command command : block.commands()) {
                Run r = run(work, command.line());
                List<String> actual = trimTrailingBlank(r.output().lines().map(DocBlocks::stripEnd).toList());
                String where = doc + ":" + command.lineNumber() + ": $ " + command.line();
                if (r.code() != command.exitCode()) {
                    mismatches.add(where + "\n  exit " + r.code() + ", expected " + command.exitCode() + "\n" + indent(actual));
                } else if (!DocBlocks.matches(command, actual)) {
                    mismatches.add(where + "\n  shown:\n" + indent(command.output()) + "\n  printed:\n" + indent(actual));
                }
                replacement.addAll(DocBlocks.render(command, actual, r.code()));
            }
            rewritten.add(replacement);
        }
        if (UPDATE) {
            for (int i = blocks.size() - 1; i >= 0; i--) {
                if (rewritten.get(i) != null) {
                    DocBlocks.Block b = blocks.get(i);
                    List<String> section = lines.subList(b.firstLine(), b.lastLine() + 1);
                    section.clear();
                    section.addAll(rewritten.get(i));
                }
            }
            Files.writeString(doc, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return;
        }
        assertThat(mismatches).as("commands in " + doc + " whose result no longer matches the page "
                + "(rerun with -Dreadme.update=true to rewrite the shown outputs, then read the diff)").isEmpty();
    }

    private record Run(int code, String output) {
    }

    private Run run(Path work, String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", work.resolve(".smoke-bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("COLUMNS");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** The files a fresh clone has that commands read, the jar as target/advisor.jar, and {@code advisor} on the PATH. */
    private Path freshCopy() throws IOException {
        Path work = tmp.resolve("project");
        for (String name : COPIED) {
            copy(ROOT.resolve(name), work.resolve(name));
        }
        Files.createDirectories(work.resolve("target"));
        Files.createSymbolicLink(work.resolve("target/advisor.jar"), JAR);
        Path bin = Files.createDirectories(work.resolve(".smoke-bin"));
        Path advisor = bin.resolve("advisor");
        Files.writeString(advisor, "#!/bin/sh\nexec java -jar '" + JAR + "' \"$@\"\n");
        assertThat(advisor.toFile().setExecutable(true)).isTrue();
        return work;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static List<String> trimTrailingBlank(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return lines.subList(0, end);
    }

    private static String indent(List<String> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append("    | ").append(l).append('\n'));
        return b.toString();
    }

    static List<String> read(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Placeholders for what differs from run to run; applied to both the shown and the printed line. */
    static final List<Pattern> VARYING = List.of(
            Pattern.compile("\\d[\\d,.]* ms\\b"),
            Pattern.compile("(?<=\\()\\d[\\d,.]* s(?=,)"),
            Pattern.compile("\\d[\\d,.]* records/s"),
            Pattern.compile("\\d+ threads\\b"),
            Pattern.compile("(?<=last hash )sha256:[0-9a-f]{64}"),
            Pattern.compile("(?<=^Java ).*"));

    static String normalise(String line) {
        String s = line;
        for (Pattern p : VARYING) {
            Matcher m = p.matcher(s);
            s = m.replaceAll("<varies>");
        }
        return s;
    }
}
