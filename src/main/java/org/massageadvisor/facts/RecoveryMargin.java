package org.massageadvisor.facts;

/**
 * Phase 4 of the interval, applied after every floor so that recovery always lengthens the wait,
 * even where a floor set minDays: minDays grows by {@code days} (the largest margin, when several
 * apply), and maxDays stays at least one day above it so the client keeps a day of choice.
 */
public record RecoveryMargin(int days) {
}
