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
}
