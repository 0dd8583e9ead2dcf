package org.massageadvisor.facts;

/**
 * Phase 3 of the interval, applied last so that a floor always wins: minDays becomes at least
 * {@code minDays}, maxDays at least {@code maxDays} (and never less than minDays).
 */
public record Floor(int minDays, int maxDays) {
}
