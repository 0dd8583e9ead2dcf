package org.massageadvisor.progress;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The time left, from the recent rate rather than the average since the start (which a warming JVM or a
 * slow first file drags down), and only once that rate has settled: the last two windows of
 * {@link #WINDOW} agree within {@link #TOLERANCE}. Until then there is no estimate, rather than a wrong one.
 * Fed by one thread (the progress display's).
 */
final class RateEstimate {

    static final Duration WINDOW = Duration.ofSeconds(4);
    static final double TOLERANCE = 0.25;

    private record Sample(long nanos, long done) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    /** Records how much was done at {@code nanos}; returns the time left to {@code total}, if the rate has settled. */
    Optional<Duration> update(long nanos, long done, long total) {
        samples.addLast(new Sample(nanos, done));
        long window = WINDOW.toNanos();
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > 2 * window) {
            samples.removeFirst();
        }
        Sample first = samples.peekFirst();
        if (total <= 0 || nanos - first.nanos() < 2 * window * 0.9) {
            return Optional.empty();
        }
        Sample middle = at(nanos - window);
        double older = rate(first, middle);
        double recent = rate(middle, samples.peekLast());
        if (recent <= 0 || older <= 0 || Math.abs(recent - older) > TOLERANCE * Math.max(recent, older)) {
            return Optional.empty();
        }
        long left = Math.max(0, total - done);
        return Optional.of(Duration.ofNanos((long) (left / recent * 1e9)));
    }

    private Sample at(long nanos) {
        Sample best = samples.peekFirst();
        for (Sample s : samples) {
            if (s.nanos() <= nanos) {
                best = s;
            }
        }
        return best;
    }

    private static double rate(Sample from, Sample to) {
        long dt = to.nanos() - from.nanos();
        return dt <= 0 ? 0 : (to.done() - from.done()) * 1e9 / dt;
    }
}
