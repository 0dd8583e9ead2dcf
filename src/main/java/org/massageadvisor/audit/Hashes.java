package org.massageadvisor.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of text, as {@code sha256:<hex>}, the form rule-set versions already use. */
final class Hashes {

    static final String GENESIS = "sha256:" + "0".repeat(64);

    private Hashes() {
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** {@code sha256:abc...} -> {@code abc...}, the archive folder name. */
    static String hex(String version) {
        return version.startsWith("sha256:") ? version.substring(7) : version;
    }
}
