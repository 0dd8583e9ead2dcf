package org.massageadvisor.facts;

/**
 * Phase 2 of the interval: days added to (or, when negative, taken from) minDays and maxDays. All
 * adjustments are summed, so their firing order cannot matter.
 */
public record Adjustment(int minDays, int maxDays) {
}
