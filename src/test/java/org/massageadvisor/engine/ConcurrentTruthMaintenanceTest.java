package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.drools.core.common.TruthMaintenanceSystemFactory;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.Client;

/** Drools uses the lock-free truth-maintenance factory, and derived facts still come and go with their cause. */
class ConcurrentTruthMaintenanceTest {

    @Test
    void droolsPicksTheConcurrentFactory() {
        assertThat(TruthMaintenanceSystemFactory.get()).isInstanceOf(ConcurrentTruthMaintenance.class);
    }

    @Test
    void pooledSessionsLeaveNoTruthMaintenanceBehind() {
        Evaluator evaluator = TestRules.evaluator();
        ConcurrentTruthMaintenance tms = (ConcurrentTruthMaintenance) TruthMaintenanceSystemFactory.get();
        // An athlete derives ActiveLifestyle by insertLogical: relaxation 7-14, an active life takes 2 off maxDays: 7-12.
        Client athlete = new Client("a", "RELAXATION", "SWEDISH", null, null, "ATHLETE", false, true, 0, null);
        assertThat(evaluator.evaluate(athlete, false).interval().maxDays()).isEqualTo(12);
        // One thread evaluating one client after another reuses one session: the truth maintenance it keeps is
        // that session's, and it does not grow with the number of evaluations.
        int afterFirst = tms.getEntryPointsMapSize();
        for (int i = 0; i < 50; i++) {
            assertThat(evaluator.evaluate(athlete, false).interval().minDays()).isEqualTo(7);
            assertThat(evaluator.evaluate(athlete, false).interval().maxDays()).isEqualTo(12);
        }
        assertThat(tms.getEntryPointsMapSize()).isEqualTo(afterFirst);
    }

    @Test
    void anEvaluatorThatIsGoneLeavesNoIdleSessionInTheRegistry() {
        ConcurrentTruthMaintenance tms = (ConcurrentTruthMaintenance) TruthMaintenanceSystemFactory.get();
        Evaluator evaluator = new Evaluator(TestRules.evaluator().ruleBase());
        int before = tms.getEntryPointsMapSize();
        Client athlete = new Client("a", "RELAXATION", "SWEDISH", null, null, "ATHLETE", false, true, 0, null);
        assertThat(evaluator.evaluate(athlete, false).interval().maxDays()).isEqualTo(12);
        // The idle session kept its truth maintenance (ActiveLifestyle was derived logically) ...
        assertThat(tms.getEntryPointsMapSize()).isEqualTo(before + 1);
        // ... until its pool is closed, as the cleaner does once the evaluator is unreachable.
        evaluator.sessions().close();
        assertThat(tms.getEntryPointsMapSize()).isEqualTo(before);
        // An evaluation still running when the pool closed hands its session back to be disposed, not kept.
        assertThat(evaluator.evaluate(athlete, false).interval().maxDays()).isEqualTo(12);
        assertThat(tms.getEntryPointsMapSize()).isEqualTo(before);
    }
}
