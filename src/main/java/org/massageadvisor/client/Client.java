package org.massageadvisor.client;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A client profile (CONTRACT section 1), the main fact rules reason about. Terms are upper-case
 * vocabulary terms; list terms are de-duplicated and sorted so that the order a client lists them in
 * can never change a recommendation. {@code age} (whole years, 0-120) is optional: null when not given.
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
        Integer age) {

    public static final String DEFAULT_SYMPTOM_TREND = "STABLE";
    public static final int OLDEST = 120;

    /** A profile without an age. */
    public Client(String id, String goal, String massageType, List<String> bodyResponse, List<String> conditions,
            String activityLevel, boolean medicalApproval, boolean guidedByTherapist, int weeksInTreatment, String symptomTrend) {
        this(id, goal, massageType, bodyResponse, conditions, activityLevel, medicalApproval, guidedByTherapist,
                weeksInTreatment, symptomTrend, null);
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

    private static List<String> canonical(List<String> terms) {
        return terms == null ? List.of() : List.copyOf(new TreeSet<>(terms));
    }

    public Client withId(String newId) {
        return new Client(newId, goal, massageType, bodyResponse, conditions, activityLevel,
                medicalApproval, guidedByTherapist, weeksInTreatment, symptomTrend, age);
    }

    public Client withAge(Integer newAge) {
        return new Client(id, goal, massageType, bodyResponse, conditions, activityLevel,
                medicalApproval, guidedByTherapist, weeksInTreatment, symptomTrend, newAge);
    }
}
