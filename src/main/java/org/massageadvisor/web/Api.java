package org.massageadvisor.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.massageadvisor.client.Suggestions;
import org.massageadvisor.explain.ExplanationRenderer;
import org.massageadvisor.service.DecisionService;
import org.massageadvisor.service.Problem;
import org.massageadvisor.service.ProblemException;
import org.massageadvisor.service.Views;

/** The JSON API: each handler parses, calls the decision service once and renders. */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FORMATS = List.of("json", "html", "markdown");

    private final DecisionService service;
    private final long batchLimit;

    Api(DecisionService service, long batchLimit) {
        this.service = service;
        this.batchLimit = batchLimit;
    }

    void health(Context ctx) throws IOException {
        json(ctx, Views.health(service));
    }

    void ruleset(Context ctx) throws IOException {
        json(ctx, Views.ruleset(service));
    }

    void recommend(Context ctx) throws IOException {
        json(ctx, service.recommend(Bodies.profile(ctx), Bodies.flag(ctx, "explain")));
    }

    void explain(Context ctx) throws IOException {
        String format = format(ctx.queryParam("format"));
        byte[] body = Bodies.profile(ctx);
        var explanation = service.explain(body);
        switch (format) {
            case "html" -> ctx.html(ExplanationRenderer.html(explanation, ExplanationRenderer.Links.SERVICE));
            case "markdown" -> ctx.contentType("text/markdown; charset=utf-8").result(ExplanationRenderer.markdown(explanation));
            default -> json(ctx, explanation);
        }
    }

    /** JSON lines in, JSON lines out, streamed: the answer starts before the request has been read to its end. */
    void batch(Context ctx) throws IOException {
        Bodies.requireJson(ctx);
        Bodies.requireAtMost(ctx, batchLimit);
        boolean explain = Bodies.flag(ctx, "explain");
        ctx.status(200).contentType("application/x-ndjson");
        service.batch(ctx.req().getInputStream(), ctx.res().getOutputStream(), batchLimit, explain);
    }

    private static String format(String raw) {
        String f = raw == null ? "json" : raw.trim().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new ProblemException(new Problem("urn:massage-advisor:problem:bad-input", "Bad input", 400,
                    "unknown format (" + raw + ")" + Suggestions.hint(f, FORMATS) + " Known: json, html, markdown",
                    List.of(new Problem.FieldError("format", "unknown format (" + raw + ")" + Suggestions.hint(f, FORMATS))), null));
        }
        return f;
    }

    /**
     * Writes the answer straight to the response with its length. Handing the bytes to
     * {@code ctx.result} would have Javalin copy them through a fresh 8 KiB buffer and its compression
     * wrapper on every request (5 % of the request threads' time at 32 connections, in a JFR profile).
     */
    static void json(Context ctx, Object value) throws IOException {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        ctx.contentType("application/json");
        ctx.res().setContentLength(body.length);
        ctx.res().getOutputStream().write(body);
    }
}
