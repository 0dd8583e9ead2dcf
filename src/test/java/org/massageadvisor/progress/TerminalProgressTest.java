package org.massageadvisor.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The estimate appears only once the rate has settled, and then follows the recent rate; nothing is drawn off a terminal. */
class TerminalProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void noEstimateBeforeTwoWindowsOfSamples() {
        RateEstimate rate = new RateEstimate();
        assertThat(rate.update(0, 0, 1000)).isEmpty();
        assertThat(rate.update(2 * SECOND, 100, 1000)).isEmpty();
        assertThat(rate.update(4 * SECOND, 200, 1000)).isEmpty();
    }

    @Test
    void aSteadyRateGivesTheTimeLeftAtThatRate() {
        RateEstimate rate = new RateEstimate();
        Optional<Duration> left = Optional.empty();
        for (int s = 0; s <= 8; s++) {
            left = rate.update(s * SECOND, s * 50L, 1000);
        }
        // 50 a second, 400 done, 600 left: 12 s.
        assertThat(left).contains(Duration.ofSeconds(12));
    }

    @Test
    void aRateStillClimbingGivesNoEstimate() {
        RateEstimate rate = new RateEstimate();
        long done = 0;
        Optional<Duration> left = Optional.empty();
        for (int s = 0; s <= 8; s++) {
            // A warming JVM: each second twice as fast as the one before.
            done += 1L << s;
            left = rate.update(s * SECOND, done, 100_000);
        }
        assertThat(left).isEmpty();
    }

    @Test
    void theEstimateFollowsTheRecentRateNotTheAverageSinceTheStart() {
        RateEstimate rate = new RateEstimate();
        // 10 s of a slow start (10 a second), then 100 a second.
        long done = 0;
        for (int s = 0; s <= 10; s++) {
            rate.update(s * SECOND, done, 10_000);
            done += 10;
        }
        Optional<Duration> left = Optional.empty();
        for (int s = 11; s <= 20; s++) {
            done += 100;
            left = rate.update(s * SECOND, done, 10_000);
        }
        // 1,110 done, 8,890 left at 100 a second: about 89 s (the average since the start would say over 160 s).
        assertThat(left).isPresent();
        assertThat(left.get().getSeconds()).isBetween(85L, 92L);
    }

    @Test
    void offATerminalThereIsNoProgress() {
        // Tests run without a console: the progress must be the silent one.
        assertThat(TerminalProgress.onTerminal(new PrintWriter(new StringWriter()), false)).isSameAs(Progress.NONE);
        assertThat(TerminalProgress.onTerminal(new PrintWriter(new StringWriter()), true)).isSameAs(Progress.NONE);
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(TerminalProgress.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(TerminalProgress.duration(Duration.ofSeconds(200))).isEqualTo("3 min 20 s");
        assertThat(TerminalProgress.duration(Duration.ofSeconds(3900))).isEqualTo("1 h 5 min");
    }
}
