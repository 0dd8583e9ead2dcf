package org.massageadvisor.workbench;

import java.time.Instant;
import java.util.List;

/** One commit of the rules: when, by whom, approved by whom, why, the version it made, and what changed. */
public record HistoryEntry(String commitId, Instant at, String author, String reviewer, String message,
        String rulesetVersion, List<ClinicalChange> changes) {

    public HistoryEntry {
        changes = List.copyOf(changes);
    }
}
