package org.massageadvisor.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;
import org.massageadvisor.batch.ProfileGenerator;
import org.massageadvisor.client.Client;

/**
 * A matched fact is kept as it is and written only with the explanation; it must read exactly as the
 * copy taken when the rule fired used to: its type first, then its own properties as Jackson writes them.
 */
class MatchedFactTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyMatchedFactIsWrittenAsItsTypeThenItsOwnProperties() throws Exception {
        ProfileGenerator profiles = new ProfileGenerator(TestRules.evaluator().ruleBase().vocabulary(), 11);
        int facts = 0;
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (int i = 0; i < 300; i++) {
            Client client = profiles.next();
            for (Firing firing : TestRules.evaluator().evaluate(client, true).explanation()) {
                for (Object matched : firing.facts()) {
                    Object fact = ((MatchedFact) matched).fact();
                    ObjectNode copy = JSON.createObjectNode();
                    copy.put("@type", fact.getClass().getSimpleName());
                    copy.setAll((ObjectNode) JSON.valueToTree(fact));
                    assertThat(JSON.writeValueAsString(matched)).isEqualTo(JSON.writeValueAsString(copy));
                    facts++;
                    types.add(fact.getClass().getSimpleName());
                }
            }
        }
        // Clients, massage types and facts the rules derive (types declared in DRL) all went through it.
        assertThat(facts).isGreaterThan(1000);
        assertThat(types).contains("Client", "MassageType", "ActiveLifestyle", "IntenseWork", "RecoveryNeeded", "SymptomsEasing");
    }

    @Test
    void aClientWithoutAgeOrDateReadsAsBefore() throws Exception {
        Client client = new Client("c1", "RELAXATION", "SWEDISH", null, null, "SEDENTARY", false, false, 0, null);
        assertThat(JSON.writeValueAsString(new MatchedFact(client))).isEqualTo("{\"@type\":\"Client\",\"id\":\"c1\",\"goal\":\"RELAXATION\","
                + "\"massageType\":\"SWEDISH\",\"bodyResponse\":[],\"conditions\":[],\"activityLevel\":\"SEDENTARY\",\"medicalApproval\":false,"
                + "\"guidedByTherapist\":false,\"weeksInTreatment\":0,\"symptomTrend\":\"STABLE\",\"age\":null}");
    }

    @Test
    void equalWhenAnExplanationShowsThemAlike() {
        Client a = new Client("c1", "RELAXATION", "SWEDISH", null, null, "SEDENTARY", false, false, 0, null);
        Client b = new Client("c1", "RELAXATION", "SWEDISH", null, null, "ATHLETE", false, false, 0, null);
        assertThat(new MatchedFact(a)).isEqualTo(new MatchedFact(a.withId("c1"))).hasSameHashCodeAs(new MatchedFact(a.withId("c1")));
        assertThat(new MatchedFact(a)).isNotEqualTo(new MatchedFact(b));
        assertThat(new MatchedFact(a)).isNotEqualTo(new MatchedFact(new MassageTypeLike("SWEDISH")));
    }

    /** Another type with none of the client's properties. */
    record MassageTypeLike(String name) {
    }
}
