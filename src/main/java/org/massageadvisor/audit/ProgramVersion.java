package org.massageadvisor.audit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The program's version (the Maven project version), as the decision log records it. */
public final class ProgramVersion {

    private static final String VERSION = load();

    private ProgramVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ProgramVersion.class.getResourceAsStream("/org/massageadvisor/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : "advisor " + v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
