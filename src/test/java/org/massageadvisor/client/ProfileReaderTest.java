package org.massageadvisor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.TestRules;

/** Profiles in, validated clients out; every bad input is one line naming file:line:col and the field. */
class ProfileReaderTest {

    private final ProfileReader reader = new ProfileReader(TestRules.evaluator().ruleBase().vocabulary());

    private Client yaml(String text) {
        return reader.read(Node.read(ProfileReader.mapperFor("p.yaml"), new StringReader(text), "p.yaml"));
    }

    private Client json(String text) {
        return reader.read(Node.read(ProfileReader.mapperFor("p.json"), new StringReader(text), "p.json"));
    }

    private static final String VALID = """
            goal: CHRONIC_PAIN
            massageType: DEEP_TISSUE
            activityLevel: SEDENTARY
            """;

    @Test
    void aValidProfileGetsTheContractDefaults() {
        Client c = yaml(VALID);
        assertThat(c).isEqualTo(new Client(null, "CHRONIC_PAIN", "DEEP_TISSUE", List.of(), List.of(), "SEDENTARY",
                false, false, 0, "STABLE"));
    }

    @Test
    void everyFieldIsRead() {
        Client c = json("""
                {"id": "client-17", "goal": "INJURY_RECOVERY", "massageType": "SPORTS", "bodyResponse": ["SORE", "FATIGUED"],
                 "conditions": ["NERVE_ISSUE"], "activityLevel": "ATHLETE", "medicalApproval": true,
                 "guidedByTherapist": true, "weeksInTreatment": 6, "symptomTrend": "IMPROVING"}
                """);
        assertThat(c).isEqualTo(new Client("client-17", "INJURY_RECOVERY", "SPORTS", List.of("FATIGUED", "SORE"),
                List.of("NERVE_ISSUE"), "ATHLETE", true, true, 6, "IMPROVING"));
    }

    @Test
    void anAgeIsWholeYearsFromZeroTo120AndOptional() {
        assertThat(yaml(VALID + "age: 70\n").age()).isEqualTo(70);
        assertThat(yaml(VALID + "age: \"0\"\n").age()).isZero();
        assertThat(json("{\"goal\": \"RELAXATION\", \"massageType\": \"SWEDISH\", \"activityLevel\": \"MODERATE\", \"age\": 120}").age())
                .isEqualTo(120);
        assertThat(yaml(VALID).age()).isNull();
        assertThat(yaml(VALID + "age:\n").age()).isNull();
        assertThatThrownBy(() -> yaml(VALID + "age: 121\n")).isInstanceOf(InputException.class)
                .hasMessage("p.yaml:4:6: field 'age': expected whole years from 0 to 120, got a number (121)");
        assertThatThrownBy(() -> yaml(VALID + "age: -3\n")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("p.yaml:4:6: field 'age': expected whole years from 0 to 120");
        assertThatThrownBy(() -> yaml(VALID + "age: 70.5\n")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("p.yaml:4:6: field 'age': expected whole years from 0 to 120");
        assertThatThrownBy(() -> yaml(VALID + "age: old\n")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("p.yaml:4:6: field 'age': expected whole years from 0 to 120");
    }

    @Test
    void anUnknownTermNamesItsPlaceAndTheClosestKnownTerm() {
        assertThatThrownBy(() -> yaml(VALID.replace("DEEP_TISSUE", "DEEP_TISUE")))
                .isInstanceOf(InputException.class)
                .hasMessage("p.yaml:2:14: field 'massageType': unknown term (DEEP_TISUE); did you mean DEEP_TISSUE?"
                        + " Known: DEEP_TISSUE, SPORTS, TRIGGER_POINT, SWEDISH, RELAXATION");
    }

    @Test
    void anUnknownTermInAListNamesTheItem() {
        // "conditions: [HERNIATED_DISC, " is 29 characters: the bad item starts in column 30.
        assertThatThrownBy(() -> yaml(VALID + "conditions: [HERNIATED_DISC, OSTEOPOROSES]\n"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("p.yaml:4:30: field 'conditions': unknown term (OSTEOPOROSES); did you mean OSTEOPOROSIS?");
    }

    @Test
    void aTermFarFromEveryKnownOneGetsNoGuess() {
        assertThatThrownBy(() -> yaml(VALID.replace("SEDENTARY", "COUCH_POTATO_DELUXE")))
                .hasMessage("p.yaml:3:16: field 'activityLevel': unknown term (COUCH_POTATO_DELUXE)"
                        + " Known: SEDENTARY, MODERATE, ATHLETE, PHYSICAL_JOB");
    }

    @Test
    void aMissingRequiredFieldIsNamedWithItsChoices() {
        assertThatThrownBy(() -> yaml("goal: RELAXATION\nmassageType: SWEDISH\n"))
                .isInstanceOf(InputException.class)
                .hasMessage("p.yaml:1:1: field 'activityLevel': missing; one of SEDENTARY, MODERATE, ATHLETE, PHYSICAL_JOB");
        assertThatThrownBy(() -> yaml("goal: RELAXATION\nmassageType:\nactivityLevel: SEDENTARY\n"))
                .hasMessageStartingWith("p.yaml:2:")
                .hasMessageContaining("field 'massageType': missing; one of DEEP_TISSUE, SPORTS");
    }

    @Test
    void weeksInTreatmentMustBeAWholeNumberNotBelowZero() {
        assertThatThrownBy(() -> yaml(VALID + "weeksInTreatment: lots\n"))
                .hasMessage("p.yaml:4:19: field 'weeksInTreatment': expected a whole number >= 0, got a text (lots)");
        assertThatThrownBy(() -> yaml(VALID + "weeksInTreatment: -1\n"))
                .hasMessage("p.yaml:4:19: field 'weeksInTreatment': expected a whole number >= 0, got a number (-1)");
        assertThatThrownBy(() -> yaml(VALID + "weeksInTreatment: 2.5\n"))
                .hasMessage("p.yaml:4:19: field 'weeksInTreatment': expected a whole number >= 0, got a number (2.5)");
        assertThat(yaml(VALID + "weeksInTreatment: \"4\"\n").weeksInTreatment()).isEqualTo(4);
    }

    @Test
    void medicalApprovalMustBeTrueOrFalse() {
        assertThatThrownBy(() -> yaml(VALID + "medicalApproval: 1\n"))
                .hasMessage("p.yaml:4:18: field 'medicalApproval': expected true or false, got a number (1)");
        assertThatThrownBy(() -> json("{\"goal\": \"RELAXATION\", \"massageType\": \"SWEDISH\", \"activityLevel\": \"SEDENTARY\","
                + " \"medicalApproval\": \"maybe\"}"))
                .hasMessageMatching("p\\.json:1:\\d+: field 'medicalApproval': expected true or false, got a text \\(maybe\\)");
        assertThat(yaml(VALID + "medicalApproval: \"TRUE\"\n").medicalApproval()).isTrue();
    }

    @Test
    void bodyResponseMustBeAListOfTerms() {
        assertThatThrownBy(() -> yaml(VALID + "bodyResponse: 5\n"))
                .hasMessage("p.yaml:4:15: field 'bodyResponse': expected a list of terms, got a number (5)");
        assertThatThrownBy(() -> yaml(VALID + "bodyResponse: {SORE: true}\n"))
                .hasMessageStartingWith("p.yaml:4:15: field 'bodyResponse': expected a list of terms, got a mapping");
        assertThatThrownBy(() -> yaml(VALID + "bodyResponse: [SORE, 3]\n"))
                .hasMessage("p.yaml:4:22: field 'bodyResponse': expected a term, got a number (3)");
    }

    @Test
    void anUnknownFieldIsAnErrorWithTheClosestField() {
        assertThatThrownBy(() -> yaml(VALID + "condtions: [OSTEOPOROSIS]\n"))
                .isInstanceOf(InputException.class)
                .hasMessage("p.yaml:4:1: unknown field (condtions); did you mean conditions?");
        assertThatThrownBy(() -> yaml(VALID + "massagetype: SWEDISH\n"))
                .hasMessage("p.yaml:4:1: unknown field (massagetype); did you mean massageType?");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        // Line 2: the second string (column 16) comes where a colon should be.
        assertThatThrownBy(() -> json("{\"goal\": \"RELAXATION\",\n \"massageType\" \"SWEDISH\"}"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("p.json:2:16: not valid JSON: ");
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        // The unclosed list runs into line 3, whose colon (column 14) is where a ',' or ']' should be.
        assertThatThrownBy(() -> yaml("goal: RELAXATION\nmassageType: [SWEDISH\nactivityLevel: SEDENTARY\n"))
                .isInstanceOf(InputException.class)
                .hasMessage("p.yaml:3:14: not valid YAML: while parsing a flow sequence");
        // The indented key's colon is in column 14.
        assertThatThrownBy(() -> yaml("goal: RELAXATION\n  massageType: SWEDISH\n"))
                .hasMessage("p.yaml:2:14: not valid YAML: mapping values are not allowed here");
    }

    @Test
    void contentAfterTheProfileIsAnErrorNotIgnored() {
        // Found by this test: the reader used to evaluate the first value and drop the rest silently.
        assertThatThrownBy(() -> json("{\"goal\": \"RELAXATION\", \"massageType\": \"SWEDISH\", \"activityLevel\": \"SEDENTARY\"}\n"
                + "{\"goal\": \"MAINTENANCE\"}"))
                .isInstanceOf(InputException.class)
                .hasMessage("p.json:2:1: more after the first JSON value; a file holds one document");
        assertThatThrownBy(() -> yaml(VALID + "---\ngoal: MAINTENANCE\n"))
                .isInstanceOf(InputException.class)
                .hasMessage("p.yaml:5:1: more after the first YAML value; a file holds one document");
        // A document end marker or trailing blank lines and comments are fine.
        assertThat(yaml(VALID + "...\n").goal()).isEqualTo("CHRONIC_PAIN");
        assertThat(yaml("---\n" + VALID + "\n# the end\n\n").goal()).isEqualTo("CHRONIC_PAIN");
        assertThat(json("{\"goal\": \"RELAXATION\", \"massageType\": \"SWEDISH\", \"activityLevel\": \"SEDENTARY\"}\n\n").goal())
                .isEqualTo("RELAXATION");
    }

    @Test
    void aBinaryFileIsNotUtf8Text(@TempDir Path dir) throws Exception {
        // Found by this test: the YAML message used to carry a Java exception's class name.
        for (String name : new String[] {"bin.yaml", "bin.json"}) {
            Path file = Files.write(dir.resolve(name), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'g', 'o', 'a', 'l'});
            assertThatThrownBy(() -> reader.readFile(file)).isInstanceOf(InputException.class)
                    .hasMessage(file + ": not UTF-8 text (is it a binary file?)");
        }
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertThatThrownBy(() -> yaml(VALID + "goal: RELAXATION\n"))
                .hasMessage("p.yaml:4:1: key 'goal' is given twice");
    }

    @Test
    void aProfileMustBeAMapping() {
        assertThatThrownBy(() -> yaml("- goal: RELAXATION\n"))
                .hasMessage("p.yaml:1:1: a client profile must be a mapping of fields, not a list");
        assertThatThrownBy(() -> yaml(""))
                .hasMessage("p.yaml: the file is empty");
    }

    @Test
    void termsAreCaseInsensitiveAndComeOutUpperCase() {
        Client c = yaml("goal: chronic_pain\nmassageType: Deep_Tissue\nactivityLevel: athlete\nbodyResponse: [sore]\n"
                + "conditions: [Nerve_Issue]\nsymptomTrend: improving\n");
        assertThat(c.goal()).isEqualTo("CHRONIC_PAIN");
        assertThat(c.massageType()).isEqualTo("DEEP_TISSUE");
        assertThat(c.activityLevel()).isEqualTo("ATHLETE");
        assertThat(c.bodyResponse()).containsExactly("SORE");
        assertThat(c.conditions()).containsExactly("NERVE_ISSUE");
        assertThat(c.symptomTrend()).isEqualTo("IMPROVING");
    }

    @Test
    void aListMayBeOneTextOfTermsSeparatedBySemicolons() {
        Client c = yaml(VALID + "bodyResponse: \"sore; FATIGUED\"\nconditions: \"osteoporosis;;HERNIATED_DISC;\"\n");
        assertThat(c.bodyResponse()).containsExactly("FATIGUED", "SORE");
        assertThat(c.conditions()).containsExactly("HERNIATED_DISC", "OSTEOPOROSIS");
        assertThatThrownBy(() -> yaml(VALID + "bodyResponse: \"SORE;TIRED\"\n"))
                .hasMessageStartingWith("p.yaml:4:15: field 'bodyResponse': unknown term (TIRED)");
    }

    @Test
    void listsAreDeDuplicatedAndSorted() {
        Client c = yaml(VALID + "conditions: [OSTEOPOROSIS, herniated_disc, OSTEOPOROSIS]\n");
        assertThat(c.conditions()).containsExactly("HERNIATED_DISC", "OSTEOPOROSIS");
    }

    @Test
    void filesAreReadByTheirExtension(@TempDir Path dir) throws Exception {
        Path yamlFile = Files.writeString(dir.resolve("c.yml"), VALID);
        Path jsonFile = Files.writeString(dir.resolve("c.json"),
                "{\"goal\": \"CHRONIC_PAIN\", \"massageType\": \"DEEP_TISSUE\", \"activityLevel\": \"SEDENTARY\"}");
        assertThat(reader.readFile(yamlFile)).isEqualTo(reader.readFile(jsonFile));
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> reader.readFile(missing)).isInstanceOf(InputException.class)
                .hasMessage(missing + ": no such file");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), VALID.replace("DEEP_TISSUE", "DEEP_TISUE"));
        assertThatThrownBy(() -> reader.readFile(bad)).hasMessageStartingWith(bad + ":2:14: field 'massageType'");
    }
}
