package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.drools.core.common.TruthMaintenanceSystemFactory;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.Client;

/** Drools uses the lock-free truth-maintenance factory, and derived facts still come and go with their cause. */
class ConcurrentTruthMaintenanceTest {

    @Test
    void droolsPicksTheConcurrentFactory() {
        assertThat(TruthMaintenanceSystemFactory.get()).isInstanceOf(ConcurrentTruthMaintenance.class);
    }

    /*
     * The registry is JVM-wide, and the cleaner disposes other tests' unreachable evaluators' sessions whenever
     * a GC runs; so these tests count only the systems of a rule base of their own, which nothing else touches.
     */

    @Test
    void pooledSessionsLeaveNoTruthMaintenanceBehind() {
        Evaluator evaluator = new Evaluator(RuleBase.load(TestRules.RULES));
        KieBase kieBase = evaluator.ruleBase().kieBase();
        ConcurrentTruthMaintenance tms = (ConcurrentTruthMaintenance) TruthMaintenanceSystemFactory.get();
        // An athlete derives ActiveLifestyle by insertLogical: relaxation 7-14, an active life takes 2 off maxDays: 7-12.
        Client athlete = new Client("a", "RELAXATION", "SWEDISH", null, null, "ATHLETE", false, true, 0, null);
        assertThat(evaluator.evaluate(athlete, false).interval().maxDays()).isEqualTo(12);
        // One thread evaluating one client after another reuses one session: the truth maintenance it keeps is
        // that session's, and it does not grow with the number of evaluations.
        assertThat(tms.systemsOf(kieBase)).isEqualTo(1);
        for (int i = 0; i < 50; i++) {
            assertThat(evaluator.evaluate(athlete, false).interval().minDays()).isEqualTo(7);
            assertThat(evaluator.evaluate(athlete, false).interval().maxDays()).isEqualTo(12);
        }
        assertThat(tms.systemsOf(kieBase)).isEqualTo(1);
    }

    @Test
    void anEvaluatorThatIsGoneLeavesNoIdleSessionInTheRegistry() {
        ConcurrentTruthMaintenance tms = (ConcurrentTruthMaintenance) TruthMaintenanceSystemFactory.get();
        Evaluator evaluator = new Evaluator(RuleBase.load(TestRules.RULES));
        KieBase kieBase = evaluator.ruleBase().kieBase();
        assertThat(tms.systemsOf(kieBase)).isZero();
        Client athlete = new Client("a", "RELAXATION", "SWEDISH", null, null, "ATHLETE", false, true, 0, null);
        assertThat(evaluator.evaluate(athlete, false).interval().maxDays()).isEqualTo(12);
        // The idle session kept its truth maintenance (ActiveLifestyle was derived logically) ...
        assertThat(tms.systemsOf(kieBase)).isEqualTo(1);
        // ... until its pool is closed, as the cleaner does once the evaluator is unreachable.
        evaluator.sessions().close();
        assertThat(tms.systemsOf(kieBase)).isZero();
        // An evaluation still running when the pool closed hands its session back to be disposed, not kept.
        assertThat(evaluator.evaluate(athlete, false).interval().maxDays()).isEqualTo(12);
        assertThat(tms.systemsOf(kieBase)).isZero();
    }
}
