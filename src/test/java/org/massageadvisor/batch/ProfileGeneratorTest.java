package org.massageadvisor.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.Vocabulary;

class ProfileGeneratorTest {

    private final Vocabulary vocabulary = TestRules.evaluator().ruleBase().vocabulary();

    private List<Client> generate(long seed, int n) {
        ProfileGenerator g = new ProfileGenerator(vocabulary, seed);
        List<Client> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(g.next());
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameProfilesAndAnotherSeedOthers() {
        assertThat(generate(5, 200)).isEqualTo(generate(5, 200));
        assertThat(generate(5, 200)).isNotEqualTo(generate(6, 200));
    }

    @Test
    void everyProfileUsesVocabularyTermsAndEveryGoalAndMassageTypeTurnsUp() {
        List<Client> clients = generate(1, 2000);
        for (Client c : clients) {
            assertThat(vocabulary.terms(Category.GOAL)).containsKey(c.goal());
            assertThat(vocabulary.terms(Category.MASSAGE_TYPE)).containsKey(c.massageType());
            assertThat(vocabulary.terms(Category.ACTIVITY_LEVEL)).containsKey(c.activityLevel());
            assertThat(vocabulary.terms(Category.SYMPTOM_TREND)).containsKey(c.symptomTrend());
            assertThat(vocabulary.terms(Category.CONDITION).keySet()).containsAll(c.conditions());
            assertThat(vocabulary.terms(Category.BODY_RESPONSE).keySet()).containsAll(c.bodyResponse());
            assertThat(c.weeksInTreatment()).isBetween(0, ProfileGenerator.MAX_WEEKS);
        }
        assertThat(clients).extracting(Client::goal).containsAll(vocabulary.terms(Category.GOAL).keySet());
        assertThat(clients).extracting(Client::massageType).containsAll(vocabulary.terms(Category.MASSAGE_TYPE).keySet());
        assertThat(clients.get(0).id()).isEqualTo("client-1");
    }

    @Test
    void csvRowsAndJsonLinesKeepTheContractFieldOrder() {
        Client c = TestRules.client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").bodyResponse("SORE", "FATIGUED")
                .conditions("HERNIATED_DISC").weeksInTreatment(3).build();
        assertThat(ProfileGenerator.csvHeader()).isEqualTo(
                "id,goal,massageType,bodyResponse,conditions,activityLevel,medicalApproval,guidedByTherapist,weeksInTreatment,symptomTrend,age");
        assertThat(ProfileGenerator.csvRow(c)).isEqualTo("test,CHRONIC_PAIN,DEEP_TISSUE,FATIGUED;SORE,HERNIATED_DISC,SEDENTARY,false,false,3,STABLE,");
        assertThat(ProfileGenerator.csvRow(c.withAge(70))).endsWith(",STABLE,70");
        assertThat(ProfileGenerator.jsonLine(c)).isEqualTo("{\"id\":\"test\",\"goal\":\"CHRONIC_PAIN\",\"massageType\":\"DEEP_TISSUE\","
                + "\"bodyResponse\":[\"FATIGUED\",\"SORE\"],\"conditions\":[\"HERNIATED_DISC\"],\"activityLevel\":\"SEDENTARY\","
                + "\"medicalApproval\":false,\"guidedByTherapist\":false,\"weeksInTreatment\":3,\"symptomTrend\":\"STABLE\"}");
        assertThat(ProfileGenerator.jsonLine(c.withAge(70).withLastMassageDate(java.time.LocalDate.of(2026, 11, 20))))
                .endsWith("\"symptomTrend\":\"STABLE\",\"age\":70,\"lastMassageDate\":\"2026-11-20\"}");
    }
}
