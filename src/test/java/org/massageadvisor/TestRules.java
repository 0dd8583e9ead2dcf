package org.massageadvisor;

import java.nio.file.Path;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.recommendation.Recommendation;

/** The shipped rules, compiled once for the whole test run. */
public final class TestRules {

    public static final Path RULES = Path.of("rules-drl");
    public static final Path SCENARIOS = Path.of("scenarios");

    /** The worked example as a profile file: chronic pain, deep tissue, sore, herniated disc, sedentary (5-7 days). */
    public static final String WORKED_EXAMPLE = """
            id: c1
            goal: CHRONIC_PAIN
            massageType: DEEP_TISSUE
            bodyResponse: [SORE]
            conditions: [HERNIATED_DISC]
            activityLevel: SEDENTARY
            """;

    /**
     * The worked example as an HTTP body, with a last massage date: chronic pain, deep tissue, sore, herniated
     * disc, sedentary: 3-7 start, +2 for soreness = 5-7 days, two warnings.
     */
    public static final String WORKED_EXAMPLE_JSON = """
            {"id":"client-17","goal":"CHRONIC_PAIN","massageType":"DEEP_TISSUE","bodyResponse":["SORE"],
             "conditions":["HERNIATED_DISC"],"activityLevel":"SEDENTARY","lastMassageDate":"2026-11-20"}""";

    private static volatile Evaluator evaluator;

    private TestRules() {
    }

    public static Evaluator evaluator() {
        if (evaluator == null) {
            synchronized (TestRules.class) {
                if (evaluator == null) {
                    evaluator = new Evaluator(RuleBase.load(RULES));
                }
            }
        }
        return evaluator;
    }

    public static Recommendation evaluate(Client client) {
        return evaluator().evaluate(client);
    }

    /** A client builder with sensible defaults: relaxation, Swedish, sedentary, nothing else. */
    public static ClientBuilder client() {
        return new ClientBuilder();
    }

    public static final class ClientBuilder {
        private String id = "test";
        private String goal = "RELAXATION";
        private String massageType = "SWEDISH";
        private java.util.List<String> bodyResponse = java.util.List.of();
        private java.util.List<String> conditions = java.util.List.of();
        private String activityLevel = "SEDENTARY";
        private boolean medicalApproval;
        private boolean guidedByTherapist;
        private int weeksInTreatment;
        private String symptomTrend = "STABLE";

        public ClientBuilder goal(String v) { goal = v; return this; }
        public ClientBuilder massageType(String v) { massageType = v; return this; }
        public ClientBuilder bodyResponse(String... v) { bodyResponse = java.util.List.of(v); return this; }
        public ClientBuilder conditions(String... v) { conditions = java.util.List.of(v); return this; }
        public ClientBuilder activityLevel(String v) { activityLevel = v; return this; }
        public ClientBuilder medicalApproval(boolean v) { medicalApproval = v; return this; }
        public ClientBuilder guidedByTherapist(boolean v) { guidedByTherapist = v; return this; }
        public ClientBuilder weeksInTreatment(int v) { weeksInTreatment = v; return this; }
        public ClientBuilder symptomTrend(String v) { symptomTrend = v; return this; }

        public Client build() {
            return new Client(id, goal, massageType, bodyResponse, conditions, activityLevel,
                    medicalApproval, guidedByTherapist, weeksInTreatment, symptomTrend);
        }
    }
}
