package org.massageadvisor.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The service's meters in Prometheus format: requests by route, method and status with a latency
 * histogram ({@code http_server_requests_seconds}), evaluations by status and rule reloads by outcome
 * (counted by the decision service), and the JVM's memory and threads.
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /**
     * The request timers by method, route and status, built once each: building a meter id and asking
     * the registry for it on every request costs more than recording the time.
     */
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Called once a request is answered, with its time in milliseconds. */
    void record(Context ctx, float millis) {
        String method = ctx.method().name();
        String route = route(ctx);
        String status = Integer.toString(ctx.statusCode());
        timers.computeIfAbsent(method + ' ' + route + ' ' + status, k -> Timer.builder("http.server.requests")
                        .description("HTTP requests by route, method and status")
                        .tags("method", method, "route", route, "status", status)
                        .publishPercentileHistogram()
                        .register(registry))
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    /** The route template that matched ("/v1/recommendations"), never the raw path (which callers choose). */
    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    String scrape() {
        return registry.scrape();
    }
}
