package org.massageadvisor.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;
import org.massageadvisor.batch.ProfileGenerator;
import org.massageadvisor.client.Client;

/**
 * Answers, warnings and tips are written field by field, their repeated texts encoded once
 * ({@link EncodedText}); the bytes must be exactly those Jackson's bean serializer wrote from the annotations
 * the records had before, which the mix-ins below restore.
 */
class AnswerJsonTest {

    private static final ObjectMapper WRITTEN = new ObjectMapper();
    private static final ObjectMapper ANNOTATED = new ObjectMapper()
            .addMixIn(IssuedWarning.class, AnnotatedWarning.class)
            .addMixIn(IssuedTip.class, AnnotatedTip.class)
            .addMixIn(Recommendation.class, AnnotatedRecommendation.class);

    @JsonSerialize(using = JsonSerializer.None.class)
    @JsonPropertyOrder({"id", "status", "interval", "window", "warnings", "tips", "explanation", "rulesetVersion"})
    private abstract static class AnnotatedRecommendation {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Window window();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract List<Firing> explanation();

        @JsonIgnore
        abstract List<String> firedRules();
    }

    @JsonSerialize(using = JsonSerializer.None.class)
    @JsonPropertyOrder({"code", "subject", "indicator", "message", "rule"})
    private abstract static class AnnotatedWarning {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String subject();
    }

    @JsonSerialize(using = JsonSerializer.None.class)
    @JsonPropertyOrder({"code", "message", "rule"})
    private abstract static class AnnotatedTip {
    }

    @Test
    void everyAnswerReadsAsTheAnnotatedRecordsWroteIt() throws Exception {
        ProfileGenerator profiles = new ProfileGenerator(TestRules.evaluator().ruleBase().vocabulary(), 23);
        int warnings = 0;
        Set<Status> statuses = EnumSet.noneOf(Status.class);
        for (int i = 0; i < 2_000; i++) {
            Client client = profiles.next();
            Recommendation r = TestRules.evaluator().evaluate(client, i % 10 == 0);
            if (i % 2 == 0) {
                r = r.dated(LocalDate.of(2026, 11, 30));
            }
            assertThat(WRITTEN.writeValueAsBytes(r)).isEqualTo(ANNOTATED.writeValueAsBytes(r));
            if (i % 10 == 0) {
                assertThat(WRITTEN.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r))
                        .isEqualTo(ANNOTATED.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
            }
            statuses.add(r.status());
            warnings += r.warnings().size();
        }
        assertThat(warnings).as("warnings written").isGreaterThan(2_000);
        assertThat(statuses).containsExactlyInAnyOrder(Status.values());
    }

    @Test
    void textsThatNeedEscapingNullsAndPrettyPrintingReadAsBefore() throws Exception {
        List<Object> hostile = List.of(
                new IssuedWarning("C\"ODE", null, "line\nbreak \\ tab\t \u0001 \u00e9t\u00e9 \u263a \ud83d\udc86 </script>", "rule \"q\"", null),
                new IssuedWarning("CODE", "SUBJECT", null, null, "critical"),
                new IssuedTip("T", "\u2028\u2029 \u007f", null),
                List.of(new IssuedTip("A", "same text", "r"), new IssuedTip("B", "same text", "r")),
                new Recommendation(null, Status.REFER, null, List.of(), List.of(), null, "v\"1", List.of("r")),
                new Recommendation("id \u00e9 \"x\"\n", Status.RECOMMENDED, new Interval(1, 31), List.of(), List.of(), List.of(), "v", List.of()));
        for (Object value : hostile) {
            assertThat(WRITTEN.writeValueAsString(value)).isEqualTo(ANNOTATED.writeValueAsString(value));
            assertThat(WRITTEN.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value))
                    .isEqualTo(ANNOTATED.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
            assertThat(WRITTEN.writeValueAsBytes(value)).isEqualTo(ANNOTATED.writeValueAsBytes(value));
        }
    }

    @Test
    void pastItsLimitATextIsStillWrittenRightButNotKept() throws Exception {
        EncodedText two = new EncodedText(2);
        SerializedString name = new SerializedString("message");
        List<String> texts = List.of("first", "second \"quoted\"", "third \u00e9t\u00e9 \ud83d\udc86", "first");
        StringWriter kept = new StringWriter();
        StringWriter plain = new StringWriter();
        try (JsonGenerator g = WRITTEN.createGenerator(kept); JsonGenerator p = WRITTEN.createGenerator(plain)) {
            g.writeStartObject();
            p.writeStartObject();
            for (String text : texts) {
                two.field(g, name, text);
                p.writeStringField("message", text);
            }
            g.writeEndObject();
            p.writeEndObject();
        }
        assertThat(kept.toString()).isEqualTo(plain.toString());
        assertThat(two.size()).isEqualTo(2);
    }
}
