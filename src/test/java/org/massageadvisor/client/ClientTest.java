package org.massageadvisor.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Client's own hashCode (cheaper than the record's) must stay consistent with the record's equals. */
class ClientTest {

    @Test
    void clientsListingTheSameTermsInAnotherOrderAreEqualWithEqualHashes() {
        Client a = new Client("c1", "CHRONIC_PAIN", "DEEP_TISSUE", List.of("SORE", "FATIGUED"), List.of("OSTEOPOROSIS", "HERNIATED_DISC"),
                "SEDENTARY", false, false, 3, null, 70, LocalDate.of(2026, 11, 20));
        Client b = new Client("c1", "CHRONIC_PAIN", "DEEP_TISSUE", List.of("FATIGUED", "SORE"), List.of("HERNIATED_DISC", "OSTEOPOROSIS"),
                "SEDENTARY", false, false, 3, "STABLE", 70, LocalDate.of(2026, 11, 20));
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }

    @Property
    void equalClientsHaveEqualHashes(@ForAll("clients") Client a, @ForAll("clients") Client b) {
        // Rebuilt from its own fields, a client is equal to itself and hashes alike.
        Client copy = new Client(a.id(), a.goal(), a.massageType(), a.bodyResponse(), a.conditions(), a.activityLevel(),
                a.medicalApproval(), a.guidedByTherapist(), a.weeksInTreatment(), a.symptomTrend(), a.age(), a.lastMassageDate());
        assertThat(copy).isEqualTo(a);
        assertThat(copy.hashCode()).isEqualTo(a.hashCode());
        if (a.equals(b)) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
    }

    @Provide
    Arbitrary<Client> clients() {
        Arbitrary<String> ids = Arbitraries.of("c1", "c2");
        Arbitrary<String> goals = Arbitraries.of("RELAXATION", "CHRONIC_PAIN");
        Arbitrary<List<String>> responses = Arbitraries.of("SORE", "FATIGUED", "GOOD").list().ofMaxSize(2);
        Arbitrary<List<String>> conditions = Arbitraries.of("OSTEOPOROSIS", "PREGNANCY").list().ofMaxSize(2);
        Arbitrary<Integer> weeks = Arbitraries.of(0, 4);
        Arbitrary<Integer> ages = Arbitraries.of(30, 80).injectNull(0.3);
        return Combinators.combine(ids, goals, responses, conditions, weeks, ages, Arbitraries.of(true, false))
                .as((id, goal, r, c, w, age, approved) -> new Client(id, goal, "SWEDISH", r, c, "SEDENTARY", approved, false, w, null, age));
    }
}
