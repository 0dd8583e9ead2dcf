package org.massageadvisor.audit;

/**
 * The decision log cannot be reached or written now (the database is down, restarting or too slow):
 * an environment failure, not bad input and not a bug. The message says which log and why, without a
 * password and without a stack trace; nothing in the failed call was acknowledged.
 */
public final class LogUnavailableException extends RuntimeException {

    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
