package org.massageadvisor.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A client profile (docs/contract.md), the main fact rules reason about. Terms are upper-case
 * vocabulary terms; list terms are de-duplicated and sorted so that the order a client lists them in
 * can never change a recommendation. {@code age} (whole years, 0-120) is optional: null when not given.
 * {@code lastMassageDate} (optional) only dates the answer: rules do not read it, and a
 * recommendation is the same with or without it, its window aside.
 */
public record Client(
        String id,
        String goal,
        String massageType,
        List<String> bodyResponse,
        List<String> conditions,
        String activityLevel,
        boolean medicalApproval,
        boolean guidedByTherapist,
        int weeksInTreatment,
        String symptomTrend,
        Integer age,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonSerialize(using = org.massageadvisor.recommendation.IsoDate.Writer.class)
        @JsonDeserialize(using = org.massageadvisor.recommendation.IsoDate.Reader.class)
        LocalDate lastMassageDate) {

    public static final String DEFAULT_SYMPTOM_TREND = "STABLE";
    public static final int OLDEST = 120;

    /** A profile without an age. */
    public Client(String id, String goal, String massageType, List<String> bodyResponse, List<String> conditions,
            String activityLevel, boolean medicalApproval, boolean guidedByTherapist, int weeksInTreatment, String symptomTrend) {
        this(id, goal, massageType, bodyResponse, conditions, activityLevel, medicalApproval, guidedByTherapist,
                weeksInTreatment, symptomTrend, null, null);
    }

    /** A profile with an age (or null) and no last massage date. */
    public Client(String id, String goal, String massageType, List<String> bodyResponse, List<String> conditions,
            String activityLevel, boolean medicalApproval, boolean guidedByTherapist, int weeksInTreatment, String symptomTrend,
            Integer age) {
        this(id, goal, massageType, bodyResponse, conditions, activityLevel, medicalApproval, guidedByTherapist,
                weeksInTreatment, symptomTrend, age, null);
    }

    public Client {
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(massageType, "massageType");
        Objects.requireNonNull(activityLevel, "activityLevel");
        bodyResponse = canonical(bodyResponse);
        conditions = canonical(conditions);
        symptomTrend = symptomTrend == null ? DEFAULT_SYMPTOM_TREND : symptomTrend;
        if (weeksInTreatment < 0) {
            throw new IllegalArgumentException("weeksInTreatment must be >= 0, was " + weeksInTreatment);
        }
        if (age != null && (age < 0 || age > OLDEST)) {
            throw new IllegalArgumentException("age must be 0-" + OLDEST + ", was " + age);
        }
    }

    /**
     * Consistent with the record's {@code equals} (clients equal in every field are equal in these), and
     * cheaper than the record's own, which hashes both term lists on every call: Drools hashes the client
     * each time a rule derives a fact keyed on it ({@code insertLogical}) and each time it joins on it.
     */
    @Override
    public int hashCode() {
        int h = Objects.hashCode(id);
        h = 31 * h + goal.hashCode();
        h = 31 * h + massageType.hashCode();
        h = 31 * h + activityLevel.hashCode();
        return 31 * h + weeksInTreatment;
    }

    private static List<String> canonical(List<String> terms) {
        return terms == null ? List.of() : List.copyOf(new TreeSet<>(terms));
    }

    public Client withId(String newId) {
        return new Client(newId, goal, massageType, bodyResponse, conditions, activityLevel,
                medicalApproval, guidedByTherapist, weeksInTreatment, symptomTrend, age, lastMassageDate);
    }

    public Client withAge(Integer newAge) {
        return new Client(id, goal, massageType, bodyResponse, conditions, activityLevel,
                medicalApproval, guidedByTherapist, weeksInTreatment, symptomTrend, newAge, lastMassageDate);
    }

    public Client withLastMassageDate(LocalDate date) {
        return new Client(id, goal, massageType, bodyResponse, conditions, activityLevel,
                medicalApproval, guidedByTherapist, weeksInTreatment, symptomTrend, age, date);
    }
}
