package org.massageadvisor.service;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.massageadvisor.batch.ProfileGenerator;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs generated profiles through the code a batch request runs, on the rules in force, once the
 * service listens: JSON lines read, evaluated on the batch workers (one round in eight with
 * explanations) and written as answer lines, to nowhere. The JIT compiler needs hundreds of
 * thousands of evaluations on two cores before that code runs at its steady speed; without this the
 * first batch client paid for it (100,000 lines sent to a fresh service took 13-16 s, against 2-4 s
 * once warm).
 *
 * <p>Nothing of it is a decision: nothing is counted, logged or kept in the profile cache. It ends
 * when the compiler has caught up ({@value #QUIET_WINDOWS} windows of at least
 * {@value #WINDOW_MILLIS} ms in a row in which it compiled for under a tenth of the time), after the
 * number of profiles asked, when the rules it started on are replaced, when the service stops, and
 * as soon as the service answers a real request: real clients warm the compiler themselves, and
 * they get both cores.
 */
final class WarmUp {

    /** Lines handed to the batch code at once (four chunks, so both workers have work). */
    static final int ROUND = 4 * DecisionService.CHUNK;
    /** The compiler's share of time is judged over windows of at least this long. */
    static final long WINDOW_MILLIS = 2_000;
    /** Quiet windows in a row after which the compiler has caught up. */
    static final int QUIET_WINDOWS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    private final DecisionService service;
    private final Clock clock;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong evaluated = new AtomicLong();
    /** Set by {@link #stop}: a flag, since the evaluation's deadline watchdog clears interrupts. */
    private volatile boolean stopping;

    private WarmUp(DecisionService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /**
     * Starts evaluating at most {@code profiles} generated profiles, ending sooner after
     * {@code quietWindows} quiet windows of the compiler in a row; returns at once. The log says how
     * it ended.
     */
    static WarmUp start(DecisionService service, Clock clock, int profiles, int quietWindows) {
        WarmUp w = new WarmUp(service, clock);
        Thread t = new Thread(() -> w.run(profiles, quietWindows), "warm-up");
        t.setDaemon(true);
        t.start();
        return w;
    }

    private void run(int profiles, int quietEnough) {
        long started = System.nanoTime();
        String why = "the service is stopping";
        boolean failed = false;
        try {
            Evaluator evaluator = service.evaluator();
            long answered = service.answered();
            ProfileGenerator generator = new ProfileGenerator(evaluator.ruleBase().vocabulary(), 1);
            LocalDate today = LocalDate.now(clock);
            Jit jit = new Jit();
            int quiet = 0;
            for (int round = 0; ; round++) {
                if (stopping) {
                    why = "the service is stopping";
                    break;
                } else if (service.answered() != answered) {
                    why = "requests arrived";
                    break;
                } else if (service.evaluator() != evaluator) {
                    why = "the rules were replaced";
                    break;
                } else if (evaluated.get() >= profiles) {
                    why = "as many as asked";
                    break;
                } else if (quiet >= quietEnough) {
                    why = "the JIT compiler has caught up";
                    break;
                }
                int lines = (int) Math.min(ROUND, profiles - evaluated.get());
                StringBuilder text = new StringBuilder(lines * 300);
                for (int i = 0; i < lines; i++) {
                    // Half with a last massage date, so the date reading and the window are compiled too.
                    Client client = i % 2 == 0 ? generator.next().withLastMassageDate(today.minusDays(i % 40)) : generator.next();
                    text.append(ProfileGenerator.jsonLine(client)).append('\n');
                }
                service.batch(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), OutputStream.nullOutputStream(),
                        Long.MAX_VALUE, round % 8 == 7, false);
                evaluated.addAndGet(lines);
                switch (jit.judge()) {
                    case QUIET -> quiet++;
                    case BUSY -> quiet = 0;
                    case UNDECIDED -> { }
                }
            }
        } catch (Exception e) {
            // Closing the service ends a round this way; anything else is the rules failing on a valid profile.
            failed = !stopping;
            why = failed ? "the rules failed on a generated profile: " + e : why;
        } finally {
            String line = "warm-up: {} generated profiles evaluated in {} ms ({})";
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (failed) {
                LOG.warn(line, evaluated.get(), millis, why);
            } else {
                LOG.info(line, evaluated.get(), millis, why);
            }
            finished.countDown();
        }
    }

    /** The compiler's share of the time, judged window by window. */
    private static final class Jit {
        enum Verdict { QUIET, BUSY, UNDECIDED }

        private final CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
        private final boolean watched = bean != null && bean.isCompilationTimeMonitoringSupported();
        private long windowStart = System.nanoTime();
        private long compiledBefore = watched ? bean.getTotalCompilationTime() : 0;

        /** After a round: a verdict once a window has passed (never quiet when the time cannot be read). */
        Verdict judge() {
            long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - windowStart);
            if (!watched || wall < WINDOW_MILLIS) {
                return Verdict.UNDECIDED;
            }
            long compiled = bean.getTotalCompilationTime();
            Verdict v = (compiled - compiledBefore) * 10 < wall ? Verdict.QUIET : Verdict.BUSY;
            compiledBefore = compiled;
            windowStart = System.nanoTime();
            return v;
        }
    }

    /** How many profiles have been evaluated so far. */
    long evaluated() {
        return evaluated.get();
    }

    /** Waits for the warm-up to end; true if it did within the time. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    /** Stops the warm-up (the service is closing) and waits a little for its last round to end. */
    void stop() {
        stopping = true;
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
