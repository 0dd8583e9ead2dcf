package org.massageadvisor.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.io.EnvironmentException;

/**
 * The secret that seals a decision log ({@code --audit-key FILE}): each line then ends with
 * {@code "mac":"hmac-sha256:<hex>"}, an HMAC-SHA256 of the line's hash. The hash covers the line and,
 * through {@code prev}, every line before it, so whoever edits a decision and recomputes the plain
 * chain cannot recompute the macs without the key.
 */
public final class AuditKey {

    /** Fewer bytes than this is a password, not a key. */
    static final int MIN_BYTES = 16;
    /** A key file is small; a bigger one is the wrong file. */
    static final int MAX_BYTES = 4096;
    static final String PREFIX = "hmac-sha256:";

    private final SecretKeySpec key;

    private AuditKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The key in a file: its bytes as they are (e.g. {@code head -c 32 /dev/urandom > audit.key}). */
    public static AuditKey read(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InputException(Position.of(name), "no key file here");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InputException(Position.of(name), "a key file holds at most " + MAX_BYTES + " bytes; is this the right file?");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw EnvironmentException.of(name, "cannot read the key", e);
        }
        if (bytes.length < MIN_BYTES) {
            throw new InputException(Position.of(name), "the key has " + bytes.length + " bytes; use at least " + MIN_BYTES
                    + " random bytes (head -c 32 /dev/urandom > " + name + ")");
        }
        return of(bytes);
    }

    static AuditKey of(byte[] bytes) {
        return new AuditKey(bytes.clone());
    }

    /** {@code hmac-sha256:<hex>} of a line's hash. */
    String mac(String hash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(hash.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }
}
