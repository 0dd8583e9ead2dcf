package org.massageadvisor.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.ProfileReader;
import org.massageadvisor.client.Vocabulary;

/**
 * Random valid client profiles drawn from the vocabulary, for demos, tests and benchmarks. The same
 * seed and vocabulary always give the same profiles, in the same order.
 */
public final class ProfileGenerator {

    /** Weeks in treatment are drawn from 0 to this (inclusive). */
    static final int MAX_WEEKS = 52;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SplittableRandom random;
    private final List<String> goals;
    private final List<String> types;
    private final List<String> responses;
    private final List<String> conditions;
    private final List<String> levels;
    private final List<String> trends;
    private long count;

    public ProfileGenerator(Vocabulary vocabulary, long seed) {
        this.random = new SplittableRandom(seed);
        this.goals = terms(vocabulary, Category.GOAL);
        this.types = terms(vocabulary, Category.MASSAGE_TYPE);
        this.responses = terms(vocabulary, Category.BODY_RESPONSE);
        this.conditions = terms(vocabulary, Category.CONDITION);
        this.levels = terms(vocabulary, Category.ACTIVITY_LEVEL);
        this.trends = terms(vocabulary, Category.SYMPTOM_TREND);
    }

    private static List<String> terms(Vocabulary vocabulary, Category category) {
        return List.copyOf(vocabulary.terms(category).keySet());
    }

    /** The next profile; its id is {@code client-N}, N counting from 1. */
    public Client next() {
        count++;
        return new Client("client-" + count, pick(goals), pick(types), subset(responses, 0.3), subset(conditions, 0.12),
                pick(levels), random.nextBoolean(), random.nextBoolean(), random.nextInt(MAX_WEEKS + 1), pick(trends));
    }

    private String pick(List<String> terms) {
        return terms.get(random.nextInt(terms.size()));
    }

    /** Each term with probability {@code p}: most clients have few conditions, as in a real clinic. */
    private List<String> subset(List<String> terms, double p) {
        List<String> out = new ArrayList<>(2);
        for (String t : terms) {
            if (random.nextDouble() < p) {
                out.add(t);
            }
        }
        return out;
    }

    /** The CSV header: the profile fields of docs/contract.md and the age, in its order (no last massage date is generated). */
    public static String csvHeader() {
        return String.join(",", ProfileReader.FIELDS.subList(0, ProfileReader.FIELDS.indexOf("age") + 1));
    }

    /** One CSV row; list cells join their terms with ';'. Terms and generated ids need no quoting. */
    public static String csvRow(Client c) {
        return c.id() + "," + c.goal() + "," + c.massageType() + "," + String.join(";", c.bodyResponse()) + ","
                + String.join(";", c.conditions()) + "," + c.activityLevel() + "," + c.medicalApproval() + ","
                + c.guidedByTherapist() + "," + c.weeksInTreatment() + "," + c.symptomTrend() + "," + (c.age() == null ? "" : c.age());
    }

    /** One JSON line with the fields in contract order (age and last massage date only when given). */
    public static String jsonLine(Client c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", c.id());
        o.put("goal", c.goal());
        o.put("massageType", c.massageType());
        c.bodyResponse().forEach(o.putArray("bodyResponse")::add);
        c.conditions().forEach(o.putArray("conditions")::add);
        o.put("activityLevel", c.activityLevel());
        o.put("medicalApproval", c.medicalApproval());
        o.put("guidedByTherapist", c.guidedByTherapist());
        o.put("weeksInTreatment", c.weeksInTreatment());
        o.put("symptomTrend", c.symptomTrend());
        if (c.age() != null) {
            o.put("age", c.age());
        }
        if (c.lastMassageDate() != null) {
            o.put("lastMassageDate", c.lastMassageDate().toString());
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
