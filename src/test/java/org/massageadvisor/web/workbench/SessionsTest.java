package org.massageadvisor.web.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.massageadvisor.users.Role;

/** The session store: random ids, idle expiry, a new id on sign-in, constant-time CSRF comparison, a bounded size. */
class SessionsTest {

    @Test
    void aSessionUnusedForTheIdleTimeIsGoneAndUseKeepsItAlive() {
        LoginThrottleTest.ManualClock clock = new LoginThrottleTest.ManualClock();
        Sessions sessions = new Sessions(clock);
        Session s = sessions.signIn(null, "alice", Role.AUTHOR);
        clock.advance(Sessions.IDLE.minusSeconds(1));
        assertThat(sessions.find(s.id())).isPresent();
        clock.advance(Sessions.IDLE.minusSeconds(1));
        assertThat(sessions.find(s.id())).as("used a moment ago").isPresent();
        clock.advance(Sessions.IDLE.plusSeconds(1));
        assertThat(sessions.find(s.id())).isEmpty();
    }

    @Test
    void signingInReplacesTheAnonymousSession() {
        Sessions sessions = new Sessions(new LoginThrottleTest.ManualClock());
        Session anonymous = sessions.anonymous();
        assertThat(anonymous.signedIn()).isFalse();
        Session s = sessions.signIn(anonymous.id(), "alice", Role.AUTHOR);
        assertThat(s.id()).isNotEqualTo(anonymous.id()).hasSize(43);
        assertThat(s.csrf()).isNotEqualTo(anonymous.csrf()).hasSize(43);
        assertThat(sessions.find(anonymous.id())).isEmpty();
        assertThat(Sessions.csrfMatches(s, s.csrf())).isTrue();
        assertThat(Sessions.csrfMatches(s, anonymous.csrf())).isFalse();
        assertThat(Sessions.csrfMatches(s, null)).isFalse();
    }

    @Test
    void theStoreIsBoundedTheLeastRecentlyUsedGoesFirst() {
        LoginThrottleTest.ManualClock clock = new LoginThrottleTest.ManualClock();
        Sessions sessions = new Sessions(clock);
        Session first = sessions.anonymous();
        for (int i = 1; i < Sessions.MAX; i++) {
            clock.advance(Duration.ofMillis(1));
            sessions.anonymous();
        }
        clock.advance(Duration.ofMillis(1));
        Session last = sessions.signIn(null, "alice", Role.VIEWER);
        assertThat(sessions.size()).isEqualTo(Sessions.MAX);
        assertThat(sessions.find(first.id())).isEmpty();
        assertThat(sessions.find(last.id())).isPresent();
    }

    @Test
    void hostileIdsFindNothing() {
        Sessions sessions = new Sessions(new LoginThrottleTest.ManualClock());
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("x".repeat(10_000))).isEmpty();
        assertThat(sessions.find("")).isEmpty();
    }
}
