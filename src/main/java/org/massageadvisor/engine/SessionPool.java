package org.massageadvisor.engine;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.kie.api.KieBase;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.internal.event.rule.RuleEventListener;
import org.kie.internal.event.rule.RuleEventManager;
import org.massageadvisor.facts.Conclusions;

/**
 * Sessions kept for reuse, each with its recorder attached once (as the {@code conclusions} global
 * and as a firing listener). A session is handed back cleared: the evaluation's two input facts are
 * deleted, the engine retracts everything the rules derived from them logically (in a network
 * evaluation that fires no rule), and anything else still in working memory is deleted too. That
 * costs work in proportion to what the evaluation touched, where resetting every node memory of the
 * network (what a {@code KieSessionsPool} does on dispose) costs a pass over the whole rule base. A
 * session whose evaluation failed (an exception, a runaway rule, the deadline) is disposed, never
 * reused.
 *
 * <p>An idle session keeps its truth-maintenance system in Drools' JVM-wide registry, which only a
 * dispose clears; so a pool whose evaluator is gone must dispose its idle sessions ({@link #close}),
 * or they would stay reachable for the life of the JVM.
 */
final class SessionPool {

    /** Refuses every match: the network is evaluated (and logical facts retracted) but no rule fires. */
    private static final AgendaFilter FIRE_NOTHING = match -> false;

    /** One reusable session with its recorder, used by one evaluation at a time. */
    static final class Slot {
        final KieSession session;
        final FiringRecorder recorder = new FiringRecorder();
        /** The deadline watch of this session, reused for each of its evaluations. */
        final Watchdog.Watch watch;
        FactHandle client;
        FactHandle massageType;

        private Slot(KieSession session, boolean collector) {
            this.session = session;
            if (collector) {
                session.setGlobal(Conclusions.GLOBAL, recorder);
            }
            ((RuleEventManager) session).addEventListener((RuleEventListener) recorder);
            this.watch = Watchdog.INSTANCE.watchFor(session, recorder);
        }

        /** Disposes the session; the watchdog stops looking at it. */
        void dispose() {
            watch.close();
            session.dispose();
        }

        /**
         * Listens to working memory too, for this evaluation only: derived facts matter only to an
         * explanation, and without a listener Drools builds no insert and delete events at all.
         */
        void listenToWorkingMemory(boolean on) {
            if (on) {
                session.addEventListener((RuleRuntimeEventListener) recorder);
            } else {
                session.removeEventListener((RuleRuntimeEventListener) recorder);
            }
        }

        /** Empties working memory; false if the session cannot be trusted for another evaluation. */
        private boolean clear() {
            recorder.stop();
            if (recorder.explaining()) {
                listenToWorkingMemory(false);
            }
            try {
                if (client != null) {
                    session.delete(client);
                }
                if (massageType != null) {
                    session.delete(massageType);
                }
                client = null;
                massageType = null;
                // The facts derived from the inputs are still in working memory: the engine retracts
                // them when it next evaluates the network. Let it do so now, firing nothing (every match
                // that appears is refused): cheaper than looking each one up and deleting it by hand.
                session.fireAllRules(FIRE_NOTHING);
                if (session.getFactCount() == 0) {
                    return true;
                }
                // Facts that outlive their inputs (inserted, not derived logically): delete them as well.
                for (FactHandle h : new ArrayList<FactHandle>(session.<FactHandle>getFactHandles())) {
                    session.delete(h);
                }
                return session.getFactCount() == 0;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    private final KieBase kieBase;
    private final boolean collector;
    private final int keep;
    /**
     * Idle sessions kept apart for the threads whose ids fall on them, {@value #SPREAD} references apart
     * (a cache line each): a thread that evaluates again and again takes back the session it gave back,
     * with one exchange on a line no other thread writes, where the shared deque costs every thread
     * compare-and-sets on the same two lines.
     */
    private final AtomicReferenceArray<Slot> own;
    private final int lanes;
    private static final int SPREAD = 16;
    private final ConcurrentLinkedDeque<Slot> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param keep how many idle sessions to keep in the shared deque, besides one in each thread lane;
     *     more evaluating at once get sessions that are disposed after
     */
    SessionPool(KieBase kieBase, boolean collector, int keep) {
        this.kieBase = kieBase;
        this.collector = collector;
        this.keep = keep;
        // The smallest power of two at least twice the processors: few threads that evaluate at once share a lane.
        this.lanes = Integer.highestOneBit(Math.max(1, 2 * Runtime.getRuntime().availableProcessors() - 1)) * 2;
        this.own = new AtomicReferenceArray<>(lanes * SPREAD);
    }

    private int lane() {
        return (int) (Thread.currentThread().getId() & (lanes - 1)) * SPREAD;
    }

    /** An idle session, or a new one. */
    Slot borrow() {
        Slot mine = own.getAndSet(lane(), null);
        if (mine != null) {
            return mine;
        }
        Slot slot = idle.pollFirst();
        if (slot != null) {
            idleCount.decrementAndGet();
            return slot;
        }
        return fresh();
    }

    /** A session of its own, not from the pool (for the fresh-session reference path). */
    Slot fresh() {
        return new Slot(kieBase.newKieSession(), collector);
    }

    /** Hands a session back after its evaluation: reused if the evaluation ended cleanly and it clears, else disposed. */
    void release(Slot slot, boolean clean) {
        if (clean && !closed && slot.clear()) {
            int lane = lane();
            if (own.compareAndSet(lane, null, slot)) {
                // close() may have swept the lanes between the check above and this: take it back if so.
                if (closed && own.compareAndSet(lane, slot, null)) {
                    slot.dispose();
                }
                return;
            }
            if (idleCount.incrementAndGet() <= keep) {
                idle.offerFirst(slot);
                // The same race with close() as above.
                if (closed && idle.remove(slot)) {
                    idleCount.decrementAndGet();
                    slot.dispose();
                }
                return;
            }
            idleCount.decrementAndGet();
        }
        slot.dispose();
    }

    /** Disposes the idle sessions; sessions in use are disposed when they come back. */
    void close() {
        closed = true;
        for (int lane = 0; lane < lanes * SPREAD; lane += SPREAD) {
            Slot slot = own.getAndSet(lane, null);
            if (slot != null) {
                slot.dispose();
            }
        }
        for (Slot slot; (slot = idle.pollFirst()) != null; ) {
            idleCount.decrementAndGet();
            slot.dispose();
        }
    }
}
