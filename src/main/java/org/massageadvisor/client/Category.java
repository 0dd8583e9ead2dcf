package org.massageadvisor.client;

/** The kinds of term in {@code rules-drl/vocabulary.yaml}, with the YAML key each is listed under. */
public enum Category {
    GOAL("goals"),
    MASSAGE_TYPE("massageTypes"),
    BODY_RESPONSE("bodyResponses"),
    CONDITION("conditions"),
    ACTIVITY_LEVEL("activityLevels"),
    SYMPTOM_TREND("symptomTrends"),
    WARNING("warnings"),
    TIP("tips");

    private final String key;

    Category(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
