package org.massageadvisor.web.workbench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.massageadvisor.audit.AuditLog;
import org.massageadvisor.check.Checker;
import org.massageadvisor.service.DecisionService;
import org.massageadvisor.users.Passwords;
import org.massageadvisor.users.Role;
import org.massageadvisor.users.UserStore;
import org.massageadvisor.web.Metrics;
import org.massageadvisor.web.WebServer;
import org.massageadvisor.workbench.Workbench;

/**
 * The decision service with the workbench on a free loopback port, over a rules folder and a state
 * folder of the test's own, with three users (one a role) whose password is {@link #PASSWORD}.
 */
final class WorkbenchServer implements AutoCloseable {

    static final String PASSWORD = "correct horse battery";

    final DecisionService service;
    final Workbench workbench;
    final WorkbenchWeb web;
    final UserStore users;
    final WebServer server;

    private WorkbenchServer(DecisionService service, Workbench workbench, WorkbenchWeb web, UserStore users, WebServer server) {
        this.service = service;
        this.workbench = workbench;
        this.web = web;
        this.users = users;
        this.server = server;
    }

    /** Serves {@code rules} (the quick check runs {@code scenarios}), logging decisions to {@code auditLog} (null: none). */
    static WorkbenchServer start(Path rules, Path state, List<Path> scenarios, Path auditLog, Clock clock) throws IOException {
        Metrics metrics = new Metrics();
        DecisionService service = DecisionService.start(rules, new Checker.Options(scenarios, true, false, 1), clock,
                auditLog == null ? null : AuditLog.open(auditLog), metrics.registry(), Duration.ofMillis(50));
        UserStore users = new UserStore(state, new Passwords(4), clock);
        users.add("alice", Role.AUTHOR, PASSWORD.toCharArray(), false);
        users.add("rita", Role.REVIEWER, PASSWORD.toCharArray(), false);
        users.add("rob", Role.REVIEWER, PASSWORD.toCharArray(), false);
        users.add("vera", Role.VIEWER, PASSWORD.toCharArray(), false);
        // Drafts get the reload's quick check (compile, lint, the given scenarios): the invariants' walk over the
        // whole input space is the core's own tests' business and too slow for every request here.
        Workbench workbench = Workbench.open(rules, state.resolve("workbench"), service.liveRules(), service.audit(), clock,
                new Checker.Options(scenarios, true, false, 1));
        WorkbenchWeb web = new WorkbenchWeb(workbench, users, clock);
        WebServer server = WebServer.start(service, metrics, clock,
                new WebServer.Settings("127.0.0.1", 0, 16 << 20, Duration.ofSeconds(30), Duration.ofSeconds(5)), web);
        return new WorkbenchServer(service, workbench, web, users, server);
    }

    String url() {
        return server.url();
    }

    @Override
    public void close() throws IOException {
        server.close();
        workbench.close();
        service.close();
    }
}
