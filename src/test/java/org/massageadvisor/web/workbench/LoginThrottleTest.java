package org.massageadvisor.web.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Failed logins: a few are free, then each locks the user (or the address) for twice as long as the last. */
class LoginThrottleTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @Test
    void theFreeFailuresPassThenTheLockDoublesAndASuccessClearsIt() {
        ManualClock clock = new ManualClock();
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 1; i < LoginThrottle.FREE_PER_USER; i++) {
            t.failed("alice", "10.0.0." + i);
            assertThat(t.retryAfter("alice", "10.0.0.99")).as("failure %d", i).isZero();
        }
        t.failed("alice", "10.0.0.5");
        assertThat(t.retryAfter("alice", "10.0.0.99")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(t.retryAfter("alice", "10.0.0.99")).isZero();
        t.failed("alice", "10.0.0.6");
        assertThat(t.retryAfter("alice", "10.0.0.99")).isEqualTo(2);
        clock.advance(Duration.ofSeconds(2));
        t.failed("alice", "10.0.0.7");
        assertThat(t.retryAfter("alice", "10.0.0.99")).isEqualTo(4);
        assertThat(t.retryAfter("bob", "10.0.0.99")).as("another user is not slowed").isZero();
        t.succeeded("alice");
        assertThat(t.retryAfter("alice", "10.0.0.99")).isZero();
    }

    @Test
    void oneAddressTryingManyNamesIsSlowedToo() {
        ManualClock clock = new ManualClock();
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS; i++) {
            t.failed("user" + i, "203.0.113.9");
        }
        assertThat(t.retryAfter("someone-new", "203.0.113.9")).isEqualTo(1);
        assertThat(t.retryAfter("someone-new", "198.51.100.1")).isZero();
    }

    @Test
    void theLockNeverExceedsFifteenMinutes() {
        ManualClock clock = new ManualClock();
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 0; i < 100; i++) {
            t.failed("alice", "10.0.0.1");
        }
        assertThat(t.retryAfter("alice", "10.0.0.2")).isEqualTo(LoginThrottle.MAX_LOCK.toSeconds());
    }
}
