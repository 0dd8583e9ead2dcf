package org.massageadvisor.users;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** Password rules and bcrypt (Spring Security's implementation): hash with a random salt, verify in constant time. */
public final class Passwords {

    /** Shortest password accepted. */
    public static final int MIN_LENGTH = 10;
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused. */
    public static final int MAX_BYTES = 72;
    /** The cost (log2 of the rounds) new hashes get. */
    public static final int COST = 12;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int cost;
    /** Checked when the user is unknown, so a wrong name takes as long as a wrong password (made on first need). */
    private volatile String decoy;

    public Passwords() {
        this(COST);
    }

    /** Tests use a low cost; 4 is bcrypt's least. */
    public Passwords(int cost) {
        this.cost = cost;
    }

    /** @throws IllegalArgumentException saying why the password is not acceptable */
    public static void checkAcceptable(char[] password) {
        String s = new String(password);
        if (s.codePointCount(0, s.length()) < MIN_LENGTH) {
            throw new IllegalArgumentException("a password is at least " + MIN_LENGTH + " characters");
        }
        if (s.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("a password is at most " + MAX_BYTES + " bytes (bcrypt reads no more)");
        }
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a password holds no control characters");
        }
    }

    /** The bcrypt hash of an acceptable password. */
    public String hash(char[] password) {
        checkAcceptable(password);
        return BCrypt.hashpw(new String(password).getBytes(StandardCharsets.UTF_8), BCrypt.gensalt(cost, RANDOM));
    }

    /** Whether {@code password} matches {@code hash}; a null hash (unknown user) costs the same and never matches. */
    public boolean matches(String password, String hash) {
        byte[] bytes = password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);
        if (hash == null || bytes.length > MAX_BYTES) {
            checkQuietly(new byte[0], decoy());
            return false;
        }
        return checkQuietly(bytes, hash);
    }

    private String decoy() {
        String d = decoy;
        if (d == null) {
            d = BCrypt.hashpw("decoy password never used", BCrypt.gensalt(cost, RANDOM));
            decoy = d;
        }
        return d;
    }

    private static boolean checkQuietly(byte[] password, String hash) {
        try {
            return BCrypt.checkpw(password, hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
