package org.massageadvisor.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The common case of a JSON profile, read straight from the parser's tokens: one flat object of
 * known fields, each given once, with the JSON type the contract gives it and a known term. It
 * builds no {@link Node} tree: positions matter only to an error message.
 *
 * <p>It gives up (returns null) on anything else: a syntax error, an unknown field or term, a field
 * given twice, a value of another type (text where a number or a boolean goes, a term list written
 * as one text), a missing required field, a date that does not exist or lies in the future, more
 * after the object. {@link ProfileReader#readJson} then reads the same text again with positions,
 * and that reading accepts or refuses it and names the place. So this reader never accepts what
 * the positioned one refuses and never reads a value differently; {@code LeanJsonTest} checks both
 * give the same outcome for every input it generates.
 */
final class LeanJson {

    private LeanJson() {
    }

    /** The client, or null when the positioned reading must decide. The parser stands before the first token. */
    static Client read(JsonParser p, Vocabulary vocabulary, Clock clock) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String id = null;
        String goal = null;
        String massageType = null;
        List<String> bodyResponse = List.of();
        List<String> conditions = List.of();
        String activityLevel = null;
        boolean medicalApproval = false;
        boolean guidedByTherapist = false;
        int weeks = 0;
        String trend = null;
        Integer age = null;
        LocalDate lastMassageDate = null;
        int seen = 0;
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int field = ProfileReader.FIELDS.indexOf(name);
            if (field < 0 || (seen & (1 << field)) != 0) {
                return null;
            }
            seen |= 1 << field;
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NULL || (value == JsonToken.VALUE_STRING && p.getText().isBlank())) {
                // Absent: the defaults below, or a required term missing (which the positioned reading reports).
                continue;
            }
            // Each case leaves its value null (or -1) when it cannot read it: an unknown term, another type, a date that cannot be.
            switch (name) {
                case "id" -> id = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "goal" -> goal = term(p, value, vocabulary, Category.GOAL);
                case "massageType" -> massageType = term(p, value, vocabulary, Category.MASSAGE_TYPE);
                case "bodyResponse" -> bodyResponse = terms(p, value, vocabulary, Category.BODY_RESPONSE);
                case "conditions" -> conditions = terms(p, value, vocabulary, Category.CONDITION);
                case "activityLevel" -> activityLevel = term(p, value, vocabulary, Category.ACTIVITY_LEVEL);
                case "medicalApproval" -> medicalApproval = value == JsonToken.VALUE_TRUE;
                case "guidedByTherapist" -> guidedByTherapist = value == JsonToken.VALUE_TRUE;
                case "weeksInTreatment" -> weeks = whole(p, value);
                case "symptomTrend" -> trend = term(p, value, vocabulary, Category.SYMPTOM_TREND);
                case "age" -> {
                    int n = whole(p, value);
                    age = n > Client.OLDEST ? -1 : n;
                }
                case "lastMassageDate" -> lastMassageDate = date(p, value, clock);
                default -> {
                    // A field this reader does not know yet: the positioned reading decides.
                    return null;
                }
            }
            boolean read = switch (name) {
                case "id" -> id != null;
                case "goal" -> goal != null;
                case "massageType" -> massageType != null;
                case "bodyResponse" -> bodyResponse != null;
                case "conditions" -> conditions != null;
                case "activityLevel" -> activityLevel != null;
                case "medicalApproval", "guidedByTherapist" -> value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE;
                case "weeksInTreatment" -> weeks >= 0;
                case "symptomTrend" -> trend != null;
                case "age" -> age >= 0;
                default -> lastMassageDate != null;
            };
            if (!read) {
                return null;
            }
        }
        if (token != JsonToken.END_OBJECT || p.nextToken() != null || goal == null || massageType == null || activityLevel == null) {
            return null;
        }
        try {
            return new Client(id, goal, massageType, bodyResponse, conditions, activityLevel, medicalApproval, guidedByTherapist,
                    weeks, trend, age, lastMassageDate);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A known term given as a text, or null. */
    private static String term(JsonParser p, JsonToken value, Vocabulary vocabulary, Category category) throws IOException {
        return value == JsonToken.VALUE_STRING ? vocabulary.known(category, p.getText()) : null;
    }

    /** A list of known terms, or null (anything else in the list, or the list written as one text). */
    private static List<String> terms(JsonParser p, JsonToken value, Vocabulary vocabulary, Category category) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> out = new ArrayList<>(4);
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
            String term = term(p, item, vocabulary, category);
            if (term == null) {
                return null;
            }
            out.add(term);
        }
        return out;
    }

    /** A whole number from 0 that fits an int, or -1. */
    private static int whole(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            return -1;
        }
        return Math.max(-1, p.getIntValue());
    }

    /** A real date written YYYY-MM-DD, not after today; or null. */
    private static LocalDate date(JsonParser p, JsonToken value, Clock clock) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            return null;
        }
        String text = p.getText().trim();
        if (!ProfileReader.ISO_DATE.matcher(text).matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            return date.isAfter(LocalDate.now(clock)) ? null : date;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
