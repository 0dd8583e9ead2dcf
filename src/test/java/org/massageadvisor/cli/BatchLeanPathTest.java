package org.massageadvisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lean batch paths: canonical CSV rows become clients without the position-keeping tree, and
 * {@code --compact} writes codes only. Both must say exactly what the long way says.
 */
class BatchLeanPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int advisor(String... args) {
        return AdvisorCommand.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** The same three profiles, canonical and as a person might type them: the same report lines. */
    @Test
    void aRowThatNeedsNormalisingGivesTheSameLineAsACanonicalRow() throws IOException {
        Path canonical = write("a.csv", """
                id,goal,massageType,bodyResponse,conditions,activityLevel,medicalApproval,guidedByTherapist,weeksInTreatment,symptomTrend
                c1,CHRONIC_PAIN,DEEP_TISSUE,SORE,HERNIATED_DISC,SEDENTARY,false,false,0,STABLE
                c2,CHRONIC_PAIN,SWEDISH,,,ATHLETE,,,6,IMPROVING
                c3,INJURY_RECOVERY,SPORTS,FATIGUED;SORE,ANTICOAGULANTS;PREGNANCY,MODERATE,true,true,2,
                """);
        Path typed = write("b.csv", """
                activityLevel,id,goal,massageType,bodyResponse,conditions,medicalApproval,guidedByTherapist,weeksInTreatment,symptomTrend
                sedentary,c1,chronic_pain, deep_tissue ,Sore,herniated_disc,FALSE,False, 0 ,stable
                Athlete,c2,CHRONIC_PAIN,swedish,,,,,06,improving
                MODERATE,c3,INJURY_RECOVERY,SPORTS, sore ; fatigued ;sore,pregnancy;ANTICOAGULANTS,TRUE,true,2,
                """);

        assertThat(advisor("batch", canonical.toString(), "--out", dir.resolve("a.jsonl").toString())).as(err.toString()).isZero();
        assertThat(advisor("batch", typed.toString(), "--out", dir.resolve("b.jsonl").toString())).as(err.toString()).isZero();

        assertThat(Files.readAllLines(dir.resolve("b.jsonl"))).isEqualTo(Files.readAllLines(dir.resolve("a.jsonl")));
    }

    /** A bad cell in a file whose other rows are canonical is reported at its own line and column. */
    @Test
    void aBadCellAmongCanonicalRowsIsReportedWhereItStands() throws IOException {
        Path csv = write("c.csv", """
                id,goal,massageType,activityLevel,weeksInTreatment
                c1,MAINTENANCE,SWEDISH,SEDENTARY,3
                c2,MAINTENANCE,SWEDISH,SEDENTARY,three
                c3,MAINTENANCE,SWEDISHH,SEDENTARY,3
                """);

        int code = advisor("batch", csv.toString(), "--out", dir.resolve("c.jsonl").toString());

        assertThat(code).isEqualTo(2);
        List<String> errors = Files.readAllLines(dir.resolve("c.errors.jsonl"));
        assertThat(errors).hasSize(2);
        JsonNode weeks = JSON.readTree(errors.get(0));
        assertThat(weeks.get("record").asInt()).isEqualTo(2);
        assertThat(weeks.get("line").asInt()).isEqualTo(3);
        assertThat(weeks.get("column").asInt()).isEqualTo(34);
        assertThat(weeks.get("field").asText()).isEqualTo("weeksInTreatment");
        JsonNode type = JSON.readTree(errors.get(1));
        assertThat(type.get("line").asInt()).isEqualTo(4);
        assertThat(type.get("column").asInt()).isEqualTo(16);
        assertThat(type.get("message").asText()).contains("SWEDISHH").contains("SWEDISH");
        assertThat(Files.readAllLines(dir.resolve("c.jsonl"))).hasSize(1);
    }

    /** --compact: codes, subjects, interval and version, worked out by hand for the README's client (warnings most severe first). */
    @Test
    void compactLinesCarryCodesAndNoTexts() throws IOException {
        Path csv = write("d.csv", """
                id,goal,massageType,bodyResponse,conditions,activityLevel
                client-17,CHRONIC_PAIN,DEEP_TISSUE,SORE,HERNIATED_DISC,SEDENTARY
                r1,INJURY_RECOVERY,SWEDISH,,,MODERATE
                """);

        int code = advisor("batch", csv.toString(), "--out", dir.resolve("d.jsonl").toString(), "--compact");

        assertThat(code).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("d.jsonl"));
        assertThat(lines).hasSize(2);
        JsonNode c17 = JSON.readTree(lines.get(0));
        assertThat(c17.get("status").asText()).isEqualTo("RECOMMENDED");
        // Chronic pain 3-7, soreness +2 on minDays: 5-7; deep tissue's floor 1-7 and intensity's 2-3 already met.
        assertThat(c17.get("interval").get("minDays").asInt()).isEqualTo(5);
        assertThat(c17.get("interval").get("maxDays").asInt()).isEqualTo(7);
        assertThat(c17.get("warnings").toString())
                .isEqualTo("[{\"code\":\"CONSULT_DOCTOR\",\"subject\":\"HERNIATED_DISC\"},{\"code\":\"ALLOW_RECOVERY\",\"subject\":\"SORE\"}]");
        assertThat(c17.get("tips").toString())
                .isEqualTo("[\"LISTEN_TO_BODY\",\"STRETCHING\",\"POSTURE\",\"EXERCISE\",\"CONSULT_THERAPIST\"]");
        assertThat(c17.get("rulesetVersion").asText()).startsWith("sha256:");
        assertThat(lines.get(0)).doesNotContain("\"message\"").doesNotContain("\"rule\"");
        JsonNode r1 = JSON.readTree(lines.get(1));
        assertThat(r1.get("status").asText()).isEqualTo("REFER");
        assertThat(r1.get("interval").isNull()).isTrue();
        assertThat(r1.get("warnings").toString()).contains("\"MEDICAL_APPROVAL_REQUIRED\"").contains("\"THERAPIST_GUIDANCE_REQUIRED\"");
    }

    @Test
    void compactGoesWithNeitherCsvNorExplain() throws IOException {
        Path csv = write("e.csv", "id,goal,massageType,activityLevel\nx,MAINTENANCE,SWEDISH,SEDENTARY\n");

        assertThat(advisor("batch", csv.toString(), "--out", dir.resolve("e.csv.out").toString(), "--compact", "--format", "csv"))
                .isEqualTo(2);
        assertThat(advisor("batch", csv.toString(), "--out", dir.resolve("e.jsonl").toString(), "--compact", "--explain"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--compact");
    }
}
