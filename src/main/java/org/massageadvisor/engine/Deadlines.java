package org.massageadvisor.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * How long one evaluation may take: 1 s unless the {@value #PROPERTY} system property (which the
 * {@code --deadline} option sets) says otherwise.
 */
public final class Deadlines {

    public static final Duration DEFAULT = Duration.ofSeconds(1);
    /** {@code -Dadvisor.deadline=2s}; the value is read by {@link #parse}. */
    public static final String PROPERTY = "advisor.deadline";

    private Deadlines() {
    }

    /** The deadline {@value #PROPERTY} sets, or {@link #DEFAULT}. */
    public static Duration configured() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? DEFAULT : parse(value);
    }

    /** Whether {@value #PROPERTY} sets a deadline (else the default applies). */
    public static boolean isConfigured() {
        String value = System.getProperty(PROPERTY);
        return value != null && !value.isBlank();
    }

    /**
     * A deadline as written on the command line: {@code 1s}, {@code 1.5s}, {@code 250ms} or an ISO-8601
     * duration ({@code PT2S}).
     *
     * @throws IllegalArgumentException when it is not one, or not more than zero
     */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.startsWith("pt")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            } else if (t.endsWith("s")) {
                d = Duration.ofNanos(new BigDecimal(t.substring(0, t.length() - 1).trim()).movePointRight(9).longValueExact());
            } else {
                throw new IllegalArgumentException(t);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration (" + text + "); write it as 1s, 1.5s or 250ms");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the deadline must be more than zero (" + text + ")");
        }
        return d;
    }

    /** {@code 1 s}, {@code 1.5 s}, {@code 250 ms}. */
    public static String format(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + " s";
    }
}
