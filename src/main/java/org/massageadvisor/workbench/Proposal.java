package org.massageadvisor.workbench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A change to the rules waiting for (or past) review: who proposed it, why, the rule set version it
 * was made against, the new content of each file it changes, and what became of it.
 */
public record Proposal(long id, String author, String message, String baseVersion, Map<String, String> changes,
        Instant proposedAt, ProposalState state, String reviewer, String outcome, CheckResult check,
        List<ClinicalChange> clinicalChanges) {

    public Proposal {
        changes = Map.copyOf(changes);
        clinicalChanges = clinicalChanges == null ? List.of() : List.copyOf(clinicalChanges);
    }
}
