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
 */
final class Watchdog {

    static final Watchdog INSTANCE = new Watchdog();
    static final long TICK_MILLIS = 10;

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
                if (now - w.due >= 0) {
                    w.expire();
                }
            }
        }
    }

    /** One evaluation under watch. */
    final class Watch {
        private final Thread evaluating;
        private final KieSession session;
        private final FiringRecorder recorder;
        private final long due;
        private final Duration limit;
        private boolean finished;
        private boolean expired;
        private String firingAtDeadline;

        private Watch(Thread evaluating, KieSession session, FiringRecorder recorder, Duration limit) {
            this.evaluating = evaluating;
            this.session = session;
            this.recorder = recorder;
            this.limit = limit;
            this.due = System.nanoTime() + limit.toNanos();
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
