package org.massageadvisor.facts;

/**
 * Phase 1 of the interval: the range a goal starts from. If several apply, the most conservative
 * one (the longest minDays, then maxDays) is used.
 */
public record BaseRange(int minDays, int maxDays) {
}
