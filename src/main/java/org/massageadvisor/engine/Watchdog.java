package org.massageadvisor.engine;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.kie.api.runtime.KieSession;

/**
 * Enforces the evaluation deadline. One daemon thread looks at the running evaluations every
 * {@link #TICK_MILLIS} ms; one past its deadline has its session halted (no further firing) and its
 * thread interrupted (a consequence that waits wakes up). Registering an evaluation costs a set
 * insertion, so the batch's hot path pays no timer per record.
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

    private final Set<Watch> running = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;

    private Watchdog() {
    }

    /** Starts watching an evaluation that the calling thread is about to run in {@code session}. */
    Watch watch(KieSession session, FiringRecorder recorder, Duration deadline) {
        Watch watch = new Watch(Thread.currentThread(), session, recorder, deadline);
        running.add(watch);
        if (thread == null) {
            start();
        }
        return watch;
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
            for (Watch w : running) {
                w.check(now);
            }
        }
    }

    /** One evaluation under watch. */
    final class Watch {
        private final Thread evaluating;
        private final KieSession session;
        private final FiringRecorder recorder;
        private final long started;
        private final Duration limit;
        /** The evaluating thread's CPU time when the watchdog first saw this evaluation, or -1. */
        private long cpuAtStart = -1;
        private boolean finished;
        private boolean expired;
        private String firingAtDeadline;

        private Watch(Thread evaluating, KieSession session, FiringRecorder recorder, Duration limit) {
            this.evaluating = evaluating;
            this.session = session;
            this.recorder = recorder;
            this.limit = limit;
            this.started = System.nanoTime();
        }

        /** On the watchdog thread: expires the evaluation if it is past its deadline. */
        private void check(long now) {
            long wall = now - started;
            long limitNanos = limit.toNanos();
            if (!CPU_TIME) {
                if (wall >= limitNanos) {
                    expire();
                }
                return;
            }
            long cpu = THREADS.getThreadCpuTime(evaluating.getId());
            if (cpuAtStart < 0) {
                cpuAtStart = cpu;
            }
            if (wall / WALL_FACTOR >= limitNanos || (cpu >= 0 && cpu - cpuAtStart >= limitNanos)) {
                expire();
            }
        }

        /** The time this evaluation was allowed. */
        Duration limit() {
            return limit;
        }

        private synchronized void expire() {
            if (finished || expired) {
                return;
            }
            expired = true;
            firingAtDeadline = recorder.firing();
            session.halt();
            evaluating.interrupt();
        }

        /**
         * Ends the watch (call it on the evaluating thread before the session is disposed); true if the
         * deadline had passed, in which case the interrupt meant for this evaluation is cleared.
         */
        synchronized boolean finish() {
            if (!finished) {
                finished = true;
                running.remove(this);
                if (expired) {
                    Thread.interrupted();
                }
            }
            return expired;
        }

        /** The rule that was firing when the deadline passed, or null. */
        synchronized String firingAtDeadline() {
            return firingAtDeadline;
        }
    }
}
