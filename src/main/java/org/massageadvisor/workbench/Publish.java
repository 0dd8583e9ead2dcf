package org.massageadvisor.workbench;

import java.time.Instant;

/** One change gone live: who proposed it, who approved it, why, the versions before and after, and its commit. */
public record Publish(long proposalId, String proposedBy, String approvedBy, String message, String oldVersion,
        String newVersion, String commitId, Instant at) {
}
