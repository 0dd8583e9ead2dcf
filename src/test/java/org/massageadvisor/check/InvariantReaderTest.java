package org.massageadvisor.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.InputException;
import org.massageadvisor.engine.RuleBase;

class InvariantReaderTest {

    private final RuleBase rules = TestRules.evaluator().ruleBase();
    private final InvariantReader reader = new InvariantReader(rules.vocabulary(), rules.rules().keySet());

    @Test
    void containsDollarXStandsForEveryTermOfTheList() {
        List<Invariant> invariants = reader.read("""
                invariants:
                  - name: doctor
                    when: { conditions: { contains: $X } }
                    expect: { warnings: [{ code: CONSULT_DOCTOR, subject: $X }] }
                """, "inv.yaml");
        assertThat(invariants).extracting(Invariant::name).containsExactly("doctor [$X=HERNIATED_DISC]", "doctor [$X=OSTEOPOROSIS]",
                "doctor [$X=NERVE_ISSUE]", "doctor [$X=BLOOD_CLOT]", "doctor [$X=ANTICOAGULANTS]", "doctor [$X=FEVER]",
                "doctor [$X=PREGNANCY]", "doctor [$X=HIGH_RISK_PREGNANCY]", "doctor [$X=SADDLE_NUMBNESS]",
                "doctor [$X=BLADDER_BOWEL_CHANGE]", "doctor [$X=LEG_WEAKNESS]", "doctor [$X=UNEXPLAINED_WEIGHT_LOSS]",
                "doctor [$X=CANCER_TREATMENT]", "doctor [$X=RECENT_SURGERY]", "doctor [$X=RECENT_FRACTURE]",
                "doctor [$X=BLEEDING_DISORDER]", "doctor [$X=SKIN_INFECTION]");
        assertThat(invariants.get(1).expect().warnings().get(0).subject()).isEqualTo("OSTEOPOROSIS");
        assertThat(invariants.get(1).whenText()).isEqualTo("when conditions contains OSTEOPOROSIS");
    }

    @Test
    void anIntenseTypeAndAFlagSelectClients() {
        Invariant inv = reader.read("""
                invariants:
                  - name: x
                    when: { massageType: intense, medicalApproval: false }
                    expect: { status: REFER }
                """, "inv.yaml").get(0);
        assertThat(inv.applies(TestRules.client().massageType("SPORTS").build())).isTrue();
        assertThat(inv.applies(TestRules.client().massageType("SWEDISH").build())).isFalse();
        assertThat(inv.applies(TestRules.client().massageType("SPORTS").medicalApproval(true).build())).isFalse();
    }

    @Test
    void aMisspeltTermIsAnErrorWithItsPlaceAndASuggestion() {
        assertThatThrownBy(() -> reader.read("""
                invariants:
                  - name: x
                    when: { goal: INJURY_RECOVRY }
                    expect: { status: REFER }
                """, "inv.yaml"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("inv.yaml:3:19: field 'goal': unknown term (INJURY_RECOVRY); did you mean INJURY_RECOVERY?");
    }

    @Test
    void anUnknownKeyIsAnError() {
        assertThatThrownBy(() -> reader.read("""
                invariants:
                  - name: x
                    wen: { goal: RELAXATION }
                    expect: { status: REFER }
                """, "inv.yaml"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("inv.yaml:3:5: unknown key (wen) in an invariant; did you mean when?");
    }
}
