package org.massageadvisor.web;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.massageadvisor.check.Checker;
import org.massageadvisor.service.DecisionService;

/** The decision service on a free loopback port, as tests use it; "today" is 2026-11-30. */
final class RunningService implements AutoCloseable {

    static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

    final DecisionService service;
    final WebServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RunningService(DecisionService service, WebServer server) {
        this.service = service;
        this.server = server;
    }

    /** Serves {@code rules}; the quick check runs the given scenarios (none: compile and lint only). */
    static RunningService start(Path rules, List<Path> scenarios, long batchLimit) throws IOException {
        return start(rules, scenarios, batchLimit, null);
    }

    /** The same, appending every decision to {@code auditLog} (null: no log). */
    static RunningService start(Path rules, List<Path> scenarios, long batchLimit, Path auditLog) throws IOException {
        Metrics metrics = new Metrics();
        MeterRegistry registry = metrics.registry();
        DecisionService service = DecisionService.start(rules, new Checker.Options(scenarios, true, false, 1), TODAY,
                auditLog == null ? null : org.massageadvisor.audit.AuditLog.open(auditLog), registry, Duration.ofMillis(50));
        WebServer server = WebServer.start(service, metrics, TODAY,
                new WebServer.Settings("127.0.0.1", 0, batchLimit, Duration.ofSeconds(30), Duration.ofSeconds(5)));
        return new RunningService(service, server);
    }

    /** Serves {@code rules}, appending every decision to {@code log} (a file or a database log), with compile and lint as the quick check. */
    static RunningService logging(Path rules, org.massageadvisor.audit.DecisionLog log) throws IOException {
        Metrics metrics = new Metrics();
        DecisionService service = DecisionService.start(rules, new Checker.Options(List.of(), true, false, 1), TODAY, log, metrics.registry(),
                Duration.ofMillis(50));
        WebServer server = WebServer.start(service, metrics, TODAY,
                new WebServer.Settings("127.0.0.1", 0, 1 << 20, Duration.ofSeconds(30), Duration.ofSeconds(5)));
        return new RunningService(service, server);
    }

    URI uri(String path) {
        return URI.create(server.url() + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return post(path, "application/json", body);
    }

    /** Checks {@code condition} every 50 ms until it holds; fails after {@code timeout}. */
    static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        service.close();
    }
}
