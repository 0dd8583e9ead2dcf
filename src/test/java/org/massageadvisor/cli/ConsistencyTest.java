package org.massageadvisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;

/** One behaviour for one thing, across commands: writing files, formats, versions, hints, counting, numbers. */
class ConsistencyTest {

    @TempDir
    Path tmp;

    private static CliTest.Result run(String... args) {
        return CliTest.run(args);
    }

    private String profile() {
        Path p = tmp.resolve("client.yaml");
        RuleFolders.write(p, TestRules.WORKED_EXAMPLE);
        return p.toString();
    }

    @Test
    void versionNamesTheProgramDroolsAndJava() {
        CliTest.Result r = run("--version");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("advisor ");
        assertThat(lines.get(1)).matches("Drools \\d+\\.\\d+\\.\\d+.*");
        assertThat(lines.get(2)).startsWith("Java ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evaluate", "test", "check", "batch", "generate", "explain", "watch", "audit"})
    void dashVOnASubcommandPrintsTheSameVersionNotNothing(String command) {
        CliTest.Result r = run(command, "-V");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(run("--version").out());
    }

    @Test
    void generateRefusesToOverwriteWithoutForce() throws Exception {
        Path out = tmp.resolve("p.csv");
        assertThat(run("generate", "--count", "2", "--out", out.toString()).code()).isZero();
        String first = Files.readString(out);
        CliTest.Result again = run("generate", "--count", "3", "--out", out.toString());
        assertThat(again.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err()).isEqualTo("error: " + out + ": already exists; add --force to overwrite it" + System.lineSeparator());
        assertThat(Files.readString(out)).isEqualTo(first);
        assertThat(run("generate", "--count", "3", "--out", out.toString(), "--force").code()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(4);
    }

    @Test
    void explainRefusesToOverwriteWithoutForce() throws Exception {
        Path out = tmp.resolve("why.txt");
        Files.writeString(out, "keep me");
        CliTest.Result r = run("explain", profile(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("already exists; add --force");
        assertThat(Files.readString(out)).isEqualTo("keep me");
        assertThat(run("explain", profile(), "--out", out.toString(), "--force").code()).isZero();
        assertThat(Files.readString(out)).startsWith("Client ");
    }

    @Test
    void theFormatFollowsTheExtensionUnlessFormatSaysOtherwise() throws Exception {
        Path jsonl = tmp.resolve("p.jsonl");
        assertThat(run("generate", "--count", "2", "--out", jsonl.toString()).code()).isZero();
        assertThat(Files.readAllLines(jsonl)).allMatch(l -> l.startsWith("{"));
        Path csvNamedJsonl = tmp.resolve("q.jsonl");
        assertThat(run("generate", "--count", "2", "--out", csvNamedJsonl.toString(), "--format", "csv").code()).isZero();
        assertThat(Files.readAllLines(csvNamedJsonl).get(0)).startsWith("id,goal,");

        Path report = tmp.resolve("r.csv");
        CliTest.Result batch = run("batch", jsonl.toString(), "--out", report.toString(), "--quiet");
        assertThat(batch.code()).isZero();
        assertThat(Files.readAllLines(report).get(0)).isEqualTo("id,status,minDays,maxDays,warnings,tips,earliest,latest");
        assertThat(tmp.resolve("r.errors.csv")).exists();

        Path html = tmp.resolve("why.html");
        assertThat(run("explain", profile(), "--out", html.toString()).code()).isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>");
        Path md = tmp.resolve("why.md");
        assertThat(run("explain", profile(), "--out", md.toString()).code()).isZero();
        assertThat(Files.readString(md)).startsWith("#");
    }

    @Test
    void anUnknownFormatIsBadUsage() {
        CliTest.Result r = run("generate", "--count", "1", "--format", "xml");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--format must be csv or jsonl (xml)");
    }

    @Test
    void noRulesFolderSaysHowToPointAtOne() {
        CliTest.Result r = run("test", "--rules", tmp.resolve("nowhere").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("no rules folder here").contains("--rules DIR");
    }

    @Test
    void aScenarioThatCannotBeReadCountsOnceAsAnError() {
        Path dir = tmp.resolve("scenarios");
        RuleFolders.write(dir.resolve("good.yaml"), """
                given: { goal: RELAXATION, massageType: SWEDISH, activityLevel: SEDENTARY }
                """);
        RuleFolders.write(dir.resolve("wrong.yaml"), """
                given: { goal: RELAXATION, massageType: SWEDISH, activityLevel: SEDENTARY }
                expect: { status: REFER }
                """);
        RuleFolders.write(dir.resolve("broken.yaml"), """
                given: { goal: RELAXATION, massageType: SWEDISH, activityLevel: SEDENTARY }
                expect: { stauts: REFER }
                """);
        CliTest.Result r = run("test", dir.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.stream().filter(l -> l.startsWith("ERROR"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.startsWith("FAIL"))).hasSize(1);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("1 passed, 1 failed, 1 error").matches("^(\\d+) passed, (\\d+) failed.*");
    }

    @Test
    void theTallyLineKeepsTheContractFormWithoutErrors() {
        assertThat(TestCommand.tally(3, 0, 0)).isEqualTo("3 passed, 0 failed");
        assertThat(TestCommand.tally(3, 1, 2)).isEqualTo("3 passed, 1 failed, 2 errors");
    }

    @Test
    void checkNeverSaysSkippedTwice() {
        CliTest.Result r = run("check", "--skip-verification", "--quiet");
        assertThat(r.out()).contains("verify     skipped  --skip-verification was given").doesNotContain("skipped  skipped");
    }

    @Test
    void auditVerifySaysWhyItTakesNoRules() {
        CliTest.Result r = run("audit", "verify", "--help");
        assertThat(r.out().replaceAll("\\s+", " ")).contains("so it takes no --rules");
    }
}
