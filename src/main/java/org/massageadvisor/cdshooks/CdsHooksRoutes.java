package org.massageadvisor.cdshooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import org.massageadvisor.audit.DecisionLog;
import org.massageadvisor.engine.Evaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CDS Hooks routes: discovery at {@code GET /cds-services}, a hook call at
 * {@code POST /cds-services/{id}} and feedback at {@code POST /cds-services/{id}/feedback}. Handlers
 * parse, call the {@link CdsService} and render; every failure is an RFC 9457 problem document with
 * the status the specification asks for, never a stack trace.
 */
public final class CdsHooksRoutes {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksRoutes.class);

    /** A CDS client is allowed to call with a few prefetched resources; more than this is refused. */
    public static final long MAX_BODY_BYTES = 2L * 1024 * 1024;

    private CdsHooksRoutes() {
    }

    /**
     * Adds the routes to a Javalin configuration.
     *
     * @param evaluator the live rules
     * @param rulesDir the rules folder (its {@code terminology.yaml} is read on change)
     * @param audit the decision log, or null
     * @param baseUrl the absolute URL the service is reached at (for links to {@code /explain}); null to
     *     use the scheme and Host header of each call
     */
    public static CdsService register(JavalinConfig config, Supplier<Evaluator> evaluator, Path rulesDir, DecisionLog audit, String baseUrl) {
        CdsService service = new CdsService(evaluator, new TerminologySource(rulesDir), audit, baseUrl, Clock.systemDefaultZone());
        register(config, service);
        return service;
    }

    public static void register(JavalinConfig config, CdsService service) {
        Thread warmUp = new Thread(Fhir::warmUp, "fhir-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        config.routes.get("/cds-services", ctx -> answer(ctx, () -> service.discovery()));
        config.routes.post("/cds-services/{id}", ctx -> answer(ctx, () -> service.call(ctx.pathParam("id"), body(ctx), requestBase(ctx))));
        config.routes.post("/cds-services/{id}/feedback", ctx -> answer(ctx, () -> service.feedback(ctx.pathParam("id"), body(ctx))));
    }

    /** {@code scheme://host[:port]} as the caller reached us; a Host header that is not a host name is refused. */
    private static String requestBase(Context ctx) {
        String host = ctx.host();
        if (host == null || !host.matches("[A-Za-z0-9.\\-]{1,253}(:\\d{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:\\d{1,5})?")) {
            throw CdsException.badRequest("the Host header is not a host name");
        }
        return ctx.scheme() + "://" + host;
    }

    private static String body(Context ctx) {
        String length = ctx.header("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_BODY_BYTES) {
            // Read (a bounded amount of) what the client is still sending, so it reads the 413 instead of a closed connection.
            org.massageadvisor.web.Bodies.discardBeforeRefusing(ctx, Long.parseLong(length));
            throw new CdsException(413, "Request too large", "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return ctx.body();
    }

    private static void answer(Context ctx, Supplier<ObjectNode> work) {
        try {
            ObjectNode result = work.get();
            ctx.status(200).contentType("application/json").result(result.toString());
        } catch (CdsException e) {
            problem(ctx, e.status(), e.title(), e.getMessage());
        } catch (io.javalin.http.HttpResponseException e) {
            // Javalin's own refusals (a body over its request size limit) keep their status.
            problem(ctx, e.getStatus(), "Request refused", e.getMessage());
        } catch (RuntimeException e) {
            // A bug or a broken rule set: logged here with its trace, answered without it.
            LOG.error("CDS Hooks call failed", e);
            problem(ctx, 500, "Internal error", "the service could not answer: " + e.getClass().getSimpleName());
        }
    }

    private static void problem(Context ctx, int status, String title, String detail) {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        p.put("instance", ctx.path());
        ctx.status(status).contentType("application/problem+json").result(p.toString());
    }
}
