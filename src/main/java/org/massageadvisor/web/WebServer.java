package org.massageadvisor.web;

import io.javalin.Javalin;
import org.massageadvisor.cdshooks.CdsHooksRoutes;
import org.massageadvisor.cdshooks.CdsService;
import org.massageadvisor.cdshooks.TerminologySource;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.massageadvisor.service.DecisionService;
import org.massageadvisor.service.Problem;
import org.massageadvisor.web.workbench.WorkbenchRoutes;
import org.massageadvisor.web.workbench.WorkbenchWeb;

/**
 * The decision service over HTTP (Javalin on Jetty). Every route is declared in {@link #routes};
 * handlers live in {@link Api} and {@link Pages}; every error goes through {@link Errors}.
 */
public final class WebServer implements AutoCloseable {

    /**
     * Where and how to listen: bind address and port (0 takes a free one), the largest batch body,
     * how long a connection may stay idle mid-request, and how long SIGTERM waits for requests in flight.
     */
    /**
     * @param threads the server's threads: one accepts connections, one or more watch them, the rest answer
     *                requests (more wait their turn). A few per core is enough for work that blocks on no I/O but
     *                the decision log: a pool of hundreds on two cores only adds switching (docs/performance.md).
     */
    public record Settings(String bind, int port, long batchLimit, Duration idleTimeout, Duration drain, int threads) {

        public Settings {
            if (threads < MIN_THREADS) {
                throw new IllegalArgumentException("at least " + MIN_THREADS + " threads are needed, not " + threads);
            }
        }

        public Settings(String bind, int port, long batchLimit, Duration idleTimeout, Duration drain) {
            this(bind, port, batchLimit, idleTimeout, drain, defaultThreads());
        }

        /** The fewest threads Jetty runs with: an acceptor, a selector and requests. */
        public static final int MIN_THREADS = 4;

        /** Four per core, at least 8. */
        public static int defaultThreads() {
            return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        }
    }

    private final Javalin app;
    private final Settings settings;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    private WebServer(DecisionService service, Metrics metrics, Clock clock, Settings settings, WorkbenchWeb workbench) {
        this.settings = settings;
        Api api = new Api(service, settings.batchLimit());
        Pages pages = new Pages(service, clock);
        Decisions decisions = new Decisions(service);
        io.micrometer.core.instrument.Gauge.builder("http.server.requests.active", inFlight, AtomicInteger::get)
                .description("Requests being answered now").register(metrics.registry());
        this.app = Javalin.create(config -> {
            configure(config, metrics);
            routes(config, api, pages, decisions, metrics);
            if (workbench != null) {
                WorkbenchRoutes.register(config, workbench);
            }
            CdsHooksRoutes.register(config, new CdsService(service::evaluator, new TerminologySource(service.rulesDir()),
                    service.audit(), null, clock));
        });
    }

    /** Starts listening; returns once requests are accepted. */
    public static WebServer start(DecisionService service, Metrics metrics, Clock clock, Settings settings) {
        return start(service, metrics, clock, settings, null);
    }

    /** The same, with the rules workbench under /workbench (null: none). */
    public static WebServer start(DecisionService service, Metrics metrics, Clock clock, Settings settings, WorkbenchWeb workbench) {
        WebServer server = new WebServer(service, metrics, clock, settings, workbench);
        server.app.start();
        return server;
    }

    /** The routes of the service, in one place. */
    private static void routes(JavalinConfig config, Api api, Pages pages, Decisions decisions, Metrics metrics) {
        config.routes.get("/health", api::health);
        config.routes.post("/v1/recommendations", api::recommend);
        config.routes.post("/v1/recommendations/batch", api::batch);
        config.routes.post("/v1/explanations", api::explain);
        config.routes.get("/v1/ruleset", api::ruleset);
        config.routes.get("/v1/decisions", decisions::list);
        config.routes.get("/v1/decisions/counts", decisions::counts);
        config.routes.get("/v1/decisions/replay", decisions::replay);
        config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        config.routes.get("/", pages::index);
        config.routes.get("/print", pages::print);
        config.routes.get("/rules", pages::rules);
        config.routes.get("/explain", pages::explain);
        config.routes.exception(Exception.class, Errors::handle);
        config.routes.error(404, Errors::notFound);
        config.routes.error(405, Errors::methodNotAllowed);
    }

    private void configure(JavalinConfig config, Metrics metrics) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.prefer405over404 = true;
        config.http.compressionStrategy = CompressionStrategy.NONE;
        // Bodies are bounded by the handlers themselves (1 MiB a profile, the batch limit a batch).
        config.http.maxRequestSize = Math.max(settings.batchLimit(), DecisionService.PROFILE_LIMIT);
        config.requestLogger.http(metrics::record);
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(settings.bind());
            connector.setPort(settings.port());
            connector.setIdleTimeout(settings.idleTimeout().toMillis());
            return connector;
        });
        config.jetty.modifyServletContextHandler(handler -> handler.addFilter(new FilterHolder(drainFilter()), "/*",
                EnumSet.of(DispatcherType.REQUEST)));
        // A bounded pool with no reserved (spinning-ready) threads: on two cores, 8 threads answered 3,533
        // requests/s at p99 28 ms where Jetty's default of 250 gave 2,806 at p99 46 ms.
        QueuedThreadPool pool = new QueuedThreadPool(settings.threads(), Math.min(4, settings.threads()));
        pool.setReservedThreads(0);
        pool.setName("http");
        config.jetty.threadPool = pool;
    }

    /** Counts requests in flight; once draining, turns new ones away with 503 so they can retry elsewhere. */
    private Filter drainFilter() {
        return (request, response, chain) -> {
            if (draining) {
                var res = (jakarta.servlet.http.HttpServletResponse) response;
                res.setStatus(503);
                res.setHeader("Connection", "close");
                res.setContentType(Problem.MEDIA_TYPE);
                res.getWriter().write("{\"type\":\"urn:massage-advisor:problem:unavailable\",\"title\":\"Service unavailable\","
                        + "\"status\":503,\"detail\":\"the service is shutting down\"}");
                return;
            }
            inFlight.incrementAndGet();
            try {
                chain.doFilter(request, response);
            } finally {
                inFlight.decrementAndGet();
            }
        };
    }

    public int port() {
        return app.port();
    }

    /** {@code http://HOST:PORT}, as printed once requests are accepted. */
    public String url() {
        String host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
        return "http://" + host + ":" + port();
    }

    /** Requests being answered now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Lets the requests in flight finish (up to the drain time), then stops. */
    @Override
    public void close() {
        draining = true;
        long deadline = System.nanoTime() + settings.drain().toNanos();
        synchronized (this) {
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                try {
                    wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        app.stop();
    }
}
