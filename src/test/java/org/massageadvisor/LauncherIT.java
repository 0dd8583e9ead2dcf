package org.massageadvisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/advisor}, the launcher with the class-data-sharing archive and the compiled-rule cache:
 * it answers exactly what {@code java -jar} answers, cold and warm, and two first runs at once both
 * succeed and leave one whole archive.
 */
class LauncherIT {

    private static final long TIMEOUT_SECONDS = 180;

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private Process start(Path cache, Path outFile, Path errFile, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", "bin/advisor"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        pb.environment().put("ADVISOR_CACHE", cache.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    private Run finish(Process p, Path outFile, Path errFile) throws IOException, InterruptedException {
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("bin/advisor did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Run(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8), Files.readString(errFile, StandardCharsets.UTF_8));
    }

    private Run advisor(Path cache, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        return finish(start(cache, out, err, args), out, err);
    }

    private Path profile() throws IOException {
        return Files.writeString(tmp.resolve("client-17.yaml"), TestRules.WORKED_EXAMPLE);
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void coldAndWarmRunsPrintWhatTheJarPrintsAndFillTheCache() throws IOException, InterruptedException {
        Path cache = tmp.resolve("cache");
        String client = profile().toString();

        Run cold = advisor(cache, "evaluate", client, "--json");
        Run warm = advisor(cache, "evaluate", client, "--json");

        assertThat(cold.code()).as(cold.err()).isZero();
        assertThat(warm.code()).as(warm.err()).isZero();
        assertThat(warm.out()).isEqualTo(cold.out()).contains("\"status\" : \"RECOMMENDED\"");
        assertThat(cold.err() + warm.err()).doesNotContain("cds").doesNotContain("Exception");
        assertThat(files(cache, ".jsa")).hasSize(1);
        assertThat(files(cache, ".bin")).hasSize(1);
        assertThat(files(cache, ".tmp")).isEmpty();
    }

    @Test
    void twoFirstRunsAtOnceBothSucceedAndLeaveOneArchive() throws IOException, InterruptedException {
        Path cache = tmp.resolve("cache");
        String client = profile().toString();
        Path out1 = tmp.resolve("o1");
        Path err1 = tmp.resolve("e1");
        Path out2 = tmp.resolve("o2");
        Path err2 = tmp.resolve("e2");

        Process a = start(cache, out1, err1, "evaluate", client);
        Process b = start(cache, out2, err2, "evaluate", client);
        Run ra = finish(a, out1, err1);
        Run rb = finish(b, out2, err2);

        assertThat(ra.code()).as(ra.err()).isZero();
        assertThat(rb.code()).as(rb.err()).isZero();
        assertThat(ra.out()).isEqualTo(rb.out()).contains("5-7 days");
        assertThat(files(cache, ".jsa")).hasSize(1);
        assertThat(files(cache, ".tmp")).isEmpty();
        Run after = advisor(cache, "evaluate", client);
        assertThat(after.code()).as(after.err()).isZero();
        assertThat(after.out()).isEqualTo(ra.out());
    }

    /**
     * The archive keeps only the classes of the run that made it: one made by --help or by a run that
     * failed would hold a small part of what an evaluation needs, for as long as the jar stays.
     */
    @Test
    void onlyASuccessfulEvaluationMakesTheArchive() throws IOException, InterruptedException {
        Path cache = tmp.resolve("cache");
        String client = profile().toString();

        Run help = advisor(cache, "--help");
        Run failed = advisor(cache, "evaluate", tmp.resolve("missing.yaml").toString());
        assertThat(help.code()).as(help.err()).isZero();
        assertThat(failed.code()).isNotZero();
        assertThat(Files.exists(cache) ? files(cache, ".jsa") : List.of()).isEmpty();

        Run evaluated = advisor(cache, "evaluate", client);
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(files(cache, ".jsa")).hasSize(1);
        assertThat(files(cache, ".tmp")).isEmpty();
    }

    @Test
    void aMissingJarIsABadInputMessageNotAStackTrace() throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder("bash", "bin/advisor", "evaluate", "x.yaml")
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("ADVISOR_JAR", tmp.resolve("nope.jar").toString());
        Run run = finish(pb.start(), out, err);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("nope.jar not found");
    }

    @Test
    void noJavaIsAnEnvironmentMessageNamingWhereItLooked() throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder("bash", "bin/advisor", "--version")
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("JAVA_HOME", tmp.resolve("no-jdk").toString());
        pb.environment().put("ADVISOR_CACHE", tmp.resolve("cache").toString());
        Run run = finish(pb.start(), out, err);

        assertThat(run.code()).isEqualTo(5);
        assertThat(run.err()).contains("no Java found (" + tmp.resolve("no-jdk").resolve("bin").resolve("java") + ")")
                .doesNotContain("stat:");
    }
}
