package org.massageadvisor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.TestRules;

/** vocabulary.yaml: the terms clinicians may use; a bad file is one message naming file:line:col. */
class VocabularyTest {

    /** The smallest valid vocabulary: one term a category. Line numbers below refer to it. */
    private static final String MINIMAL = """
            goals:
              RELAXATION: Stress relief.
            massageTypes:
              DEEP_TISSUE: { intense: true, description: "Firm." }
            bodyResponses:
              SORE: Sore.
            conditions:
              HERNIATED_DISC: Disc.
            activityLevels:
              SEDENTARY: Sitting.
            symptomTrends:
              STABLE: Same.
            warnings:
              CONSULT_DOCTOR: { indicator: warning, description: "Doctor." }
            tips:
              STRETCHING: Stretch.
            """;

    @TempDir
    Path dir;

    private Vocabulary load(String text) throws Exception {
        return Vocabulary.load(Files.writeString(dir.resolve("vocabulary.yaml"), text));
    }

    private String file() {
        return dir.resolve("vocabulary.yaml").toString();
    }

    @Test
    void theShippedVocabularyStartsWithTheContractTerms() {
        Vocabulary v = Vocabulary.load(TestRules.RULES.resolve(Vocabulary.FILE_NAME));
        assertThat(v.terms(Category.GOAL)).containsKeys("RELAXATION", "CHRONIC_PAIN", "INJURY_RECOVERY", "MAINTENANCE");
        assertThat(v.terms(Category.MASSAGE_TYPE)).containsKeys("DEEP_TISSUE", "SPORTS", "TRIGGER_POINT", "SWEDISH", "RELAXATION");
        assertThat(v.terms(Category.BODY_RESPONSE)).containsKeys("SORE", "FATIGUED");
        assertThat(v.terms(Category.CONDITION)).containsKeys("HERNIATED_DISC", "OSTEOPOROSIS", "NERVE_ISSUE");
        assertThat(v.terms(Category.ACTIVITY_LEVEL)).containsKeys("SEDENTARY", "MODERATE", "ATHLETE", "PHYSICAL_JOB");
        assertThat(v.terms(Category.SYMPTOM_TREND)).containsKeys("IMPROVING", "STABLE", "WORSENING");
        assertThat(v.terms(Category.WARNING)).containsKeys("CONSULT_DOCTOR", "MEDICAL_APPROVAL_REQUIRED",
                "THERAPIST_GUIDANCE_REQUIRED", "ALLOW_RECOVERY");
        assertThat(v.terms(Category.TIP)).containsKeys("LISTEN_TO_BODY", "STRETCHING", "POSTURE", "EXERCISE", "CONSULT_THERAPIST");
        assertThat(v.terms(Category.MASSAGE_TYPE).values()).filteredOn(Term::intense).extracting(Term::name)
                .containsExactly("DEEP_TISSUE", "SPORTS", "TRIGGER_POINT");
        assertThat(v.isIntense("SWEDISH")).isFalse();
        assertThat(v.isIntense("NO_SUCH_TYPE")).isFalse();
    }

    @Test
    void theMinimalVocabularyLoads() throws Exception {
        Vocabulary v = load(MINIMAL);
        assertThat(v.terms(Category.MASSAGE_TYPE).get("DEEP_TISSUE"))
                .isEqualTo(new Term(Category.MASSAGE_TYPE, "DEEP_TISSUE", "Firm.", true, null));
        assertThat(v.terms(Category.WARNING).get("CONSULT_DOCTOR").indicator()).isEqualTo("warning");
        assertThat(v.terms(Category.GOAL).get("RELAXATION").description()).isEqualTo("Stress relief.");
    }

    @Test
    void aMissingCategoryIsAnError() throws Exception {
        String noTips = MINIMAL.substring(0, MINIMAL.indexOf("tips:"));
        assertThatThrownBy(() -> load(noTips)).isInstanceOf(InputException.class)
                .hasMessage(file() + ":1:1: category 'tips' is missing or empty");
        assertThatThrownBy(() -> load(MINIMAL.replace("  SORE: Sore.\n", "")))
                .hasMessageContaining("bodyResponses");
    }

    @Test
    void anUnknownCategoryIsAnErrorWithTheClosestOne() throws Exception {
        assertThatThrownBy(() -> load(MINIMAL.replace("conditions:", "condition:")))
                .hasMessageStartingWith(file() + ":7:1: unknown category (condition); did you mean conditions?");
    }

    @Test
    void aMassageTypeMustSayWhetherItIsIntense() throws Exception {
        assertThatThrownBy(() -> load(MINIMAL.replace("{ intense: true, description: \"Firm.\" }", "{ description: \"Firm.\" }")))
                .isInstanceOf(InputException.class)
                .hasMessage(file() + ":4:3: massage type (DEEP_TISSUE) needs 'intense: true' or 'intense: false'");
        // "  DEEP_TISSUE: { intense: " is 26 characters: the value starts in column 27.
        assertThatThrownBy(() -> load(MINIMAL.replace("intense: true", "intense: \"yes\"")))
                .hasMessage(file() + ":4:27: massage type (DEEP_TISSUE) needs 'intense: true' or 'intense: false'");
        assertThatThrownBy(() -> load(MINIMAL.replace("{ intense: true, description: \"Firm.\" }", "Firm.")))
                .hasMessage(file() + ":4:3: massage type (DEEP_TISSUE) needs 'intense: true|false' and a 'description'");
    }

    @Test
    void aTermNameMustBeUpperSnakeCase() throws Exception {
        assertThatThrownBy(() -> load(MINIMAL.replace("HERNIATED_DISC", "Herniated-disc")))
                .hasMessage(file() + ":8:3: term (Herniated-disc) must be UPPER_SNAKE_CASE");
    }

    @Test
    void anUnknownKeyOfATermIsAnErrorWithTheClosestKey() throws Exception {
        // "  DEEP_TISSUE: { " is 17 characters: the key starts in column 18.
        assertThatThrownBy(() -> load(MINIMAL.replace("intense: true", "intens: true")))
                .hasMessage(file() + ":4:18: unknown key (intens) for term DEEP_TISSUE; did you mean intense? Allowed: description, intense");
    }

    @Test
    void aWarningIndicatorIsInfoWarningOrCritical() throws Exception {
        assertThatThrownBy(() -> load(MINIMAL.replace("indicator: warning", "indicator: urgent")))
                .hasMessage(file() + ":14:32: indicator (urgent) must be one of info, warning, critical");
    }

    @Test
    void aMissingFileIsAnError() {
        Path missing = dir.resolve("none.yaml");
        assertThatThrownBy(() -> Vocabulary.load(missing)).isInstanceOf(InputException.class)
                .hasMessage(missing + ": no vocabulary file here (the rules folder needs one)");
    }

    @Test
    void canonicalTermsIgnoreCaseAndSuggestTheClosest() throws Exception {
        Vocabulary v = load(MINIMAL);
        assertThat(v.canonical(Category.CONDITION, " herniated_disc ", Position.of("x"), "conditions")).isEqualTo("HERNIATED_DISC");
        assertThatThrownBy(() -> v.canonical(Category.CONDITION, "HERNIATED_DISK", new Position("c.yaml", 3, 5), "conditions"))
                .hasMessage("c.yaml:3:5: field 'conditions': unknown term (HERNIATED_DISK); did you mean HERNIATED_DISC? Known: HERNIATED_DISC");
    }
}
