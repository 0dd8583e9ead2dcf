package org.massageadvisor.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.massageadvisor.client.InputException;
import org.massageadvisor.service.EvaluationFailedException;
import org.massageadvisor.service.Problem;
import org.massageadvisor.service.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one exception mapper: every error becomes an RFC 9457 problem; a stack trace only ever reaches the log. */
final class Errors {

    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Errors() {
    }

    static void handle(Exception e, Context ctx) {
        send(ctx, problem(e, ctx));
    }

    static Problem problem(Exception e, Context ctx) {
        if (e instanceof InputException ie) {
            return Problem.badInput(ie);
        }
        if (e instanceof ProblemException pe) {
            return pe.problem();
        }
        if (e instanceof org.massageadvisor.audit.LogUnavailableException) {
            // A database log that is down or restarting, reached outside DecisionService (e.g. a CDS hook): 503, not a 500.
            return Problem.unavailable("the decision log is unavailable now: " + e.getMessage());
        }
        if (e instanceof EvaluationFailedException) {
            return Problem.unavailable(e.getMessage());
        }
        if (e instanceof HttpResponseException he) {
            return switch (he.getStatus()) {
                case 404 -> Problem.notFound(ctx.path());
                case 405 -> Problem.methodNotAllowed(ctx.method().name(), ctx.path());
                case 413 -> Problem.tooLarge(-1);
                default -> Problem.of(he.getStatus(), "http-" + he.getStatus(), he.getMessage(), he.getMessage());
            };
        }
        LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
        return Problem.internal();
    }

    static void notFound(Context ctx) {
        String type = ctx.res().getContentType();
        if (type != null && type.startsWith(Problem.MEDIA_TYPE)) {
            return; // a handler's own 404 problem (e.g. "this service logs no decisions") stands
        }
        send(ctx, Problem.notFound(ctx.path()));
    }

    static void methodNotAllowed(Context ctx) {
        send(ctx, Problem.methodNotAllowed(ctx.method().name(), ctx.path()));
    }

    static void send(Context ctx, Problem p) {
        try {
            ctx.status(p.status()).contentType(Problem.MEDIA_TYPE).result(JSON.writeValueAsBytes(p));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
