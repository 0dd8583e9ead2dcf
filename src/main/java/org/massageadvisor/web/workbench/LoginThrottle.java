package org.massageadvisor.web.workbench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows repeated failed logins, per user name and per client address: after a few free failures, each
 * further one locks that key for twice as long as the last (1 s, 2 s, 4 s ... at most 15 minutes). A
 * locked login is refused at once (429 with Retry-After); no server thread ever sleeps. A success clears
 * the user's count. The table of keys is bounded.
 */
final class LoginThrottle {

    static final int FREE_PER_USER = 5;
    static final int FREE_PER_ADDRESS = 20;
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    static final int MAX_KEYS = 50_000;

    /** Failures so far and until when the key is locked. */
    private record Failures(int count, Instant lockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Seconds to wait before this user may try again from this address; 0 if they may now. */
    long retryAfter(String user, String address) {
        Instant now = clock.instant();
        long wait = 0;
        for (String key : new String[] {userKey(user), addressKey(address)}) {
            Failures f = failures.get(key);
            if (f != null && f.lockedUntil().isAfter(now)) {
                wait = Math.max(wait, Math.max(1, Duration.between(now, f.lockedUntil()).toSeconds()
                        + (Duration.between(now, f.lockedUntil()).toNanosPart() > 0 ? 1 : 0)));
            }
        }
        return wait;
    }

    void failed(String user, String address) {
        if (failures.size() >= MAX_KEYS) {
            Instant now = clock.instant();
            failures.values().removeIf(f -> f.lockedUntil().isBefore(now.minus(MAX_LOCK)));
            if (failures.size() >= MAX_KEYS) {
                failures.clear();
            }
        }
        count(userKey(user), FREE_PER_USER);
        count(addressKey(address), FREE_PER_ADDRESS);
    }

    void succeeded(String user) {
        failures.remove(userKey(user));
    }

    private void count(String key, int free) {
        Instant now = clock.instant();
        failures.compute(key, (k, f) -> {
            int n = f == null ? 1 : f.count() + 1;
            Instant until = now;
            if (n >= free) {
                long seconds = Math.min(MAX_LOCK.toSeconds(), 1L << Math.min(20, n - free));
                until = now.plusSeconds(seconds);
            }
            return new Failures(n, until);
        });
    }

    private static String userKey(String user) {
        return "u:" + (user == null ? "" : user.length() > 64 ? user.substring(0, 64) : user);
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
