package org.massageadvisor.check;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.massageadvisor.engine.RuleBase;

/**
 * Everything {@code check} found, step by step, and its exit code: 3 when the rules do not compile,
 * 1 when any step found an error, 0 otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckReport(
        String rules,
        String rulesetVersion,
        List<StageReport> stages,
        Space space,
        @JsonIgnore RuleBase ruleBase) {

    /** The verified input space: how many profiles, from which dimensions, how long it took. */
    public record Space(long profiles, Map<String, Integer> dimensions, long millis, int threads) {
    }

    public static final String COMPILE = "compile";

    public CheckReport {
        stages = List.copyOf(stages);
    }

    @JsonProperty("ok")
    public boolean ok() {
        return exitCode() == 0;
    }

    @JsonProperty("exitCode")
    public int exitCode() {
        for (StageReport s : stages) {
            if (s.name().equals(COMPILE) && s.failed()) {
                return 3;
            }
        }
        return stages.stream().anyMatch(StageReport::failed) ? 1 : 0;
    }

    /** Every error, as {@code file:line:col: message} lines (what a watcher prints when it keeps the old rules). */
    public List<String> errors() {
        return stages.stream().flatMap(s -> s.findings().stream()
                        .filter(f -> f.severity() == Finding.Severity.ERROR)
                        .map(f -> s.name() + ": " + (f.location().isEmpty() ? "" : f.location() + ": ") + f.message()
                                + (f.example() == null ? "" : " " + Finding.profileText(f.example()))
                                + (f.details() == null ? "" : " " + String.join("; ", f.details()))))
                .toList();
    }
}
