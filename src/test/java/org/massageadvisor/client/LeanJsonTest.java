package org.massageadvisor.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;

/**
 * The token-level reading of a JSON profile is an optimisation only: for any text, {@link ProfileReader#readJson}
 * must give what the positioned reading gives (the same client, or the same error message), and it must
 * actually take the short way for the well-formed profiles a front desk sends.
 */
class LeanJsonTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private static final Vocabulary VOCABULARY = TestRules.evaluator().ruleBase().vocabulary();
    private static final ProfileReader READER = new ProfileReader(VOCABULARY, CLOCK);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The client, or the error's class and message. */
    private static Object outcome(java.util.function.Supplier<Client> reading) {
        try {
            return reading.get();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static Object positioned(String text) {
        return outcome(() -> READER.read(Node.read(JSON, new StringReader(text), "p.json")));
    }

    private static Client lean(String text) throws IOException {
        try (var parser = JSON.getFactory().createParser(text)) {
            return LeanJson.read(parser, VOCABULARY, CLOCK);
        }
    }

    @Test
    void wellFormedProfilesTakeTheShortWayAndReadAsThePositionedReadingDoes() throws IOException {
        List<String> profiles = List.of(
                "{\"goal\":\"CHRONIC_PAIN\",\"massageType\":\"DEEP_TISSUE\",\"activityLevel\":\"SEDENTARY\"}",
                """
                {"id": "client-17", "goal": "injury_recovery ", "massageType": "SPORTS", "bodyResponse": ["SORE", "FATIGUED", "SORE"],
                 "conditions": ["NERVE_ISSUE"], "activityLevel": "ATHLETE", "medicalApproval": true,
                 "guidedByTherapist": false, "weeksInTreatment": 6, "symptomTrend": "IMPROVING", "age": 120,
                 "lastMassageDate": "2026-11-30"}
                """,
                "{\"id\":\"\",\"goal\":\"RELAXATION\",\"massageType\":\"SWEDISH\",\"activityLevel\":\"MODERATE\",\"conditions\":null,"
                        + "\"bodyResponse\":[],\"symptomTrend\":\" \",\"age\":null,\"lastMassageDate\":\"\"}");
        for (String text : profiles) {
            Client client = lean(text);
            assertThat(client).as(text).isNotNull().isEqualTo(positioned(text)).isEqualTo(READER.readJson(text, "p.json"));
        }
    }

    @Test
    void faultsAreLeftToThePositionedReadingWhichNamesTheirPlace() throws IOException {
        String text = "{\"goal\":\"CHRONIC_PAIN\",\"massageType\":\"DEEP_TISUE\",\"activityLevel\":\"SEDENTARY\"}";
        assertThat(lean(text)).isNull();
        assertThat(outcome(() -> READER.readJson(text, "p.json"))).asString()
                .startsWith("InputException: p.json:1:38: field 'massageType': unknown term (DEEP_TISUE)");
    }

    /**
     * "Not after today" is decided in the clock's zone: a clock far east or west of UTC, at either end of
     * its day, must refuse and accept the same last massage dates both ways.
     */
    @Test
    void lastMassageDatesNearTodayReadAsThePositionedReadingReadsThemInAnyZone() {
        int checked = 0;
        for (String zone : List.of("UTC", "+14:00", "-12:00", "+05:45")) {
            for (String at : List.of("2026-11-30T00:00:01Z", "2026-11-30T11:59:59Z", "2026-11-30T23:59:59Z", "2028-02-29T12:00:00Z")) {
                Clock clock = Clock.fixed(Instant.parse(at), java.time.ZoneId.of(zone));
                ProfileReader reader = new ProfileReader(VOCABULARY, clock);
                LocalDate today = LocalDate.now(clock);
                for (int days = -3; days <= 3; days++) {
                    for (String date : List.of(today.plusDays(days).toString(), " " + today.plusDays(days) + " ")) {
                        String text = "{\"goal\":\"RELAXATION\",\"massageType\":\"SWEDISH\",\"activityLevel\":\"MODERATE\","
                                + "\"lastMassageDate\":\"" + date + "\"}";
                        Object expected = outcome(() -> reader.read(Node.read(JSON, new StringReader(text), "p.json")));
                        assertThat(outcome(() -> reader.readJson(text, "p.json"))).as(zone + " " + at + " " + date).isEqualTo(expected);
                        assertThat(expected instanceof Client).as(date + " accepted").isEqualTo(days <= 0);
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(4 * 4 * 7 * 2);
    }

    @Property(tries = 3000)
    void anyTextReadsAsThePositionedReadingReadsIt(@ForAll("texts") String text) throws IOException {
        assertThat(outcome(() -> READER.readJson(text, "p.json"))).isEqualTo(positioned(text));
        boolean shortWay;
        try {
            shortWay = lean(text) != null;
        } catch (IOException e) {
            shortWay = false;
        }
        // Both ways must be exercised: texts the short way accepts, and texts it leaves to the positioned reading.
        Statistics.collect(shortWay);
        Statistics.coverage(c -> {
            c.check(true).percentage(p -> p > 10);
            c.check(false).percentage(p -> p > 30);
        });
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> entry = Combinators.combine(names(), values()).as((name, value) -> "\"" + name + "\": " + value);
        Arbitrary<String> object = entry.list().ofMinSize(0).ofMaxSize(14).map(entries -> {
            List<String> all = new ArrayList<>(List.of("\"goal\": \"CHRONIC_PAIN\"", "\"massageType\": \"SWEDISH\"",
                    "\"activityLevel\": \"ATHLETE\""));
            // Most texts keep the required fields (so the other fields get read); some lose one.
            all.addAll(entries);
            return "{" + String.join(", ", all) + "}";
        });
        Arbitrary<String> bare = entry.list().ofMaxSize(6).map(entries -> "{" + String.join(",", entries) + "}");
        Arbitrary<String> damaged = object.flatMap(o -> Arbitraries.of(
                o, o + " {}", o + "\n", "[" + o + "]", o.substring(0, o.length() / 2), "\uFEFF" + o, o.replace(":", ""), o + " x"));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, wellFormed()),
                net.jqwik.api.Tuple.of(6, object), net.jqwik.api.Tuple.of(2, bare), net.jqwik.api.Tuple.of(2, damaged),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", " ", "null", "42", "\"goal\"", "{", "}", "[]", "{}")));
    }

    /** The profiles a front desk sends: known fields, each once, with a value of its type (a few unknown terms or future dates). */
    private static Arbitrary<String> wellFormed() {
        Arbitrary<String> bodyResponse = Arbitraries.of("SORE", "FATIGUED", "sore", "UNWELL").list().ofMaxSize(3).map(LeanJsonTest::array);
        Arbitrary<String> conditions = Arbitraries.of("NERVE_ISSUE", "PREGNANCY", "OSTEOPOROSIS", "FEVER", "ANTICOAGULANTS", "HERNIATED_DISC")
                .list().ofMaxSize(3).map(LeanJsonTest::array);
        Arbitrary<String> goal = Arbitraries.of("CHRONIC_PAIN", "RELAXATION", "INJURY_RECOVERY", "MAINTENANCE", "maintenance ")
                .map(LeanJsonTest::quote);
        Arbitrary<String> type = Arbitraries.of("DEEP_TISSUE", "SPORTS", "TRIGGER_POINT", "SWEDISH", "RELAXATION").map(LeanJsonTest::quote);
        Arbitrary<String> activity = Arbitraries.of("SEDENTARY", "MODERATE", "ATHLETE", "PHYSICAL_JOB").map(LeanJsonTest::quote);
        Arbitrary<String> trend = Arbitraries.of("IMPROVING", "STABLE", "WORSENING", "null").map(t -> t.equals("null") ? t : quote(t));
        Arbitrary<String> flag = Arbitraries.of("true", "false", "null");
        Arbitrary<String> weeks = Arbitraries.integers().between(-1, 60).map(String::valueOf);
        Arbitrary<String> age = Arbitraries.integers().between(-1, 125).map(String::valueOf);
        LocalDate today = LocalDate.now(CLOCK);
        Arbitrary<String> date = Arbitraries.integers().between(-3, 400).map(d -> quote(today.minusDays(d).toString()));
        Arbitrary<String> id = Arbitraries.strings().alpha().numeric().ofMaxLength(12).map(LeanJsonTest::quote);
        List<Arbitrary<String>> optional = List.of(
                id.map(v -> "\"id\": " + v), bodyResponse.map(v -> "\"bodyResponse\": " + v), conditions.map(v -> "\"conditions\": " + v),
                flag.map(v -> "\"medicalApproval\": " + v), flag.map(v -> "\"guidedByTherapist\": " + v),
                weeks.map(v -> "\"weeksInTreatment\": " + v), trend.map(v -> "\"symptomTrend\": " + v), age.map(v -> "\"age\": " + v),
                date.map(v -> "\"lastMassageDate\": " + v));
        Arbitrary<List<String>> chosen = Combinators.combine(optional).as(List::copyOf)
                .flatMap(all -> Arbitraries.subsetOf(all).map(ArrayList::new));
        return Combinators.combine(goal, type, activity, chosen).as((g, t, a, rest) -> {
            List<String> entries = new ArrayList<>(List.of("\"goal\": " + g, "\"massageType\": " + t, "\"activityLevel\": " + a));
            entries.addAll(rest);
            return "{" + String.join(", ", entries) + "}";
        });
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    private static String array(List<String> terms) {
        return "[" + String.join(", ", terms.stream().map(LeanJsonTest::quote).toList()) + "]";
    }

    private static Arbitrary<String> names() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.of(ProfileReader.FIELDS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("Goal", "goals", "massage_type", "", "x", "conditions ")));
    }

    private static Arbitrary<String> values() {
        Arbitrary<String> term = Arbitraries.of("CHRONIC_PAIN", "relaxation", " SPORTS ", "DEEP_TISSUE", "SORE", "FATIGUED",
                "NERVE_ISSUE", "PREGNANCY", "OSTEOPOROSIS", "ATHLETE", "sedentary", "IMPROVING", "WORSENING", "STABLE",
                "UNKNOWN_TERM", "", " ", "SORE;FATIGUED", "NERVE_ISSUE; PREGNANCY", "é", "\\u0000");
        Arbitrary<String> quoted = term.map(t -> "\"" + t + "\"");
        Arbitrary<String> list = quoted.list().ofMaxSize(4).map(items -> "[" + String.join(", ", items) + "]");
        LocalDate today = LocalDate.now(CLOCK);
        Arbitrary<String> date = Arbitraries.of(today.toString(), today.plusDays(1).toString(), today.minusDays(40).toString(),
                "2026-02-30", "2026-13-01", "26-11-01", " 2026-11-01 ", "2026/11/01", "1900-01-01", "tomorrow", "2026-00-10",
                "2026-11-00", "0000-01-01", "2024-02-29", "2025-02-29", "2026-1a-01", "+2026-11-01", "2026-11-1", "٢٠٢٦-11-01").map(d -> "\"" + d + "\"");
        Arbitrary<String> number = Arbitraries.of("0", "3", "4", "-1", "120", "121", "2147483647", "2147483648", "99999999999",
                "1.5", "4.0", "1e2", "\"4\"", "\" 12 \"", "\"-3\"", "\"abc\"");
        Arbitrary<String> other = Arbitraries.of("true", "false", "null", "\"true\"", "\"False\"", "\"yes\"", "{}", "{\"a\": 1}",
                "[[\"SORE\"]]", "[null]", "[1]", "12");
        return Arbitraries.oneOf(quoted, list, date, number, other);
    }
}
