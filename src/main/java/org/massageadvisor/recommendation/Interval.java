package org.massageadvisor.recommendation;

/** Whole days between the end of one back massage and the start of the next: 1 <= min <= max <= 31. */
public record Interval(int minDays, int maxDays) {

    public static final int LOWEST = 1;
    public static final int HIGHEST = 31;

    public Interval {
        if (minDays < LOWEST || minDays > maxDays || maxDays > HIGHEST) {
            throw new IllegalArgumentException("interval " + minDays + "-" + maxDays + " is outside 1 <= min <= max <= 31");
        }
    }

    @Override
    public String toString() {
        return minDays == maxDays ? minDays + " days" : minDays + "-" + maxDays + " days";
    }
}
