package org.massageadvisor.engine;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.kie.api.runtime.KieSession;

/**
 * Enforces the evaluation deadline. One daemon thread looks at the running evaluations every
 * {@link #TICK_MILLIS} ms; one past its deadline has its session halted (no further firing) and its
 * thread interrupted (a consequence that waits wakes up).
 *
 * <p>Each pooled session has one {@link Watch}, registered when the session is made and reused for
 * every evaluation in it, so an evaluation's own cost is a few writes and a compare-and-set on that
 * session's watch: no allocation, no shared set to insert into, no lock. The watch's state word holds
 * a generation (one per evaluation) beside the phase, so the watchdog can never expire an evaluation
 * other than the one it judged.
 *
 * <p>The deadline counts the processor time the evaluating thread has used since the watchdog first
 * saw it (where the JVM measures thread CPU time, as HotSpot on Linux does), so a machine loaded by
 * other work does not fail sound evaluations; an evaluation that waits instead of computing is
 * stopped once {@link #WALL_FACTOR} times the deadline has passed on the clock.
 */
final class Watchdog {

    static final Watchdog INSTANCE = new Watchdog();
    static final long TICK_MILLIS = 10;
    /** Wall-clock limit, in deadlines: what stops an evaluation that waits rather than computes. */
    static final int WALL_FACTOR = 10;

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeSupported();

    /** The phases of a watch, in the two low bits of its state; the generation is in the bits above. */
    private static final long IDLE = 0;
    private static final long RUNNING = 1;
    private static final long EXPIRING = 2;
    private static final long EXPIRED = 3;
    private static final long PHASE = 3;

    /** The watches of every live session: registered when it is made, removed when it is disposed. */
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;

    private Watchdog() {
    }

    /** The watch of a new session, used for every evaluation in it; {@link Watch#close} it with the session. */
    Watch watchFor(KieSession session, FiringRecorder recorder) {
        Watch watch = new Watch(session, recorder);
        watches.add(watch);
        if (thread == null) {
            start();
        }
        return watch;
    }

    /** Whether this watch is looked at (its session is not disposed). */
    boolean watching(Watch watch) {
        return watches.contains(watch);
    }

    private synchronized void start() {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(this::loop, "evaluation-deadline");
        t.setDaemon(true);
        t.start();
        thread = t;
    }

    private void loop() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch w : watches) {
                w.check(now);
            }
        }
    }

    /** One session's watch, over one evaluation at a time. */
    final class Watch {
        private final KieSession session;
        private final FiringRecorder recorder;
        /** Generation and phase; every field below is written before the store that makes it RUNNING or EXPIRED. */
        private final AtomicLong state = new AtomicLong();
        private Thread evaluating;
        private long started;
        private Duration limit;
        /** Written by the watchdog before it stores EXPIRED; read by the evaluating thread after it sees that. */
        private String firingAtDeadline;
        /** The watchdog thread's own: the generation it took a CPU reading for, and that reading. */
        private long seen = -1;
        private long cpuAtStart;

        private Watch(KieSession session, FiringRecorder recorder) {
            this.session = session;
            this.recorder = recorder;
        }

        /** Starts watching the evaluation the calling thread is about to run in this session. */
        void begin(Duration deadline) {
            evaluating = Thread.currentThread();
            limit = deadline;
            firingAtDeadline = null;
            started = System.nanoTime();
            long generation = (state.get() >>> 2) + 1;
            state.set(generation << 2 | RUNNING);
        }

        /** On the watchdog thread: expires the evaluation if it is past its deadline. */
        private void check(long now) {
            long s = state.get();
            if ((s & PHASE) != RUNNING) {
                return;
            }
            // Read after the state: if the evaluation ended and another began meanwhile, these may be the
            // newer one's, and the compare-and-set below fails on the generation.
            long wall = now - started;
            long limitNanos = limit.toNanos();
            boolean past;
            if (!CPU_TIME) {
                past = wall >= limitNanos;
            } else {
                long cpu = THREADS.getThreadCpuTime(evaluating.getId());
                long generation = s >>> 2;
                if (seen != generation || cpuAtStart < 0) {
                    seen = generation;
                    cpuAtStart = cpu;
                }
                past = wall / WALL_FACTOR >= limitNanos || (cpu >= 0 && cpu - cpuAtStart >= limitNanos);
            }
            if (past && state.compareAndSet(s, (s & ~PHASE) | EXPIRING)) {
                firingAtDeadline = recorder.firing();
                session.halt();
                evaluating.interrupt();
                state.set((s & ~PHASE) | EXPIRED);
            }
        }

        /** The time this evaluation was allowed. */
        Duration limit() {
            return limit;
        }

        /**
         * Ends the watch (call it on the evaluating thread before the session is cleared or disposed);
         * true if the deadline had passed, in which case the interrupt meant for this evaluation is cleared.
         */
        boolean finish() {
            long s = state.get();
            if ((s & PHASE) == RUNNING && state.compareAndSet(s, s & ~PHASE)) {
                return false;
            }
            if ((s & PHASE) == IDLE) {
                return false;
            }
            // The watchdog took this evaluation: wait for it to be done halting and interrupting.
            while (((s = state.get()) & PHASE) == EXPIRING) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
            state.set(s & ~PHASE);
            return true;
        }

        /** The rule that was firing when the deadline passed, or null (read it after {@link #finish} said true). */
        String firingAtDeadline() {
            return firingAtDeadline;
        }

        /** The session is disposed: stop looking at it. */
        void close() {
            watches.remove(this);
        }
    }
}
