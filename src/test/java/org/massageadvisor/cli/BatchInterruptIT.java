package org.massageadvisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.TestRules;
import org.massageadvisor.batch.ProfileGenerator;

/** The packaged jar, killed in the middle of a batch, leaves nothing under the report's name. */
class BatchInterruptIT {

    @TempDir
    Path dir;

    @Test
    void aBatchKilledMidwayLeavesNoReportAndNoTemporaryFile() throws IOException, InterruptedException {
        Path input = bigCsv();
        Path report = dir.resolve("report.jsonl");
        Process batch = new ProcessBuilder("java", "-jar", Path.of("target/advisor.jar").toAbsolutePath().toString(),
                "batch", input.toString(), "--out", report.toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("batch.log").toFile()).start();
        // Wait until the batch is writing its temporary report, then kill it (SIGTERM, as kill does).
        boolean writing = false;
        while (!writing && batch.isAlive()) {
            writing = temporaryFiles() > 0 && Files.size(onlyTemporaryFile()) > 0;
            if (!writing) {
                batch.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
        assertThat(writing).as("the batch should still be running: %s", Files.readString(dir.resolve("batch.log"))).isTrue();
        batch.destroy();
        assertThat(batch.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(report).doesNotExist();
        assertThat(dir.resolve("report.errors.jsonl")).doesNotExist();
        assertThat(temporaryFiles()).isZero();
    }

    /**
     * Killed while appending to its audit log, a batch leaves the decisions of the chunks it appended:
     * whole chunks (128 records each here, none rejected), in input order, on a chain that verifies.
     */
    @Test
    void aBatchKilledMidwayLeavesWholeChunksOfDecisionsOnAValidChain() throws IOException, InterruptedException {
        Path input = bigCsv();
        Path report = dir.resolve("report.jsonl");
        Path log = dir.resolve("audit").resolve("decisions.jsonl");
        Process batch = new ProcessBuilder("java", "-jar", Path.of("target/advisor.jar").toAbsolutePath().toString(),
                "batch", input.toString(), "--out", report.toString(), "--audit", log.toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("batch.log").toFile()).start();
        boolean logging = false;
        while (!logging && batch.isAlive()) {
            logging = Files.exists(log) && Files.size(log) > 0;
            if (!logging) {
                batch.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
        assertThat(logging).as("the batch should still be running: %s", Files.readString(dir.resolve("batch.log"))).isTrue();
        batch.destroy();
        assertThat(batch.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(report).doesNotExist();
        java.util.List<String> lines = Files.readAllLines(log);
        assertThat(lines).isNotEmpty();
        assertThat(lines.size() % 128).as("%d lines", lines.size()).isZero();
        assertThat(lines.size()).isLessThan(300_000);
        String last = lines.get(lines.size() - 1);
        assertThat(last).contains("\"seq\":" + lines.size() + ",").contains("\"input\":{\"id\":\"client-" + lines.size() + "\"");
        assertThat(org.massageadvisor.audit.AuditVerifier.verify(log).intact()).isTrue();
        // Killing is not a bug: a clean message, never "internal error: Stream closed".
        String said = Files.readString(dir.resolve("batch.log"));
        assertThat(said).doesNotContain("internal error").doesNotContain("Stream closed")
                .contains("interrupted: no report was written; the audit log keeps the " + lines.size() + " decisions appended so far");
    }

    private long temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    private Path onlyTemporaryFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".report.jsonl.")).findFirst().orElseThrow();
        }
    }

    /** 300,000 generated profiles: enough that the batch is still writing when it is killed. */
    private Path bigCsv() throws IOException {
        Path input = dir.resolve("big.csv");
        ProfileGenerator generator = new ProfileGenerator(TestRules.evaluator().ruleBase().vocabulary(), 3);
        try (Writer w = Files.newBufferedWriter(input)) {
            w.write(ProfileGenerator.csvHeader() + "\n");
            for (int i = 0; i < 300_000; i++) {
                w.write(ProfileGenerator.csvRow(generator.next()) + "\n");
            }
        }
        return input;
    }
}
