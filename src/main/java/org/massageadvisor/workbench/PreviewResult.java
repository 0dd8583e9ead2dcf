package org.massageadvisor.workbench;

import java.util.List;
import java.util.Map;

/**
 * The logged decisions replayed against a draft: how many were replayed, how many would change,
 * how many in each direction ("longer", "shorter", "now referred", "no longer referred", "other"),
 * a sample of each, how long the replay took, and a one-line summary (which also says when no
 * decisions are logged).
 */
public record PreviewResult(int replayed, int changed, Map<String, Integer> byDirection, List<PreviewSample> samples,
        long millis, String summary) {

    /** The directions, in the order a page lists them. */
    public static final List<String> DIRECTIONS = List.of("longer", "shorter", "now referred", "no longer referred", "other");

    public PreviewResult {
        byDirection = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byDirection));
        samples = List.copyOf(samples);
    }
}
