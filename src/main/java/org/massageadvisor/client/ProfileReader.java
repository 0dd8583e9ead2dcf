package org.massageadvisor.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.massageadvisor.io.Bounded;
import org.massageadvisor.io.EnvironmentException;

/**
 * Turns a profile (a JSON or YAML file, a scenario's {@code given:}, a batch record) into a validated
 * {@link Client}. Every problem is one {@link InputException} naming the place and the field; unknown
 * fields and terms come with the closest known one.
 */
public final class ProfileReader {

    /** The profile fields of docs/contract.md, in its order. */
    public static final List<String> FIELDS = List.of("id", "goal", "massageType", "bodyResponse", "conditions",
            "activityLevel", "medicalApproval", "guidedByTherapist", "weeksInTreatment", "symptomTrend", "age", "lastMassageDate");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Compiled once: String.matches compiles its pattern on every call, per batch record. */
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d{1,9}");
    private static final long MILLIS_A_DAY = 86_400_000L;
    private static final ObjectMapper YAML = org.massageadvisor.client.Yaml.MAPPER;

    private final Vocabulary vocabulary;
    /** Says what "today" is, so that a last massage date in the future is refused (and tests pin the day). */
    private final Clock clock;

    public ProfileReader(Vocabulary vocabulary) {
        this(vocabulary, Clock.systemDefaultZone());
    }

    public ProfileReader(Vocabulary vocabulary, Clock clock) {
        this.vocabulary = vocabulary;
        this.clock = clock;
    }

    /** Reads a {@code .json}, {@code .yaml} or {@code .yml} file holding one client. */
    public Client readFile(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InputException(Position.of(name), "no such file");
        }
        try (Reader reader = Bounded.reader(file, Bounded.DOCUMENT, "the profile")) {
            return read(Node.read(mapperFor(name), reader, name));
        } catch (IOException e) {
            throw EnvironmentException.of(name, "cannot read", e);
        }
    }

    /** Refuses a missing or oversized profile file before anything else is done (before the rules are compiled). */
    public static void checkFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(Position.of(file.toString()), "no such file");
        }
        Bounded.checkSize(file, Bounded.DOCUMENT, "the profile");
    }

    /** JSON for {@code .json} and {@code .jsonl}, YAML otherwise. */
    public static ObjectMapper mapperFor(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(".jsonl") ? JSON : YAML;
    }

    /**
     * One JSON profile given as text (a request body, a line of a batch): the common well-formed case
     * straight from the parser's tokens ({@link LeanJson}); anything else is read with positions, as
     * {@link #read(Node)} does, which accepts or refuses it and names the place of a fault.
     *
     * @param name what an error calls the text ("body.json")
     */
    public Client readJson(String text, String name) {
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            Client client = LeanJson.read(parser, vocabulary, clock);
            if (client != null) {
                return client;
            }
        } catch (IOException | RuntimeException e) {
            // Not the common case: the positioned reading below finds the fault and names its place.
        }
        return read(Node.read(JSON, new StringReader(text), name));
    }

    public Client read(Node node) {
        if (!(node instanceof Node.Obj obj)) {
            throw new InputException(node.at(), "a client profile must be a mapping of fields, not " + Node.kind(node));
        }
        for (Map.Entry<String, Position> key : obj.keys().entrySet()) {
            if (!FIELDS.contains(key.getKey())) {
                throw new InputException(key.getValue(), "unknown field (" + key.getKey() + ")"
                        + Suggestions.hint(key.getKey(), FIELDS));
            }
        }
        Map<String, Node> f = obj.fields();
        try {
            return new Client(
                    id(f.get("id")),
                    term(obj, "goal", Category.GOAL, true),
                    term(obj, "massageType", Category.MASSAGE_TYPE, true),
                    terms(f.get("bodyResponse"), "bodyResponse", Category.BODY_RESPONSE),
                    terms(f.get("conditions"), "conditions", Category.CONDITION),
                    term(obj, "activityLevel", Category.ACTIVITY_LEVEL, true),
                    bool(f.get("medicalApproval"), "medicalApproval"),
                    bool(f.get("guidedByTherapist"), "guidedByTherapist"),
                    weeks(f.get("weeksInTreatment")),
                    term(obj, "symptomTrend", Category.SYMPTOM_TREND, false),
                    age(f.get("age")),
                    date(f.get("lastMassageDate")));
        } catch (IllegalArgumentException e) {
            throw new InputException(obj.at(), e.getMessage());
        }
    }

    private static boolean absent(Node n) {
        return n == null || (n instanceof Node.Scalar s && (s.isNull() || (s.value().isTextual() && s.value().asText().isBlank())));
    }

    private static String id(Node n) {
        if (absent(n)) {
            return null;
        }
        if (n instanceof Node.Scalar s && (s.value().isTextual() || s.value().isNumber())) {
            return s.value().asText();
        }
        throw InputException.forField(n.at(), "id", "expected a text, got " + Node.kind(n));
    }

    private String term(Node.Obj obj, String field, Category category, boolean required) {
        Node n = obj.fields().get(field);
        if (absent(n)) {
            if (required) {
                throw InputException.forField(n == null ? obj.at() : n.at(), field, "missing; one of "
                        + String.join(", ", vocabulary.terms(category).keySet()));
            }
            return null;
        }
        if (n instanceof Node.Scalar s && s.value().isTextual()) {
            return vocabulary.canonical(category, s.value().asText(), n.at(), field);
        }
        throw InputException.forField(n.at(), field, "expected a term, got " + Node.kind(n));
    }

    /** A list of terms: a YAML/JSON list, or one text with terms separated by ';' (as in CSV cells). */
    private List<String> terms(Node n, String field, Category category) {
        if (absent(n)) {
            return List.of();
        }
        List<Node> items = new ArrayList<>();
        if (n instanceof Node.Arr arr) {
            items.addAll(arr.items());
        } else if (n instanceof Node.Scalar s && s.value().isTextual()) {
            for (String part : s.value().asText().split(";")) {
                if (!part.isBlank()) {
                    items.add(new Node.Scalar(JSON.getNodeFactory().textNode(part.trim()), n.at()));
                }
            }
        } else {
            throw InputException.forField(n.at(), field, "expected a list of terms, got " + Node.kind(n));
        }
        Set<String> out = new LinkedHashSet<>();
        for (Node item : items) {
            if (!(item instanceof Node.Scalar s) || !s.value().isTextual()) {
                throw InputException.forField(item.at(), field, "expected a term, got " + Node.kind(item));
            }
            out.add(vocabulary.canonical(category, s.value().asText(), item.at(), field));
        }
        return List.copyOf(out);
    }

    private static boolean bool(Node n, String field) {
        if (absent(n)) {
            return false;
        }
        if (n instanceof Node.Scalar s) {
            JsonNode v = s.value();
            if (v.isBoolean()) {
                return v.asBoolean();
            }
            if (v.isTextual()) {
                String t = v.asText().trim().toLowerCase(Locale.ROOT);
                if (t.equals("true") || t.equals("false")) {
                    return Boolean.parseBoolean(t);
                }
            }
        }
        throw InputException.forField(n.at(), field, "expected true or false, got " + Node.kind(n));
    }

    /** An ISO date (YYYY-MM-DD) that exists and is not after today. */
    private LocalDate date(Node n) {
        if (absent(n)) {
            return null;
        }
        String field = "lastMassageDate";
        String text = n instanceof Node.Scalar s && s.value().isTextual() ? s.value().asText().trim() : null;
        if (text == null || !isoShaped(text)) {
            throw InputException.forField(n.at(), field, "expected a date as YYYY-MM-DD, got " + Node.kind(n));
        }
        LocalDate date = realDate(text);
        if (date == null) {
            throw InputException.forField(n.at(), field, "not a real date (" + text + ")");
        }
        if (afterToday(date, clock)) {
            throw InputException.forField(n.at(), field, "in the future (" + text + "); today is " + LocalDate.now(clock));
        }
        return date;
    }

    /**
     * Whether the text is written YYYY-MM-DD in ASCII digits. Checked, and the date read, digit by digit
     * (here and in {@link LeanJson}): a pattern and the ISO formatter were a third of reading a profile.
     */
    static boolean isoShaped(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = text.charAt(i);
            if (i != 4 && i != 7 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** The day an {@link #isoShaped} text names, or null when there is no such day (2026-02-30). */
    static LocalDate realDate(String text) {
        try {
            return LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (text.charAt(i) - '0');
        }
        return n;
    }

    /**
     * Whether the date is after today in the clock's zone. Today there is at least the day before
     * today's date in UTC (no zone is a day behind), so only a date from that day on needs the zone's rules.
     */
    static boolean afterToday(LocalDate date, Clock clock) {
        return date.toEpochDay() >= Math.floorDiv(clock.millis(), MILLIS_A_DAY) - 1 && date.isAfter(LocalDate.now(clock));
    }

    /** Whole years 0-120, or null when absent. */
    private static Integer age(Node n) {
        if (absent(n)) {
            return null;
        }
        if (n instanceof Node.Scalar s) {
            JsonNode v = s.value();
            Integer value = null;
            if (v.isIntegralNumber() && v.canConvertToInt()) {
                value = v.asInt();
            } else if (v.isTextual() && DIGITS.matcher(v.asText().trim()).matches()) {
                value = Integer.parseInt(v.asText().trim());
            }
            if (value != null && value >= 0 && value <= Client.OLDEST) {
                return value;
            }
        }
        throw InputException.forField(n.at(), "age", "expected whole years from 0 to " + Client.OLDEST + ", got " + Node.kind(n));
    }

    private static int weeks(Node n) {
        if (absent(n)) {
            return 0;
        }
        if (n instanceof Node.Scalar s) {
            JsonNode v = s.value();
            Integer value = null;
            if (v.isIntegralNumber() && v.canConvertToInt()) {
                value = v.asInt();
            } else if (v.isTextual() && DIGITS.matcher(v.asText().trim()).matches()) {
                value = Integer.parseInt(v.asText().trim());
            }
            if (value != null && value >= 0) {
                return value;
            }
        }
        throw InputException.forField(n.at(), "weeksInTreatment", "expected a whole number >= 0, got " + Node.kind(n));
    }
}
