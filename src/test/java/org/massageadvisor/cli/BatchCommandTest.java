package org.massageadvisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int advisor(String... args) {
        return AdvisorCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private static String interval(JsonNode r) {
        JsonNode i = r.get("interval");
        return i.isNull() ? "none" : i.get("minDays").asInt() + "-" + i.get("maxDays").asInt();
    }

    private static List<String> codes(JsonNode r, String field) {
        List<String> codes = new ArrayList<>();
        r.get(field).forEach(n -> codes.add(n.get("code").asText() + (n.has("subject") ? "(" + n.get("subject").asText() + ")" : "")));
        return codes;
    }

    /** CSV, JSONL and a folder of JSON and YAML files in one batch: every record, in input order, hand-checked. */
    @Test
    void mixedInputsAreEvaluatedInInputOrder() throws IOException {
        Path csv = write("clients.csv", """
                id,goal,massageType,bodyResponse,conditions,activityLevel
                c1,CHRONIC_PAIN,DEEP_TISSUE,SORE,HERNIATED_DISC,SEDENTARY
                c2,maintenance,sports,,,ATHLETE
                """);
        Path jsonl = write("clients.jsonl", """
                {"id":"j1","goal":"RELAXATION","massageType":"SWEDISH","activityLevel":"SEDENTARY"}

                {"goal":"INJURY_RECOVERY","massageType":"DEEP_TISSUE","activityLevel":"MODERATE","medicalApproval":true,"guidedByTherapist":true}
                """);
        write("folder/a.json", "{\"id\":\"f1\",\"goal\":\"INJURY_RECOVERY\",\"massageType\":\"SWEDISH\",\"activityLevel\":\"MODERATE\"}");
        write("folder/b.yaml", "id: f2\ngoal: CHRONIC_PAIN\nmassageType: SWEDISH\nactivityLevel: SEDENTARY\nbodyResponse: [SORE, FATIGUED]\n");
        write("folder/notes.txt", "not a profile");
        Path report = dir.resolve("report.jsonl");

        int code = advisor("batch", csv.toString(), jsonl.toString(), dir.resolve("folder").toString(), "--out", report.toString());

        assertThat(code).as(err.toString()).isEqualTo(0);
        List<JsonNode> r = lines(report);
        assertThat(r).extracting(n -> n.get("id").asText()).containsExactly("c1", "c2", "j1", "record-4", "f1", "f2");
        // 3-7 chronic pain start; intense floors (3-4, 3-7) already met; +2 min for soreness = 5-7.
        assertThat(interval(r.get(0))).isEqualTo("5-7");
        // Most severe first: the doctor card (warning), then the recovery card (info).
        assertThat(codes(r.get(0), "warnings")).containsExactly("CONSULT_DOCTOR(HERNIATED_DISC)", "ALLOW_RECOVERY(SORE)");
        // Maintenance 14-30, athlete without conditions 0 min and -2 max = 14-28; intense floor met.
        assertThat(interval(r.get(1))).isEqualTo("14-28");
        // Relaxation 7-14, gentle type keeps the goal's range.
        assertThat(interval(r.get(2))).isEqualTo("7-14");
        // Approved, guided injury recovery 2-4; intense floor 3-4, deep tissue floor raises max to 7: 3-7.
        assertThat(interval(r.get(3))).isEqualTo("3-7");
        assertThat(codes(r.get(3), "warnings")).containsExactly("GENTLE_SESSIONS_ADVISED");
        // Injury recovery without approval or a guiding therapist: referred, no interval.
        assertThat(r.get(4).get("status").asText()).isEqualTo("REFER");
        assertThat(interval(r.get(4))).isEqualTo("none");
        assertThat(codes(r.get(4), "warnings")).contains("MEDICAL_APPROVAL_REQUIRED", "THERAPIST_GUIDANCE_REQUIRED");
        // Chronic pain 3-7, +2 min once for sore and fatigued = 5-7.
        assertThat(interval(r.get(5))).isEqualTo("5-7");
        assertThat(r).allSatisfy(n -> assertThat(n.has("explanation")).isFalse());
        assertThat(Files.readString(dir.resolve("report.errors.jsonl"))).isEmpty();
        assertThat(err.toString()).contains("Records: 6 read, 6 evaluated, 0 rejected").contains("RECOMMENDED", "REFER")
                .contains("5-7").contains("CONSULT_DOCTOR");
    }

    @Test
    void explainAddsTheExplanationOfEveryRecord() throws IOException {
        Path jsonl = write("one.jsonl", "{\"id\":\"j1\",\"goal\":\"RELAXATION\",\"massageType\":\"SWEDISH\",\"activityLevel\":\"SEDENTARY\"}\n");
        Path report = dir.resolve("report.jsonl");
        assertThat(advisor("batch", jsonl.toString(), "--out", report.toString(), "--explain")).isEqualTo(0);
        JsonNode r = lines(report).get(0);
        assertThat(r.get("explanation")).isNotEmpty();
        assertThat(r.get("explanation").get(0).has("rule")).isTrue();
    }

    /** Bad records go to the error report with file, line, field; the good ones are still written; exit 2. */
    @Test
    void badRecordsAreReportedAndTheGoodOnesStillWritten() throws IOException {
        Path csv = write("clients.csv", """
                id,goal,massageType,activityLevel,conditions
                ok1,RELAXATION,SWEDISH,SEDENTARY,
                bad1,RELAXTION,SWEDISH,SEDENTARY,
                bad2,RELAXATION,SWEDISH,,
                bad3,RELAXATION,SWEDISH,SEDENTARY,OSTEOPOROSIS,extra
                ok2,MAINTENANCE,SWEDISH,MODERATE,OSTEOPOROSIS
                """);
        Path jsonl = write("clients.jsonl", """
                {"id":"ok3","goal":"RELAXATION","massageType":"SWEDISH","activityLevel":"SEDENTARY"}
                {"id":"bad4","goal":
                {"id":"bad5","goal":"RELAXATION","massageType":"SWEDISH","activityLevel":"SEDENTARY","weeksInTreatment":-2}
                """);
        Path report = dir.resolve("out.jsonl");

        int code = advisor("batch", csv.toString(), jsonl.toString(), "--out", report.toString());

        assertThat(code).isEqualTo(2);
        assertThat(lines(report)).extracting(n -> n.get("id").asText()).containsExactly("ok1", "ok2", "ok3");
        List<JsonNode> errors = lines(dir.resolve("out.errors.jsonl"));
        assertThat(errors).extracting(e -> e.get("record").asLong()).containsExactly(2L, 3L, 4L, 7L, 8L);
        assertThat(errors.get(0).get("file").asText()).isEqualTo(csv.toString());
        assertThat(errors.get(0).get("line").asInt()).isEqualTo(3);
        assertThat(errors.get(0).get("column").asInt()).isEqualTo(6);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("goal");
        assertThat(errors.get(0).get("message").asText()).contains("unknown term (RELAXTION)").contains("RELAXATION");
        assertThat(errors.get(1).get("line").asInt()).isEqualTo(4);
        assertThat(errors.get(1).get("field").asText()).isEqualTo("activityLevel");
        assertThat(errors.get(1).get("message").asText()).contains("missing");
        assertThat(errors.get(2).get("message").asText()).contains("6 cells").contains("5 fields");
        assertThat(errors.get(3).get("file").asText()).isEqualTo(jsonl.toString());
        assertThat(errors.get(3).get("line").asInt()).isEqualTo(2);
        assertThat(errors.get(3).get("message").asText()).startsWith("not valid JSON");
        assertThat(errors.get(4).get("line").asInt()).isEqualTo(3);
        assertThat(errors.get(4).get("field").asText()).isEqualTo("weeksInTreatment");
        assertThat(err.toString()).contains("error: " + csv + ":3:6: field 'goal': unknown term (RELAXTION)")
                .contains("Records: 8 read, 3 evaluated, 5 rejected");
    }

    @Test
    void aCsvWithAnUnknownHeaderFieldIsOneRejectedRecordNamingTheColumn() throws IOException {
        Path csv = write("clients.csv", "id,goal,massage_type,activityLevel\nx,RELAXATION,SWEDISH,SEDENTARY\n");
        Path report = dir.resolve("out.jsonl");
        assertThat(advisor("batch", csv.toString(), "--out", report.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(csv + ":1:9: unknown field (massage_type) in the header row").contains("massageType");
        assertThat(Files.readString(report)).isEmpty();
    }

    /** The same 1,500 records with 1 and 4 threads: byte-identical reports, in input order. */
    @Test
    void fourThreadsWriteTheSameBytesAsOneInInputOrder() throws IOException {
        Path csv = dir.resolve("many.csv");
        assertThat(advisor("generate", "--count", "1500", "--seed", "9", "--out", csv.toString())).isEqualTo(0);
        Path one = dir.resolve("one.jsonl");
        Path four = dir.resolve("four.jsonl");
        assertThat(advisor("batch", csv.toString(), "--out", one.toString(), "--threads", "1", "--explain")).isEqualTo(0);
        assertThat(advisor("batch", csv.toString(), "--out", four.toString(), "--threads", "4", "--explain")).isEqualTo(0);
        assertThat(Files.mismatch(one, four)).isEqualTo(-1L);
        List<JsonNode> r = lines(one);
        assertThat(r).hasSize(1500);
        for (int i = 0; i < r.size(); i++) {
            assertThat(r.get(i).get("id").asText()).isEqualTo("client-" + (i + 1));
        }
    }

    /** Identical profiles under other ids: the cached recommendations are the same bytes as evaluating each one. */
    @Test
    void theProfileCacheChangesNoByteOfTheReport() throws IOException {
        Path generated = dir.resolve("some.csv");
        assertThat(advisor("generate", "--count", "200", "--seed", "4", "--out", generated.toString())).isEqualTo(0);
        List<String> rows = Files.readAllLines(generated);
        StringBuilder csv = new StringBuilder(rows.get(0)).append('\n');
        for (int copy = 0; copy < 3; copy++) {
            for (String row : rows.subList(1, rows.size())) {
                csv.append("copy").append(copy).append('-').append(row).append('\n');
            }
        }
        Path input = write("copies.csv", csv.toString());
        Path cached = dir.resolve("cached.jsonl");
        Path uncached = dir.resolve("uncached.jsonl");
        assertThat(advisor("batch", input.toString(), "--out", cached.toString())).isEqualTo(0);
        assertThat(err.toString()).contains("Profile cache: ").contains(" hits");
        assertThat(advisor("batch", input.toString(), "--out", uncached.toString(), "--no-cache")).isEqualTo(0);
        assertThat(Files.mismatch(cached, uncached)).isEqualTo(-1L);
        List<JsonNode> r = lines(cached);
        assertThat(r).hasSize(600);
        assertThat(r.get(0).get("id").asText()).isEqualTo("copy0-client-1");
        assertThat(r.get(200).get("id").asText()).isEqualTo("copy1-client-1");
        assertThat(r.get(200).get("interval")).isEqualTo(r.get(0).get("interval"));
    }

    /** With --explain a report line is what {@code advisor evaluate --json} prints (which explains), without the indentation. */
    @Test
    void aReportLineIsTheEvaluateJsonOfTheSameClient() throws IOException {
        Path jsonl = write("one.jsonl", "{\"id\":\"j1\",\"goal\":\"CHRONIC_PAIN\",\"massageType\":\"DEEP_TISSUE\",\"bodyResponse\":[\"SORE\"],"
                + "\"conditions\":[\"HERNIATED_DISC\"],\"activityLevel\":\"SEDENTARY\"}\n");
        Path single = write("one.json", Files.readString(jsonl));
        Path report = dir.resolve("report.jsonl");
        assertThat(advisor("batch", jsonl.toString(), "--out", report.toString(), "--explain")).isEqualTo(0);
        out.getBuffer().setLength(0);
        assertThat(advisor("evaluate", single.toString(), "--json")).isEqualTo(0);
        assertThat(JSON.readTree(Files.readString(report))).isEqualTo(JSON.readTree(out.toString()));
        assertThat(Files.readString(report)).isEqualTo(JSON.writeValueAsString(JSON.readTree(out.toString())) + "\n");
    }

    @Test
    void anExistingReportIsNotOverwrittenWithoutForce() throws IOException {
        Path jsonl = write("one.jsonl", "{\"id\":\"j1\",\"goal\":\"RELAXATION\",\"massageType\":\"SWEDISH\",\"activityLevel\":\"SEDENTARY\"}\n");
        Path report = write("report.jsonl", "precious\n");

        assertThat(advisor("batch", jsonl.toString(), "--out", report.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(report + ": already exists; add --force to overwrite it");
        assertThat(Files.readString(report)).isEqualTo("precious\n");
        assertThat(Files.exists(dir.resolve("report.errors.jsonl"))).isFalse();

        assertThat(advisor("batch", jsonl.toString(), "--out", report.toString(), "--force")).isEqualTo(0);
        assertThat(lines(report)).extracting(n -> n.get("id").asText()).containsExactly("j1");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void csvFormatWritesOneFlatRowPerRecordAndACsvErrorReport() throws IOException {
        Path csv = write("clients.csv", """
                id,goal,massageType,bodyResponse,conditions,activityLevel,medicalApproval
                "c,1",CHRONIC_PAIN,DEEP_TISSUE,SORE,HERNIATED_DISC,SEDENTARY,
                c2,INJURY_RECOVERY,SWEDISH,,,MODERATE,false
                c3,RELAXATION,SWEDISH,,,SEDENTARY,maybe
                """);
        Path report = dir.resolve("report.csv");

        assertThat(advisor("batch", csv.toString(), "--out", report.toString(), "--format", "csv")).isEqualTo(2);

        List<String> rows = Files.readAllLines(report);
        assertThat(rows.get(0)).isEqualTo("id,status,minDays,maxDays,warnings,tips");
        assertThat(rows.get(1)).startsWith("\"c,1\",RECOMMENDED,5,7,CONSULT_DOCTOR(HERNIATED_DISC);ALLOW_RECOVERY(SORE),");
        assertThat(rows.get(1).substring(rows.get(1).lastIndexOf(',') + 1).split(";"))
                .containsExactlyInAnyOrder("LISTEN_TO_BODY", "STRETCHING", "POSTURE", "EXERCISE", "CONSULT_THERAPIST");
        assertThat(rows.get(2)).startsWith("c2,REFER,,,MEDICAL_APPROVAL_REQUIRED;THERAPIST_GUIDANCE_REQUIRED,")
                .doesNotContain("GENTLE_SESSIONS_ADVISED");
        assertThat(rows).hasSize(3);
        List<String> errors = Files.readAllLines(dir.resolve("report.errors.csv"));
        assertThat(errors.get(0)).isEqualTo("record,file,line,column,field,message");
        assertThat(errors.get(1)).startsWith("3," + csv + ",4,").contains(",medicalApproval,").contains("maybe");
    }
}
