package org.massageadvisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.InputException;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.recommendation.Status;

/** A bad scenario file is an error naming the file, the line and column, and the key; never ignored. */
class ScenarioReaderTest {

    private static final String CLIENT = """
            given:
              goal: RELAXATION
              massageType: SWEDISH
              activityLevel: SEDENTARY
            """;

    @TempDir
    Path dir;

    private final ScenarioReader reader = reader();

    private static ScenarioReader reader() {
        RuleBase rules = TestRules.evaluator().ruleBase();
        return new ScenarioReader(rules.vocabulary(), rules.rules().keySet());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    // An unknown top-level key is an error with the closest allowed key.
    @Test
    void unknownTopLevelKeySuggestsTheClosest() throws IOException {
        Path file = write("typo.yaml", "name: Typo in a top-level key\n" + CLIENT + """
                expcet:
                  status: RECOMMENDED
                """);
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ":6:1: unknown key (expcet) in a scenario; did you mean expect?"
                        + " Allowed: name, description, given, expect");
    }

    // An unknown key under expect is an error with the closest expect key.
    @Test
    void unknownExpectKeySuggestsTheClosest() throws IOException {
        Path file = write("expect-typo.yaml", "name: Typo in an expect key\n" + CLIENT + """
                expect:
                  status: RECOMMENDED
                  warning: [ALLOW_RECOVERY]
                """);
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ":8:3: unknown key (warning) in 'expect'; did you mean warnings?"
                        + " Allowed: status, interval, warnings, noWarnings, tips, noTips, fired, notFired, firstWarning");
    }

    // A misspelt term in the client profile names the field and suggests the term.
    @Test
    void badTermInGivenSuggestsTheClosestTerm() throws IOException {
        Path file = write("bad-goal.yaml", """
                name: Misspelt goal
                given:
                  goal: RELAXTION
                  massageType: SWEDISH
                  activityLevel: SEDENTARY
                """);
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ":3:9: field 'goal': unknown term (RELAXTION); did you mean RELAXATION?"
                        + " Known: RELAXATION, CHRONIC_PAIN, INJURY_RECOVERY, MAINTENANCE");
    }

    // A warning code that the vocabulary does not know is an error, not a check that can never pass.
    @Test
    void badWarningCodeSuggestsTheClosestCode() throws IOException {
        Path file = write("bad-warning.yaml", "name: Misspelt warning\n" + CLIENT + """
                expect:
                  warnings: [CONSULT_DOCTER]
                """);
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ":7:14: field 'warnings': unknown term (CONSULT_DOCTER); did you mean CONSULT_DOCTOR?"
                        + " Known: CONSULT_DOCTOR, MEDICAL_APPROVAL_REQUIRED, THERAPIST_GUIDANCE_REQUIRED, ALLOW_RECOVERY,"
                        + " GENTLE_SESSIONS_ADVISED, GENTLE_PRESSURE_ADVISED, PRENATAL_THERAPIST_ADVISED, REVIEW_PLAN,"
                        + " FRAILTY_PRECAUTION, NO_INTERVAL");
    }

    // A text where a number of days belongs is a type error naming the key and the value.
    @Test
    void wrongTypeForMinDaysNamesTheValue() throws IOException {
        Path file = write("bad-type.yaml", "name: Days in words\n" + CLIENT + """
                expect:
                  interval:
                    minDays: "five"
                """);
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ":8:14: field 'minDays': expected a whole number or { atLeast: N, atMost: N },"
                        + " got a text (five)");
    }

    // A rule name in fired that no rule has is an error with the closest rule name.
    @Test
    void misspeltWarningSubjectIsAnErrorNotASilentPass() throws IOException {
        Path file = write("bad-subject.yaml", "name: Misspelt subject\n" + CLIENT + """
                expect:
                  noWarnings:
                    - { code: CONSULT_DOCTOR, subject: NERVE_ISSEU }
                """);
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ":8:40: field 'subject': unknown term (NERVE_ISSEU); did you mean NERVE_ISSUE?");
    }

    @Test
    void unknownRuleNameInFiredSuggestsTheClosestRule() throws IOException {
        Path file = write("bad-rule.yaml", "name: Misremembered rule\n" + CLIENT + """
                expect:
                  fired:
                    - "Relaxation calls for a session every two weeks"
                """);
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ":8:7: field 'fired': no rule is named \"Relaxation calls for a session every two weeks\";"
                        + " did you mean \"Relaxation calls for a session every one to two weeks\"?");
    }

    // A scenario without a client is an error at the top of the file.
    @Test
    void missingGivenIsAnError() throws IOException {
        Path file = write("no-given.yaml", """
                name: No client
                expect:
                  status: REFER
                """);
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ":1:1: key 'given' is missing: a scenario needs a client profile");
    }

    // The runner reports a bad file as an error result carrying the same message, instead of throwing.
    @Test
    void runnerReportsABadFileAsAnError() throws IOException {
        Path file = write("no-given.yaml", "name: No client\n");
        ScenarioResult result = new ScenarioRunner(TestRules.evaluator()).run(file);
        assertThat(result.isError()).isTrue();
        assertThat(result.passed()).isFalse();
        assertThat(result.error()).isEqualTo(file + ":1:1: key 'given' is missing: a scenario needs a client profile");
    }

    // Our extensions read as documented: description, {code, subject}, noTips, interval: null, atLeast/atMost.
    @Test
    void extensionsAreRead() throws IOException {
        Path file = write("extensions.yaml", """
                name: Extensions
                description: Every extension of the contract's format at once.
                given:
                  goal: injury_recovery
                  massageType: Swedish
                  activityLevel: sedentary
                expect:
                  status: refer
                  interval: null
                  warnings:
                    - MEDICAL_APPROVAL_REQUIRED
                    - { code: consult_doctor, subject: nerve_issue }
                  noTips: [CONSULT_THERAPIST]
                """);
        Scenario s = reader.read(file);
        assertThat(s.name()).isEqualTo("Extensions");
        assertThat(s.given().goal()).isEqualTo("INJURY_RECOVERY");
        assertThat(s.given().massageType()).isEqualTo("SWEDISH");
        assertThat(s.expect().status()).isEqualTo(Status.REFER);
        assertThat(s.expect().noInterval()).isTrue();
        assertThat(s.expect().warnings()).containsExactly(new ExpectedWarning("MEDICAL_APPROVAL_REQUIRED", null),
                new ExpectedWarning("CONSULT_DOCTOR", "NERVE_ISSUE"));
        assertThat(s.expect().noTips()).containsExactly("CONSULT_THERAPIST");

        Path bounds = write("bounds.yaml", "name: Bounds\n" + CLIENT + """
                expect:
                  interval:
                    minDays: { atLeast: 2, atMost: 6 }
                    maxDays: { atMost: 14 }
                """);
        Expectation e = reader.read(bounds).expect();
        assertThat(e.minDays()).isEqualTo(new Bound(null, 2, 6));
        assertThat(e.maxDays()).isEqualTo(new Bound(null, null, 14));
        assertThat(e.fired()).isEqualTo(List.of());
    }
}
