package org.massageadvisor.workbench;

/** Every refusal of the workbench; the web layer maps {@link #reason()} to an HTTP status. */
public final class WorkbenchException extends RuntimeException {

    /** Why an action was refused. */
    public enum Reason {
        /** No such file, proposal or commit (404). */
        NOT_FOUND,
        /** A path that is not a plain rules file name (400). */
        FORBIDDEN_PATH,
        /** The proposal's author tried to approve it (403). */
        SELF_APPROVAL,
        /** The rules in force changed the same files since the proposal's base (409). */
        CONFLICT,
        /** The draft fails the check against the rules in force (422). */
        CHECK_FAILED,
        /** A malformed request: empty message, no changes, bad date range (400). */
        INVALID,
        /** The proposal was already published, rejected or superseded (409). */
        NOT_PENDING
    }

    private final Reason reason;

    public WorkbenchException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
