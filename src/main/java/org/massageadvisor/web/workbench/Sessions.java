package org.massageadvisor.web.workbench;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.massageadvisor.users.Role;

/**
 * The session store, in memory: ids and CSRF tokens are 256 random bits; a session unused for the idle
 * time is gone; the number of sessions is bounded (the least recently used goes first), so a flood of
 * login pages cannot fill the memory. Signing in replaces the session id (no fixation).
 */
final class Sessions {

    static final Duration IDLE = Duration.ofMinutes(30);
    /** A login page not submitted within this time must be reloaded. */
    static final Duration ANONYMOUS_IDLE = Duration.ofMinutes(10);
    static final int MAX = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A session with no user yet, for the login form's CSRF token. */
    Session anonymous() {
        return store(new Session(token(), null, null, token(), clock.instant()));
    }

    /** Signs {@code user} in: the old session (if any) ends and a new id and token are issued. */
    Session signIn(String oldId, String user, Role role) {
        if (oldId != null) {
            byId.remove(oldId);
        }
        return store(new Session(token(), user, role, token(), clock.instant()));
    }

    /** The live session with this id, marked as used now; empty if unknown or idle too long. */
    Optional<Session> find(String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        Session s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            byId.remove(id, s);
            return Optional.empty();
        }
        Session seen = s.seen(now);
        byId.replace(id, s, seen);
        return Optional.of(seen);
    }

    void end(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** Ends every session of a user (removed, or their role changed). */
    void endAll(String user) {
        byId.values().removeIf(s -> user.equals(s.user()));
    }

    /** Whether {@code token} is this session's CSRF token (compared in constant time). */
    static boolean csrfMatches(Session s, String token) {
        return token != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
    }

    int size() {
        return byId.size();
    }

    private Session store(Session s) {
        if (byId.size() >= MAX) {
            Instant now = clock.instant();
            byId.values().removeIf(x -> expired(x, now));
            while (byId.size() >= MAX) {
                byId.values().stream().min(Comparator.comparing(Session::lastSeen)).ifPresent(x -> byId.remove(x.id(), x));
            }
        }
        byId.put(s.id(), s);
        return s;
    }

    private static boolean expired(Session s, Instant now) {
        return s.lastSeen().plus(s.signedIn() ? IDLE : ANONYMOUS_IDLE).isBefore(now);
    }

    /** 256 random bits, base64url without padding (43 characters). */
    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
