package org.massageadvisor.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.massageadvisor.audit.DecisionLogs;
import org.massageadvisor.check.Checker;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.service.DecisionService;
import org.massageadvisor.users.Passwords;
import org.massageadvisor.users.UserStore;
import org.massageadvisor.web.Metrics;
import org.massageadvisor.web.WebServer;
import org.massageadvisor.web.workbench.WorkbenchWeb;
import org.massageadvisor.workbench.Workbench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Run the decision service: the HTTP API and the web page, on live rules.",
        description = {
            "Watches the rules folder: an edit goes live only after the quick check (compile, lint, scenarios);",
            "a refused edit leaves the old rules serving. Prints 'listening on http://HOST:PORT' once it accepts",
            "requests. SIGTERM lets the requests in flight finish, then stops. See docs/service.md."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port to listen on; 0 takes a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Option(names = "--audit", paramLabel = "LOG", description = "Append every decision to this hash-chained log, as 'evaluate --audit' does.")
    String audit;

    @Option(names = "--audit-key", paramLabel = "FILE",
            description = "Seal each logged line with an HMAC-SHA256 under this key file, as 'evaluate --audit-key' (file or database log).")
    Path auditKey;

    @Option(names = "--scenarios", paramLabel = "DIR", defaultValue = "scenarios", split = ",",
            description = "Scenarios the quick check runs before rules go live (default: ${DEFAULT-VALUE}).")
    List<Path> scenarios;

    @Option(names = "--batch-limit", paramLabel = "BYTES", defaultValue = "268435456",
            description = "Largest batch request body (default: ${DEFAULT-VALUE}, 256 MiB); one profile is at most 1 MiB.")
    long batchLimit;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Close a connection that sends or reads nothing for this long mid-request (default: ${DEFAULT-VALUE}).")
    long idleTimeout;

    @Option(names = "--threads", paramLabel = "N",
            description = "The server's threads, the one accepting connections included; requests beyond them wait their turn (default: 4 per core, at least 8).")
    Integer threads;

    @Option(names = "--drain", paramLabel = "SECONDS", defaultValue = "20",
            description = "On SIGTERM, wait at most this long for requests in flight (default: ${DEFAULT-VALUE}).")
    long drain;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "300000",
            description = "Once listening, evaluate at most N generated profiles in the background (nothing logged or counted), "
                    + "ending early on the first real request, so the first clients do not wait for the JIT compiler; 0 skips it "
                    + "(default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--state", paramLabel = "DIR", defaultValue = ".advisor",
            description = "The service's state folder: workbench users (users.json, see 'advisor users'), drafts and proposals (default: ${DEFAULT-VALUE}).")
    Path state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(rules.dir())) {
            throw new InputException(Position.of(rules.dir().toString()), "no rules folder here");
        }
        if (port < 0 || port > 65535) {
            throw new InputException(Position.of("--port"), "a port is 0-65535, not " + port);
        }
        if (threads != null && threads < WebServer.Settings.MIN_THREADS) {
            throw new InputException(Position.of("--threads"), "at least " + WebServer.Settings.MIN_THREADS + " threads are needed, not " + threads);
        }
        if (warmUp < 0) {
            throw new InputException(Position.of("--warm-up"), "a number of profiles is 0 or more, not " + warmUp);
        }
        if (auditKey != null && audit == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--audit-key needs --audit LOG");
        }
        Metrics metrics = new Metrics();
        Clock clock = Clock.systemDefaultZone();
        List<Path> checked = scenarios.stream().filter(Files::exists).toList();
        Checker.Options quick = new Checker.Options(checked, true, false, 1);
        DecisionService service;
        try {
            service = DecisionService.start(rules.dir(), quick, clock, audit == null ? null
                    : DecisionLogs.open(audit, auditKey == null ? null : org.massageadvisor.audit.AuditKey.read(auditKey)),
                    metrics.registry(), Duration.ofMillis(100));
        } catch (DecisionService.RulesRefusedException e) {
            if (e.report() != null) {
                CheckCommand.print(e.report(), out);
                return e.report().exitCode() == 0 ? ExitCodes.RULES_BROKEN : e.report().exitCode();
            }
            spec.commandLine().getErr().println("error: the rules cannot go live: " + e.getMessage());
            return ExitCodes.RULES_BROKEN;
        }
        // A draft passes the same scenarios as a reload, plus the invariants over the whole input space.
        Workbench workbench = Workbench.open(rules.dir(), state.resolve("workbench"), service.liveRules(), service.audit(), clock,
                new Checker.Options(checked, true, true, Runtime.getRuntime().availableProcessors()));
        WebServer server = WebServer.start(service, metrics, clock,
                new WebServer.Settings(bind, port, batchLimit, Duration.ofSeconds(idleTimeout), Duration.ofSeconds(drain),
                        threads == null ? WebServer.Settings.defaultThreads() : threads),
                new WorkbenchWeb(workbench, new UserStore(state, new Passwords(), clock), clock));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.stopWarmUp(); // the requests in flight get the cores
            server.close();
            workbench.close();
            try {
                service.close();
            } catch (java.io.IOException e) {
                // stopping anyway
            }
            stopped.countDown();
        }, "serve-drain"));
        out.println("listening on " + server.url());
        out.flush();
        service.warmUp(warmUp);
        stopped.await();
        return ExitCodes.OK;
    }
}
