package org.massageadvisor.scenario;

import java.util.List;
import org.massageadvisor.recommendation.Recommendation;

/**
 * The outcome of one scenario file: passed, failed (with what did not hold), or an error (the file
 * itself is bad input; rules that loop on it throw instead, as they are broken for every scenario).
 */
public record ScenarioResult(String file, String name, List<String> failures, String error, Recommendation recommendation) {

    public boolean passed() {
        return error == null && failures.isEmpty();
    }

    public boolean isError() {
        return error != null;
    }
}
