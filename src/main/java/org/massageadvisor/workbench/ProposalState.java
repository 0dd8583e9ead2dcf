package org.massageadvisor.workbench;

/** Where a proposal stands: waiting for review, live, turned down, or replaced by a later one. */
public enum ProposalState {
    PROPOSED, PUBLISHED, REJECTED, SUPERSEDED
}
