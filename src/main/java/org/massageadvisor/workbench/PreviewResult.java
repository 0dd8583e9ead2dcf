package org.massageadvisor.workbench;

import java.util.List;
import java.util.Map;

/**
 * The logged decisions replayed against a draft: how many were replayed, how many would change,
 * how many in each direction ("longer", "shorter", "now referred", "no longer referred", "other"),
 * a sample of each, and how long the replay took.
 */
public record PreviewResult(int replayed, int changed, Map<String, Integer> byDirection, List<PreviewSample> samples,
        long millis) {

    public PreviewResult {
        byDirection = Map.copyOf(byDirection);
        samples = List.copyOf(samples);
    }
}
