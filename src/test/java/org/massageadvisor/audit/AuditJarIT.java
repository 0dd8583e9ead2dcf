package org.massageadvisor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar: two processes appending to one log, and the audit and explain commands end to end. */
class AuditJarIT {

    private static final Path JAR = Path.of("target", "advisor.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path temp;

    private record Run(int exit, String out, String err) {
    }

    private static Process start(Path outFile, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(outFile.toFile()).redirectError(outFile.resolveSibling(outFile.getFileName() + ".err").toFile())
                .start();
    }

    private Run run(String... args) throws Exception {
        Path out = Files.createTempFile(temp, "out", ".txt");
        Process p = start(out, args);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the jar finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(out.resolveSibling(out.getFileName() + ".err")));
    }

    @Test
    void twoProcessesAppendingToOneLogKeepOneValidChain() throws Exception {
        Path log = temp.resolve("shared").resolve("decisions.jsonl");
        Process a = start(temp.resolve("a.txt"), "-cp", JAR.toString(), "org.massageadvisor.audit.AuditBenchmark", "append", "150", log.toString(), "rules-drl");
        Process b = start(temp.resolve("b.txt"), "-cp", JAR.toString(), "org.massageadvisor.audit.AuditBenchmark", "append", "150", log.toString(), "rules-drl");
        assertThat(a.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(b.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).as(Files.readString(temp.resolve("a.txt.err"))).isZero();
        assertThat(b.exitValue()).as(Files.readString(temp.resolve("b.txt.err"))).isZero();
        Run verify = run("-jar", JAR.toString(), "audit", "verify", log.toString());
        assertThat(verify.exit()).isZero();
        assertThat(verify.out()).startsWith(log + ": 300 decisions, chain intact");
        // Both writers' records are all there.
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(text.split("\"id\":\"p" + a.pid() + "-", -1)).hasSize(2 * 150 + 1);
        assertThat(text.split("\"id\":\"p" + b.pid() + "-", -1)).hasSize(2 * 150 + 1);
    }

    @Test
    void evaluateAuditThenTamperThenVerifyFailsWithTheLineNumber() throws Exception {
        Path profile = temp.resolve("client.yaml");
        Files.writeString(profile, "id: c1\ngoal: RELAXATION\nmassageType: SWEDISH\nactivityLevel: SEDENTARY\n");
        Path log = temp.resolve("log").resolve("decisions.jsonl");
        for (int i = 0; i < 2; i++) {
            assertThat(run("-jar", JAR.toString(), "evaluate", profile.toString(), "--audit", log.toString()).exit()).isZero();
        }
        Run replay = run("-jar", JAR.toString(), "audit", "replay", log.toString());
        assertThat(replay.exit()).isZero();
        assertThat(replay.out().trim()).isEqualTo("replayed 2 decisions with their archived rule sets: 0 differ");
        List<String> lines = Files.readAllLines(log);
        // Relaxation 7-14 (Swedish keeps the goal's range). Claim 6-14 instead.
        lines.set(0, lines.get(0).replace("\"minDays\":7", "\"minDays\":6"));
        Files.write(log, lines);
        Run verify = run("-jar", JAR.toString(), "audit", "verify", log.toString());
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out().trim()).isEqualTo(log + ":1: edited: the line's content no longer matches its hash");
    }

    @Test
    void explainWritesASelfContainedHtmlPage() throws Exception {
        Path profile = temp.resolve("client.yaml");
        Files.writeString(profile, "id: c1\ngoal: CHRONIC_PAIN\nmassageType: DEEP_TISSUE\nbodyResponse: [SORE]\nconditions: [HERNIATED_DISC]\n"
                + "activityLevel: SEDENTARY\n");
        Path html = temp.resolve("report.html");
        Run r = run("-jar", JAR.toString(), "explain", profile.toString(), "--format", "html", "--out", html.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("5-7 days between back massages.")
                .contains("<li>start: every 3-7 days").contains("(now 5-7 days)</li>");
        Run bad = run("-jar", JAR.toString(), "explain", profile.toString(), "--format", "pdf");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--format").doesNotContain("Exception");
    }
}
