package org.massageadvisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged program as users run it: {@code java -jar target/advisor.jar ...} in its own process
 * (run by failsafe after {@code package}). Every run is checked for stack traces.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "advisor.jar");
    private static final long TIMEOUT_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** Runs the jar with the project folder as working directory; fails on a timeout or a stack trace. */
    private Run advisor(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the packaged jar (mvn package)").isRegularFile();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("advisor " + String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        for (String stream : new String[] {run.out(), run.err()}) {
            assertThat(stream).as("output of advisor %s", String.join(" ", args))
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
        return run;
    }

    private String file(String name, String text) {
        Path p = tmp.resolve(name);
        RuleFolders.write(p, text);
        return p.toString();
    }

    @Test
    void theJarHoldsNoRules() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".drl") || n.endsWith("vocabulary.yaml"))).isEmpty();
        }
    }

    @Test
    void versionNamesTheBuild() throws Exception {
        // Found by this test: the manifest had no Implementation-Version, so the jar said "(development build)".
        Run run = advisor("--version");
        assertThat(run.code()).isEqualTo(0);
        assertThat(run.outLines()).first().isEqualTo("advisor 0.1.0");
        assertThat(run.outLines()).contains("Drools 10.2.0");
    }

    @Test
    void testRunsScenarioFilesAndEndsWithTheCount() throws Exception {
        Path dir = tmp.resolve("scenarios");
        RuleFolders.write(dir.resolve("worked-example.yaml"), """
                name: The worked example
                given:
                  goal: CHRONIC_PAIN
                  massageType: DEEP_TISSUE
                  bodyResponse: [SORE]
                  conditions: [HERNIATED_DISC]
                  activityLevel: SEDENTARY
                expect:
                  status: RECOMMENDED
                  interval: { minDays: 5, maxDays: 7 }
                  warnings: [{ code: CONSULT_DOCTOR, subject: HERNIATED_DISC }, ALLOW_RECOVERY]
                  tips: [LISTEN_TO_BODY, STRETCHING, POSTURE, EXERCISE, CONSULT_THERAPIST]
                """);
        RuleFolders.write(dir.resolve("injury/unapproved.yaml"), """
                name: Injury recovery without approval is referred
                given: { goal: INJURY_RECOVERY, massageType: SWEDISH, activityLevel: MODERATE, guidedByTherapist: true }
                expect:
                  status: REFER
                  interval: null
                  warnings: [MEDICAL_APPROVAL_REQUIRED]
                  noWarnings: [THERAPIST_GUIDANCE_REQUIRED]
                """);
        Run run = advisor("test", dir.toString());
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.outLines()).hasSize(3);
        assertThat(run.outLines().get(2)).matches("\\d+ passed, 0 failed").isEqualTo("2 passed, 0 failed");
    }

    @Test
    void testRunsTheShippedScenarios() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(TestRules.SCENARIOS), "no scenarios/ folder in this checkout yet");
        Run run = advisor("test");
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(0);
        List<String> lines = run.outLines();
        assertThat(lines.get(lines.size() - 1)).matches("\\d+ passed, 0 failed");
    }

    @Test
    void evaluateReadsYamlAndJson() throws Exception {
        Run yaml = advisor("evaluate", file("c1.yaml", TestRules.WORKED_EXAMPLE));
        assertThat(yaml.code()).as(yaml.err()).isEqualTo(0);
        assertThat(yaml.outLines().get(0)).isEqualTo("Client c1: leave 5-7 days between back massages (RECOMMENDED).");
        assertThat(yaml.err()).isEmpty();

        Run json = advisor("evaluate", "--json", file("c2.json", """
                {"id": "c2", "goal": "MAINTENANCE", "massageType": "SPORTS", "activityLevel": "ATHLETE"}
                """));
        assertThat(json.code()).as(json.err()).isEqualTo(0);
        JsonNode r = JSON.readTree(json.out());
        // 14-30, athlete 0/-2: 14-28; the intense floor is met.
        assertThat(r.get("id").asText()).isEqualTo("c2");
        assertThat(r.get("status").asText()).isEqualTo("RECOMMENDED");
        assertThat(r.get("interval").get("minDays").asInt()).isEqualTo(14);
        assertThat(r.get("interval").get("maxDays").asInt()).isEqualTo(28);
        assertThat(r.get("rulesetVersion").asText()).startsWith("sha256:");
    }

    @Test
    void badInputIsExitTwoWithOneLine() throws Exception {
        String unknown = file("typo.yaml", TestRules.WORKED_EXAMPLE.replace("DEEP_TISSUE", "DEEP_TISUE"));
        Run typo = advisor("evaluate", unknown);
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.errLines()).singleElement().asString()
                .startsWith("error: " + unknown + ":3:14: field 'massageType': unknown term (DEEP_TISUE); did you mean DEEP_TISSUE?");

        String malformed = file("malformed.yaml", "goal: RELAXATION\nmassageType: [SWEDISH\nactivityLevel: SEDENTARY\n");
        Run bad = advisor("evaluate", malformed);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.errLines()).containsExactly("error: " + malformed + ":3:14: not valid YAML: while parsing a flow sequence");

        Path missing = tmp.resolve("missing.json");
        Run none = advisor("evaluate", missing.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.errLines()).containsExactly("error: " + missing + ": no such file");
        assertThat(none.out()).isEmpty();
    }

    @Test
    void rulesThatDoNotCompileAreExitThreeNamingFileAndLine() throws Exception {
        Path rules = RuleFolders.copyShippedAsDrl(tmp.resolve("rules"));
        Path drl = rules.resolve("goal-ranges.drl");
        int thenLine = List.of(RuleFolders.read(drl).split("\n")).indexOf("    Client( goal == \"MAINTENANCE\" )") + 2;
        RuleFolders.replace(drl, "Client( goal == \"MAINTENANCE\" )", "Client( goal == \"MAINTENANCE\" ");
        Run run = advisor("evaluate", "--rules", rules.toString(), file("c1.yaml", TestRules.WORKED_EXAMPLE));
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("goal-ranges.drl:" + thenLine + ":1: ");
    }

    /**
     * The point of runtime compilation: a clinician adds a condition (a vocabulary line and a DRL
     * file) and the same jar uses it, with no rebuild.
     */
    @Test
    void aNewConditionAndItsRuleWorkWithoutRebuilding() throws Exception {
        String client = file("sciatica.yaml", """
                goal: RELAXATION
                massageType: SWEDISH
                conditions: [SCIATICA]
                activityLevel: ATHLETE
                """);
        Run before = advisor("evaluate", client);
        assertThat(before.code()).isEqualTo(2);
        assertThat(before.err()).contains("field 'conditions': unknown term (SCIATICA)");

        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        RuleFolders.addTerm(rules, "conditions", "SCIATICA: Pain along the sciatic nerve, down the back of the leg.");
        RuleFolders.write(rules.resolve("sciatica.drl"), """
                package org.massageadvisor.rules;

                import org.massageadvisor.client.Client;
                import org.massageadvisor.facts.*;
                global org.massageadvisor.facts.Conclusions conclusions;

                rule "Sciatica needs a doctor's advice"
                    @source("Factors That Affect Frequency: health conditions")
                    @description("Clients with sciatica are told to consult a doctor first.")
                when
                    Client( conditions contains "SCIATICA" )
                then
                    conclusions.add( new Warning( "CONSULT_DOCTOR", "SCIATICA", "With sciatica, ask your doctor first." ) );
                end
                """);
        Run after = advisor("evaluate", "--json", "--rules", rules.toString(), client);
        assertThat(after.code()).as(after.err()).isEqualTo(0);
        JsonNode r = JSON.readTree(after.out());
        assertThat(r.get("warnings")).hasSize(1);
        assertThat(r.get("warnings").get(0).get("code").asText()).isEqualTo("CONSULT_DOCTOR");
        assertThat(r.get("warnings").get(0).get("subject").asText()).isEqualTo("SCIATICA");
        assertThat(r.get("warnings").get(0).get("rule").asText()).isEqualTo("Sciatica needs a doctor's advice");
        // A listed condition is a health concern whatever its name: no gentle or athlete shortening, 7-14.
        assertThat(r.get("interval").get("minDays").asInt()).isEqualTo(7);
        assertThat(r.get("interval").get("maxDays").asInt()).isEqualTo(14);
    }
}
