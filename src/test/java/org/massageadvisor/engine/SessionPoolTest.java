package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;

/** Reused sessions: a thread gets back the one it gave back, and every disposed session leaves the deadline watchdog. */
class SessionPoolTest {

    private static SessionPool pool() {
        RuleBase rules = TestRules.evaluator().ruleBase();
        return new SessionPool(rules.kieBase(), rules.hasCollector(), 4);
    }

    @Test
    void aThreadGetsBackTheSessionItGaveBackAndAnotherThreadDoesNot() throws Exception {
        SessionPool pool = pool();
        try {
            SessionPool.Slot first = pool.borrow();
            pool.release(first, true);
            assertThat(pool.borrow()).isSameAs(first);
            // While this thread holds it, another thread gets a session of its own.
            SessionPool.Slot other = CompletableFuture.supplyAsync(pool::borrow).get();
            assertThat(other).isNotSameAs(first);
            pool.release(other, true);
            pool.release(first, true);
        } finally {
            pool.close();
        }
    }

    @Test
    void everyDisposedSessionLeavesTheWatchdog() throws Exception {
        SessionPool pool = pool();
        SessionPool.Slot failed = pool.borrow();
        SessionPool.Slot kept = pool.borrow();
        // A second thread's session, given back on that thread: kept for it.
        SessionPool.Slot elsewhere = CompletableFuture.supplyAsync(() -> {
            SessionPool.Slot s = pool.borrow();
            pool.release(s, true);
            return s;
        }).get();
        assertThat(Watchdog.INSTANCE.watching(failed.watch)).isTrue();
        // An evaluation that failed: its session is disposed at once, never reused.
        pool.release(failed, false);
        assertThat(Watchdog.INSTANCE.watching(failed.watch)).isFalse();
        pool.release(kept, true);
        assertThat(Watchdog.INSTANCE.watching(kept.watch)).isTrue();
        assertThat(Watchdog.INSTANCE.watching(elsewhere.watch)).isTrue();
        pool.close();
        assertThat(Watchdog.INSTANCE.watching(kept.watch)).isFalse();
        assertThat(Watchdog.INSTANCE.watching(elsewhere.watch)).isFalse();
        // A session given back after the pool closed is disposed, not kept.
        SessionPool.Slot late = pool.borrow();
        pool.release(late, true);
        assertThat(Watchdog.INSTANCE.watching(late.watch)).isFalse();
    }
}
