package org.massageadvisor.check;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One step of {@code check}: its name, a one-line summary and what it found. Skipped steps say why. */
public record StageReport(String name, String summary, List<Finding> findings, boolean skipped) {

    public StageReport {
        findings = List.copyOf(findings);
    }

    public static StageReport skipped(String name, String why) {
        return new StageReport(name, why, List.of(), true);
    }

    @JsonIgnore
    public boolean failed() {
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR);
    }

    @JsonProperty("status")
    public String status() {
        return skipped ? "skipped" : failed() ? "failed" : "ok";
    }
}
