package org.massageadvisor.service;

/**
 * The rules in force could not finish an evaluation (they did not settle, ran past their deadline or
 * threw): the request was fine, the service cannot answer it now (503).
 */
public class EvaluationFailedException extends RuntimeException {

    public EvaluationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
