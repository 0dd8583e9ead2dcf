package org.massageadvisor.service;

/** Stops a request with a problem detail (the web layer turns it into the response). */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
