package org.massageadvisor.service;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.massageadvisor.batch.ProfileGenerator;
import org.massageadvisor.engine.Evaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs generated profiles through the code a batch request runs, on the rules in force, while the
 * service starts: JSON lines read, evaluated on the batch workers (one round in eight with
 * explanations) and written as answer lines, to nowhere. The JIT compiler needs hundreds of
 * thousands of evaluations on two cores before that code runs at its steady speed; without this the
 * first clients paid for it (a 100,000-line batch sent to a fresh service took 13-14 s, against
 * 2.5 s once warm).
 *
 * <p>Nothing of it is a decision: nothing is counted, logged or kept in the profile cache, and a
 * request does not wait for it (its chunks queue beside the warm-up's on the same workers). It stops
 * early when the service closes or when the rules it started on are replaced.
 */
final class WarmUp {

    /** Lines a round hands to the batch code at once. */
    static final int ROUND = 5_000;
    /** Rounds in a row in which the JIT compiler worked less than a tenth of the time, after which the warm-up ends. */
    static final int QUIET_ROUNDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    private final DecisionService service;
    private final Clock clock;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong evaluated = new AtomicLong();
    private Thread thread;

    private WarmUp(DecisionService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /** Starts evaluating {@code profiles} generated profiles; returns at once. The log says when it is done. */
    static WarmUp start(DecisionService service, Clock clock, int profiles) {
        return start(service, clock, profiles, QUIET_ROUNDS);
    }

    /** The same, ending after {@code quietRounds} quiet rounds of the compiler in a row. */
    static WarmUp start(DecisionService service, Clock clock, int profiles, int quietRounds) {
        WarmUp w = new WarmUp(service, clock);
        w.thread = new Thread(() -> w.run(profiles, quietRounds), "warm-up");
        w.thread.setDaemon(true);
        w.thread.start();
        return w;
    }

    private void run(int profiles, int quietEnough) {
        long started = System.nanoTime();
        try {
            Evaluator evaluator = service.evaluator();
            ProfileGenerator generator = new ProfileGenerator(evaluator.ruleBase().vocabulary(), 1);
            LocalDate today = LocalDate.now(clock);
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            boolean watchJit = jit != null && jit.isCompilationTimeMonitoringSupported();
            long jitBefore = watchJit ? jit.getTotalCompilationTime() : 0;
            int quietRounds = 0;
            for (int round = 0; evaluated.get() < profiles && quietRounds < quietEnough && !thread.isInterrupted()
                    && service.evaluator() == evaluator; round++) {
                long roundStart = System.nanoTime();
                int lines = (int) Math.min(ROUND, profiles - evaluated.get());
                StringBuilder text = new StringBuilder(lines * 300);
                for (int i = 0; i < lines; i++) {
                    String line = ProfileGenerator.jsonLine(generator.next());
                    if (i % 2 == 0) {
                        // Half with a last massage date, so the date reading and the window are compiled too.
                        line = line.substring(0, line.length() - 1) + ",\"lastMassageDate\":\"" + today.minusDays(i % 40) + "\"}";
                    }
                    text.append(line).append('\n');
                }
                service.batch(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), OutputStream.nullOutputStream(),
                        Long.MAX_VALUE, round % 8 == 7, false);
                evaluated.addAndGet(lines);
                if (watchJit) {
                    // Done once the compiler has caught up: its time stays a small part of a round's.
                    long jitNow = jit.getTotalCompilationTime();
                    long roundMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - roundStart);
                    quietRounds = (jitNow - jitBefore) * 10 < roundMillis ? quietRounds + 1 : 0;
                    jitBefore = jitNow;
                }
            }
            String why = thread.isInterrupted() ? "the service is stopping"
                    : service.evaluator() != evaluator ? "the rules were replaced"
                    : evaluated.get() >= profiles ? "as many as asked" : "the JIT compiler has caught up";
            LOG.info("warm-up: {} generated profiles evaluated in {} ms ({})", evaluated.get(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), why);
        } catch (Exception e) {
            if (e instanceof RejectedExecutionException || thread.isInterrupted()) {
                LOG.info("warm-up: stopped after {} profiles, the service is stopping", evaluated.get());
            } else {
                // It costs nothing but speed (the compiler learns from real requests), yet the rules failed on a valid profile.
                LOG.warn("warm-up: stopped after {} profiles: {}", evaluated.get(), e.toString());
            }
        } finally {
            finished.countDown();
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

    /** Stops the warm-up (the service is closing) and waits a little for its last round to give up. */
    void stop() {
        thread.interrupt();
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
