package org.massageadvisor.text;

import java.util.Locale;

/** The one way the program writes counts and rates for people: digits grouped by commas ({@code 1,474,560}), in any locale. */
public final class Numbers {

    private Numbers() {
    }

    /** {@code 1474560} as {@code 1,474,560}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A rate or other measured figure, rounded to a whole number and grouped: {@code 12,345}. */
    public static String whole(double x) {
        return String.format(Locale.ROOT, "%,.0f", x);
    }
}
