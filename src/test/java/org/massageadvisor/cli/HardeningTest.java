package org.massageadvisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.audit.AuditVerifier;

/** Hostile and careless use of the commands: outputs on inputs, formula ids, control characters, huge files, links out of the rules folder. */
class HardeningTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path rules;

    @BeforeEach
    void shippedRules() {
        rules = TestRules.RULES.toAbsolutePath();
    }

    private int advisor(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        String[] all = Stream.concat(Stream.of(args), Stream.of("--rules", rules.toString())).toArray(String[]::new);
        if (args[0].equals("audit")) {
            all = args;
        }
        return AdvisorCommand.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Path clientsCsv() throws IOException {
        return write("clients.csv", """
                id,goal,massageType,activityLevel
                c1,CHRONIC_PAIN,DEEP_TISSUE,SEDENTARY
                c2,RELAXATION,SWEDISH,SEDENTARY
                """);
    }

    // --- outputs that would destroy an input or the log ---

    @Test
    void batchRefusesOutOrErrorsOnTheAuditLogOrAnInputEvenWithForce() throws IOException {
        Path csv = clientsCsv();
        Path log = dir.resolve("decisions.jsonl");
        assertThat(advisor("evaluate", write("p.yaml", TestRules.WORKED_EXAMPLE).toString(), "--audit", log.toString())).isZero();
        String logBefore = Files.readString(log);
        String csvBefore = Files.readString(csv);

        assertThat(advisor("batch", csv.toString(), "--out", log.toString(), "--audit", log.toString(), "--force", "--quiet"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--out is the same file as --audit");
        assertThat(advisor("batch", csv.toString(), "--out", csv.toString(), "--force", "--quiet")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--out is the same file as input");
        assertThat(advisor("batch", csv.toString(), "--out", dir.resolve("r.jsonl").toString(), "--errors", csv.toString(), "--force",
                "--quiet")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--errors is the same file as input");
        assertThat(advisor("batch", csv.toString(), "--out", dir.resolve("r.jsonl").toString(), "--errors", log.toString(),
                "--audit", log.toString(), "--quiet")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(advisor("batch", csv.toString(), "--out", dir.resolve("r.jsonl").toString(), "--errors", dir.resolve("r.jsonl").toString(),
                "--quiet")).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(Files.readString(log)).isEqualTo(logBefore);
        assertThat(Files.readString(csv)).isEqualTo(csvBefore);
        assertThat(AuditVerifier.verify(log).intact()).isTrue();
    }

    @Test
    void aLinkedOrNotYetExistingPathIsComparedAsTheFileItWouldBe() throws IOException {
        Path csv = clientsCsv();
        Path link = dir.resolve("link.csv");
        Files.createSymbolicLink(link, csv);
        assertThat(advisor("batch", link.toString(), "--out", dir.resolve("sub/../clients.csv").toString(), "--force", "--quiet"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        Path log = dir.resolve("new/decisions.jsonl");
        assertThat(advisor("batch", csv.toString(), "--out", dir.resolve("new/../new/decisions.jsonl").toString(), "--audit", log.toString(),
                "--quiet")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Files.readString(csv)).startsWith("id,goal");
    }

    @Test
    void evaluateAndExplainRefuseToWriteOverTheirProfileOrIntoTheRulesFolder() throws IOException {
        Path profile = write("p.yaml", TestRules.WORKED_EXAMPLE);
        assertThat(advisor("evaluate", profile.toString(), "--audit", profile.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(advisor("explain", profile.toString(), "--out", profile.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(advisor("explain", profile.toString(), "--out", rules.resolve("goal-ranges.csv").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("is inside --rules");
        assertThat(Files.readString(profile)).isEqualTo(TestRules.WORKED_EXAMPLE);
    }

    // --- audit commands ---

    @Test
    void auditKeyAnchorAndRepairFromTheCommandLine() throws IOException {
        Path profile = write("p.yaml", TestRules.WORKED_EXAMPLE);
        Path key = dir.resolve("audit.key");
        Files.write(key, "a secret of at least sixteen bytes".getBytes(StandardCharsets.US_ASCII));
        Path log = dir.resolve("log/decisions.jsonl");
        assertThat(advisor("evaluate", profile.toString(), "--audit", log.toString(), "--audit-key", key.toString())).isZero();
        assertThat(advisor("evaluate", profile.toString(), "--audit", log.toString(), "--audit-key", key.toString())).isZero();

        assertThat(advisor("audit", "verify", log.toString(), "--key", key.toString())).as(out.toString()).isZero();
        assertThat(out.toString()).contains("2 decisions, chain intact").contains("every mac matches the key");
        Files.write(key, "another secret, sixteen bytes or more".getBytes(StandardCharsets.US_ASCII));
        assertThat(advisor("audit", "verify", log.toString(), "--key", key.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains("decisions.jsonl:1: the mac does not match");

        assertThat(advisor("audit", "anchor", log.toString())).isZero();
        String head = out.toString().trim();
        assertThat(head).matches("2:sha256:[0-9a-f]{64}");
        Files.write(log, Files.readAllLines(log).subList(0, 1));
        assertThat(advisor("audit", "verify", log.toString())).isZero();
        assertThat(advisor("audit", "verify", log.toString(), "--expect-head", head)).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains("cut off the end");
        assertThat(advisor("audit", "verify", log.toString(), "--expect-head", "two")).isEqualTo(ExitCodes.BAD_INPUT);

        Files.writeString(log, "{\"seq\":2,\"deci", java.nio.file.StandardOpenOption.APPEND);
        assertThat(advisor("audit", "repair", log.toString())).isZero();
        assertThat(out.toString()).contains("removed 1 incomplete line (14 bytes) after decision #1");
    }

    // --- safe outputs ---

    @Test
    void formulaIdsAreNeutralisedInTheCsvReportAndErrorReport() throws IOException {
        Path csv = write("clients.csv", """
                id,goal,massageType,activityLevel
                "=HYPERLINK(""http://x"",""click"")",CHRONIC_PAIN,DEEP_TISSUE,SEDENTARY
                +cmd|' /C calc'!A0,RELAXATION,SWEDISH,SEDENTARY
                @SUM(1+1),RELAXATION,SWEDISH,SEDENTARY
                -2+3,RELAXATION,SWEDISH,SEDENTARY
                "\tx",RELAXATION,SWEDISH,SEDENTARY
                =bad,NAPPING,SWEDISH,SEDENTARY
                """);
        Path report = dir.resolve("report.csv");
        assertThat(advisor("batch", csv.toString(), "--out", report.toString(), "--format", "csv", "--quiet")).isEqualTo(ExitCodes.BAD_INPUT);
        List<String> rows = Files.readAllLines(report);
        assertThat(rows.get(1)).startsWith("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",RECOMMENDED,");
        assertThat(rows.get(2)).startsWith("\"'+cmd|' /C calc'!A0\",");
        assertThat(rows.get(3)).startsWith("\"'@SUM(1+1)\",");
        assertThat(rows.get(4)).startsWith("\"'-2+3\",");
        assertThat(rows.get(5)).startsWith("\"'\tx\",");
        for (String row : rows.subList(1, rows.size())) {
            assertThat(row.charAt(0)).as(row).isIn('"', 'c');
            assertThat(row.charAt(1)).as(row).isEqualTo('\'');
        }
    }

    @Test
    void controlCharactersInAnIdAreEscapedOnTheTerminal() throws IOException {
        Path profile = write("p.yaml", "id: \"x\\r\\e[2K\\e[32mClient x: leave 1 day\\u202e\"\n" + TestRules.WORKED_EXAMPLE.substring(TestRules.WORKED_EXAMPLE.indexOf('\n') + 1));
        assertThat(advisor("evaluate", profile.toString())).isZero();
        assertThat(out.toString()).contains("Client x\\r\\u001b[2K\\u001b[32mClient x: leave 1 day\\u202e: leave 5-7 days")
                .doesNotContain("\r").doesNotContain("\u001b").doesNotContain("\u202e");
        assertThat(advisor("explain", profile.toString())).isZero();
        assertThat(out.toString()).contains("\\u001b[32m").doesNotContain("\u001b").doesNotContain("\r");
        Path log = dir.resolve("decisions.jsonl");
        assertThat(advisor("evaluate", profile.toString(), "--audit", log.toString(), "--json")).isZero();
        assertThat(out.toString().toLowerCase(java.util.Locale.ROOT)).contains("\\r\\u001b[2k").doesNotContain("\u001b");
        // A term with an escape is refused; the message shows the escape, not the raw byte.
        Path bad = write("bad.yaml", "goal: \"CHRONIC\\e[31m_PAIN\\r\"\nmassageType: SWEDISH\nactivityLevel: SEDENTARY\n");
        assertThat(advisor("evaluate", bad.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("CHRONIC\\u001b[31m_PAIN)").doesNotContain("\u001b").doesNotContain("\r");
        // Replay prints the logged id in its table.
        Path other = Files.createDirectories(dir.resolve("edited"));
        RuleFolders.copyShipped(other);
        RuleFolders.replace(other.resolve("goal-ranges.csv"), ",CHRONIC_PAIN,,,X,3,7,", ",CHRONIC_PAIN,,,X,4,7,");
        assertThat(advisor("audit", "replay", log.toString(), "--against", other.toString())).isZero();
        assertThat(out.toString()).contains("x\\r\\u001b[2K").doesNotContain("\u001b").doesNotContain("\r");
    }

    // --- bounded inputs ---

    @Test
    void aHugeSingleLineYamlProfileIsRefusedBeforeParsing() throws IOException {
        Path huge = dir.resolve("huge.yaml");
        try (var w = Files.newBufferedWriter(huge)) {
            w.write("id: \"");
            char[] chunk = new char[1 << 16];
            java.util.Arrays.fill(chunk, 'a');
            for (int i = 0; i < 512; i++) {
                w.write(chunk);
            }
            w.write("\"\n");
        }
        assertThat(Files.size(huge)).isGreaterThan(32L << 20);
        assertThat(advisor("evaluate", huge.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("huge.yaml: the profile is 32.0 MB; the limit is 1.0 MB");
    }

    @Test
    void yamlIsReadUnderTheCoreSchema() throws IOException {
        Path profile = write("p.yaml", TestRules.WORKED_EXAMPLE + "weeksInTreatment: 010\nguidedByTherapist: yes\n");
        assertThat(advisor("evaluate", profile.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("field 'guidedByTherapist': expected true or false, got a text (yes)");
        write("p.yaml", TestRules.WORKED_EXAMPLE + "weeksInTreatment: 010\nmedicalApproval: on\n");
        assertThat(advisor("evaluate", profile.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("got a text (on)");
        write("p.yaml", TestRules.WORKED_EXAMPLE + "weeksInTreatment: 010\nmedicalApproval: True\n");
        assertThat(advisor("evaluate", profile.toString(), "--json")).isZero();
        assertThat(out.toString()).contains("\"weeksInTreatment\" : 10,").contains("\"medicalApproval\" : true");
        write("p.yaml", TestRules.WORKED_EXAMPLE + "weeksInTreatment: 0o10\nsymptomTrend:\n");
        assertThat(advisor("evaluate", profile.toString(), "--json")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"weeksInTreatment\" : 8,").contains("\"symptomTrend\" : \"STABLE\"");
        write("p.yaml", TestRules.WORKED_EXAMPLE + "weeksInTreatment: &w 3\nsymptomTrend: *w\n");
        assertThat(advisor("evaluate", profile.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("a YAML alias");
    }

    @Test
    void anOversizedRuleFileIsRefusedBeforeItIsCompiled() throws IOException {
        Path copy = RuleFolders.copyShipped(dir.resolve("rules"));
        Files.writeString(copy.resolve("huge.drl"), "package rules;\n" + "// padding\n".repeat(200_000));
        rules = copy;
        assertThat(advisor("evaluate", write("p.yaml", TestRules.WORKED_EXAMPLE).toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("huge.drl: the rule file is 2.1 MB; the limit is 1.0 MB");
    }

    @Test
    void aLinkInTheRulesFolderThatLeadsOutsideIsRefused() throws IOException {
        Path copy = RuleFolders.copyShipped(dir.resolve("rules"));
        Path outside = write("elsewhere/extra.drl", "package rules;\n");
        Files.createSymbolicLink(copy.resolve("extra.drl"), outside);
        rules = copy;
        assertThat(advisor("evaluate", write("p.yaml", TestRules.WORKED_EXAMPLE).toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("extra.drl: a link to " + outside.toRealPath() + ", outside the rules folder");
    }

    @Test
    void onlyRuleFilesAreHashedAndArchivedNeverASecretBesideThem() throws IOException {
        Path copy = RuleFolders.copyShipped(dir.resolve("rules"));
        Files.writeString(copy.resolve("db-password.txt"), "hunter2");
        Files.createDirectories(copy.resolve("notes"));
        Files.writeString(copy.resolve("notes/secret.yaml"), "token: abc");
        rules = copy;
        Path log = dir.resolve("log/decisions.jsonl");
        assertThat(advisor("evaluate", write("p.yaml", TestRules.WORKED_EXAMPLE).toString(), "--audit", log.toString())).isZero();
        try (Stream<Path> archived = Files.walk(dir.resolve("log/rulesets"))) {
            List<String> names = archived.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertThat(names).contains("goal-ranges.csv", "vocabulary.yaml", "invariants.yaml")
                    .doesNotContain("db-password.txt", "secret.yaml");
        }
        // The version is the shipped rule set's: the extra files do not count.
        rules = TestRules.RULES.toAbsolutePath();
        assertThat(advisor("evaluate", write("p.yaml", TestRules.WORKED_EXAMPLE).toString(), "--json")).isZero();
        String shipped = out.toString().replaceAll("(?s).*\"rulesetVersion\" : \"([^\"]+)\".*", "$1");
        assertThat(Files.readAllLines(log).get(0)).contains("\"rulesetVersion\":\"" + shipped + "\"");
    }

    // --- exit codes and CSV details ---

    @Test
    void aFolderWhereAFileIsExpectedIsAnEnvironmentFailure() throws IOException {
        Path csv = clientsCsv();
        Path folder = Files.createDirectories(dir.resolve("report.jsonl"));
        assertThat(advisor("batch", csv.toString(), "--out", folder.toString(), "--force", "--quiet")).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("report.jsonl: is a folder").doesNotContain("internal error");
        Path profile = write("p.yaml", TestRules.WORKED_EXAMPLE);
        assertThat(advisor("evaluate", profile.toString(), "--audit", folder.toString())).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("it is a folder").doesNotContain("internal error");
        assertThat(advisor("explain", profile.toString(), "--out", folder.toString())).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(advisor("evaluate", "--help")).isZero();
        assertThat(out.toString()).contains("5   the machine stopped the command");
    }

    @Test
    void aCsvWithAByteOrderMarkIsReadAndAnUnclosedQuoteIsReportedWhereItOpens() throws IOException {
        Path csv = dir.resolve("excel.csv");
        Files.write(csv, ("\uFEFFid,goal,massageType,activityLevel\nc1,CHRONIC_PAIN,DEEP_TISSUE,SEDENTARY\n"
                + "c2,RELAXATION,\"SWEDISH,SEDENTARY\nc3,RELAXATION,SWEDISH,SEDENTARY\nc4,RELAXATION,SWEDISH,SEDENTARY\n").getBytes(StandardCharsets.UTF_8));
        Path report = dir.resolve("report.jsonl");
        assertThat(advisor("batch", csv.toString(), "--out", report.toString(), "--quiet")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Files.readAllLines(report)).hasSize(1).allMatch(l -> l.contains("\"id\":\"c1\""));
        assertThat(err.toString()).contains("excel.csv:3: not valid CSV, the rest of the file is skipped: a quote opened on this line is never closed");
    }

    @Test
    void aJsonlLineOverTheRecordLimitIsOneBadRecordAndTheBatchGoesOn() throws IOException {
        Path jsonl = dir.resolve("clients.jsonl");
        Files.writeString(jsonl, "{\"id\":\"" + "a".repeat((1 << 20) + 10) + "\"}\n"
                + "{\"id\":\"ok\",\"goal\":\"RELAXATION\",\"massageType\":\"SWEDISH\",\"activityLevel\":\"SEDENTARY\"}\n");
        Path report = dir.resolve("report.jsonl");
        assertThat(advisor("batch", jsonl.toString(), "--out", report.toString(), "--quiet")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("clients.jsonl:1:1: the line is 1.0 MB; a record may be at most 1.0 MB");
        assertThat(Files.readAllLines(report)).hasSize(1);
    }
}
