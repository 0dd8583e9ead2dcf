package org.massageadvisor.cdshooks;

/**
 * A hook call the service cannot answer, with the HTTP status the specification asks for: 400 for
 * a malformed request, 404 for an unknown service, 412 when required FHIR data is missing and cannot
 * be fetched. The message is for the caller's logs and never carries a stack trace.
 */
public final class CdsException extends RuntimeException {

    private final int status;
    private final String title;

    public CdsException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static CdsException badRequest(String detail) {
        return new CdsException(400, "Malformed hook request", detail);
    }

    public static CdsException preconditionFailed(String detail) {
        return new CdsException(412, "Required FHIR data missing", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
