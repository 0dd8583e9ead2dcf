package org.massageadvisor.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.massageadvisor.client.Client;

/**
 * The project against plain Drools in slices of {@value #SLICE_MILLIS} ms, turn and turn about, on 1
 * and then 2 threads: each pair of slices (one of the project, one of the reference, the order turning
 * from pair to pair) gives one ratio, and the median of those ratios is the figure. A slice is short
 * enough that a change in the machine's load (other tenants, the JIT) falls on both sides of most
 * pairs; {@link Compare}'s measurements of seconds each, one after another, let a loaded minute land
 * on one side only. The threads of a slice start and stop together (a barrier), and each keeps its own
 * reference session, as the reference prescribes; the project's evaluator is shared, as it is in the
 * program.
 *
 * <pre>java -Xmx1g [-Dreference.clear=engine] -cp target/benchmarks.jar org.massageadvisor.bench.Interleaved [seconds per figure]</pre>
 */
public final class Interleaved {

    static final long SLICE_MILLIS = 100;
    /** Slices run and thrown away before each figure: the JIT compiles both sides meanwhile. */
    static final long WARM_UP_SECONDS = 15;

    private Interleaved() {
    }

    public static void main(String[] args) throws InterruptedException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        String loadBefore = Compare.load();
        System.out.println("load average before: " + loadBefore + "; cores: " + Runtime.getRuntime().availableProcessors()
                + (PlainDroolsReference.CLEAR_BY_ENGINE ? "; the reference clears its session as the project's pool does" : ""));
        Workload w = Workload.get();
        System.out.println("agreement: project and plain Drools give the same answer for all " + Workload.PROFILES + " profiles");
        System.out.println();
        System.out.println("| threads | project | plain Drools | median ratio (quartiles) | pairs |");
        System.out.println("|---|---|---|---|---|");
        for (int threads = 1; threads <= 2; threads++) {
            for (boolean explain : new boolean[] {false, true}) {
                Figure f = new Interleaved.Run(w, threads, explain).measure(seconds);
                System.out.printf("| %d | %s %,.0f/s | %,.0f/s | **%.3f** (%.3f-%.3f) | %d |%n", threads,
                        explain ? "with explanation" : "no explanation", f.project(), f.reference(), f.median(), f.lowQuartile(),
                        f.highQuartile(), f.pairs());
            }
        }
        System.out.println();
        System.out.println("slices of " + SLICE_MILLIS + " ms, " + seconds + " s a figure after " + WARM_UP_SECONDS
                + " s of warm-up; load average before " + loadBefore + ", after " + Compare.load());
    }

    /** One figure: the two sides' evaluations/s over all their slices, and the spread of the pairs' ratios. */
    record Figure(double project, double reference, double median, double lowQuartile, double highQuartile, int pairs) {
    }

    /** One figure's threads, slices and counts. */
    private static final class Run {
        private final Workload w;
        private final int threads;
        private final boolean explain;
        private final CyclicBarrier barrier;
        private final AtomicLong count = new AtomicLong();
        private final List<Double> ratios = new ArrayList<>();
        private final double[] rate = new double[2];
        private final long[] totalCount = new long[2];
        private final long[] totalNanos = new long[2];
        /** Written by the barrier action, read by every thread after the barrier. */
        private volatile int side;
        private volatile long sliceEnd;
        private volatile boolean done;
        private long sliceStart;
        private boolean pairCounts;
        private long measureFrom;
        private long stopAt;
        private int slice = -1;

        Run(Workload w, int threads, boolean explain) {
            this.w = w;
            this.threads = threads;
            this.explain = explain;
            this.barrier = new CyclicBarrier(threads, this::nextSlice);
        }

        Figure measure(int seconds) throws InterruptedException {
            long now = System.nanoTime();
            measureFrom = now + WARM_UP_SECONDS * 1_000_000_000L;
            stopAt = measureFrom + seconds * 1_000_000_000L;
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * (Workload.PROFILES / threads);
                Thread thread = new Thread(() -> work(first), "interleaved-" + t);
                thread.start();
                running.add(thread);
            }
            for (Thread thread : running) {
                thread.join();
            }
            double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (sorted.length == 0) {
                throw new IllegalStateException("no pair of slices was measured");
            }
            return new Figure(totalCount[0] / (totalNanos[0] / 1e9), totalCount[1] / (totalNanos[1] / 1e9),
                    Compare.median(ratios), sorted[sorted.length / 4], sorted[(3 * sorted.length) / 4], sorted.length);
        }

        /** The barrier action, on the last thread to arrive: closes the slice that ended, opens the next. */
        private void nextSlice() {
            long now = System.nanoTime();
            // A pair counts only if its first slice began after the warm-up.
            if (slice >= 0 && (slice % 2 == 0 ? sliceStart >= measureFrom : pairCounts)) {
                long elapsed = now - sliceStart;
                long n = count.get();
                rate[side] = n / (elapsed / 1e9);
                totalCount[side] += n;
                totalNanos[side] += elapsed;
                pairCounts = slice % 2 == 0;
                if (slice % 2 == 1) {
                    ratios.add(rate[0] / rate[1]);
                }
            }
            count.set(0);
            slice++;
            // Pairs alternate their order: project first, then reference first.
            side = (slice % 2) ^ ((slice / 2) % 2);
            done = now >= stopAt && slice % 2 == 0;
            sliceStart = System.nanoTime();
            sliceEnd = sliceStart + SLICE_MILLIS * 1_000_000L;
        }

        private void work(int first) {
            PlainDroolsReference.Session reference = w.reference.newSession();
            int i = first;
            try {
                while (true) {
                    barrier.await();
                    if (done) {
                        return;
                    }
                    boolean project = side == 0;
                    long end = sliceEnd;
                    long n = 0;
                    while (System.nanoTime() < end) {
                        Client c = w.clients[i];
                        i = i + 1 == w.clients.length ? 0 : i + 1;
                        Object r = project ? w.evaluator.evaluate(c, explain) : reference.evaluate(c);
                        if (r == null) {
                            throw new AssertionError("no result for " + c);
                        }
                        n++;
                    }
                    count.addAndGet(n);
                }
            } catch (InterruptedException | BrokenBarrierException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
