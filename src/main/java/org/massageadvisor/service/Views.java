package org.massageadvisor.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleInfo;

/** What the service reports about itself: its health and the rules in force. */
public final class Views {

    private Views() {
    }

    /**
     * {@code {"status":"UP","rulesetVersion":...}}, plus the last refused reload (while the edit that
     * caused it is still the newest) and the last evaluation the rules could not finish.
     */
    @JsonPropertyOrder({"status", "rulesetVersion", "rulesRefused", "lastFailedEvaluation"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Health(String status, String rulesetVersion, DecisionService.ReloadStatus rulesRefused,
            DecisionService.Incident lastFailedEvaluation) {
    }

    /** One rule as {@code GET /v1/ruleset} lists it. */
    @JsonPropertyOrder({"name", "file", "line", "metadata"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(String name, String file, Integer line, Map<String, String> metadata) {
    }

    /** The rules in force: version, files, each rule with its metadata, and the last reload. */
    @JsonPropertyOrder({"rulesetVersion", "files", "rules", "lastReload"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ruleset(String rulesetVersion, List<String> files, List<Rule> rules, DecisionService.ReloadStatus lastReload) {
    }

    public static Health health(DecisionService service) {
        DecisionService.ReloadStatus last = service.lastReload();
        return new Health("UP", service.ruleBase().version(), last != null && !last.live() ? last : null, service.lastIncident());
    }

    public static Ruleset ruleset(DecisionService service) {
        RuleBase rb = service.ruleBase();
        List<Rule> rules = new ArrayList<>();
        for (RuleInfo info : rb.rules().values()) {
            rules.add(new Rule(info.name(), info.file(), info.line() > 0 ? info.line() : null, new java.util.TreeMap<>(info.metadata())));
        }
        List<String> files = rb.files().files().keySet().stream().sorted().map(f -> rb.files().display(f)).toList();
        return new Ruleset(rb.version(), files, rules, service.lastReload());
    }
}
