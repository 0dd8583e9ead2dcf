package org.massageadvisor.facts;

/**
 * Phase 1 of the interval: the range a goal starts from. If several apply, the most conservative
 * one (the longest minDays, then maxDays) is used. A range that ends before it starts is a rule
 * error: the rule that concludes it fails, named.
 */
public record BaseRange(int minDays, int maxDays) {

    public BaseRange {
        if (minDays > maxDays) {
            throw new IllegalArgumentException("a base range cannot end before it starts (minDays " + minDays + ", maxDays " + maxDays + ")");
        }
    }
}
