package org.massageadvisor.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
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
        try {
            return client(p, vocabulary, clock);
        } catch (GiveUp e) {
            return null;
        }
    }

    /**
     * Where this reader cannot decide. Thrown without a stack trace, and only for the inputs that are
     * then read again with positions, which costs far more.
     */
    private static final class GiveUp extends Exception {
        private static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super(null, null, false, false);
        }
    }

    private static Client client(JsonParser p, Vocabulary vocabulary, Clock clock) throws IOException, GiveUp {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw GiveUp.INSTANCE;
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
                throw GiveUp.INSTANCE;
            }
            seen |= 1 << field;
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NULL || (value == JsonToken.VALUE_STRING && p.getText().isBlank())) {
                // Absent: the defaults below, or a required term missing (which the positioned reading reports).
                continue;
            }
            switch (name) {
                case "id" -> id = text(p, value);
                case "goal" -> goal = term(p, value, vocabulary, Category.GOAL);
                case "massageType" -> massageType = term(p, value, vocabulary, Category.MASSAGE_TYPE);
                case "bodyResponse" -> bodyResponse = terms(p, value, vocabulary, Category.BODY_RESPONSE);
                case "conditions" -> conditions = terms(p, value, vocabulary, Category.CONDITION);
                case "activityLevel" -> activityLevel = term(p, value, vocabulary, Category.ACTIVITY_LEVEL);
                case "medicalApproval" -> medicalApproval = bool(value);
                case "guidedByTherapist" -> guidedByTherapist = bool(value);
                case "weeksInTreatment" -> weeks = whole(p, value, Integer.MAX_VALUE);
                case "symptomTrend" -> trend = term(p, value, vocabulary, Category.SYMPTOM_TREND);
                case "age" -> age = whole(p, value, Client.OLDEST);
                case "lastMassageDate" -> lastMassageDate = date(p, value, clock);
                // A field this reader does not know yet: the positioned reading decides.
                default -> throw GiveUp.INSTANCE;
            }
        }
        if (token != JsonToken.END_OBJECT || p.nextToken() != null || goal == null || massageType == null || activityLevel == null) {
            throw GiveUp.INSTANCE;
        }
        try {
            return new Client(id, goal, massageType, bodyResponse, conditions, activityLevel, medicalApproval, guidedByTherapist,
                    weeks, trend, age, lastMassageDate);
        } catch (IllegalArgumentException e) {
            throw GiveUp.INSTANCE;
        }
    }

    /** A text. */
    private static String text(JsonParser p, JsonToken value) throws IOException, GiveUp {
        if (value != JsonToken.VALUE_STRING) {
            throw GiveUp.INSTANCE;
        }
        return p.getText();
    }

    /** A known term given as a text. */
    private static String term(JsonParser p, JsonToken value, Vocabulary vocabulary, Category category) throws IOException, GiveUp {
        String term = vocabulary.known(category, text(p, value));
        if (term == null) {
            throw GiveUp.INSTANCE;
        }
        return term;
    }

    /** A list of known terms (not the list written as one text). */
    private static List<String> terms(JsonParser p, JsonToken value, Vocabulary vocabulary, Category category) throws IOException, GiveUp {
        if (value != JsonToken.START_ARRAY) {
            throw GiveUp.INSTANCE;
        }
        List<String> out = new ArrayList<>(4);
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
            out.add(term(p, item, vocabulary, category));
        }
        return out;
    }

    /** A JSON boolean (not a text that reads as one). */
    private static boolean bool(JsonToken value) throws GiveUp {
        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
            throw GiveUp.INSTANCE;
        }
        return value == JsonToken.VALUE_TRUE;
    }

    /** A whole number from 0 to {@code max} that fits an int. */
    private static int whole(JsonParser p, JsonToken value, int max) throws IOException, GiveUp {
        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw GiveUp.INSTANCE;
        }
        int n = p.getIntValue();
        if (n < 0 || n > max) {
            throw GiveUp.INSTANCE;
        }
        return n;
    }

    /** A real date written YYYY-MM-DD, not after today (the positioned reading's rules, {@link ProfileReader#isoShaped}). */
    private static LocalDate date(JsonParser p, JsonToken value, Clock clock) throws IOException, GiveUp {
        String text = text(p, value).trim();
        LocalDate date = ProfileReader.isoShaped(text) ? ProfileReader.realDate(text) : null;
        if (date == null || ProfileReader.afterToday(date, clock)) {
            throw GiveUp.INSTANCE;
        }
        return date;
    }
}
