package org.massageadvisor.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.massageadvisor.audit.AuditLog;
import org.massageadvisor.audit.DecisionLog;
import org.massageadvisor.batch.RecommendationCache;
import org.massageadvisor.check.CheckReport;
import org.massageadvisor.check.Checker;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.client.ProfileReader;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.LiveRuleBase;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.explain.Explanation;
import org.massageadvisor.recommendation.Recommendation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision service without HTTP: profiles (as JSON bytes or lines) in, recommendations and
 * explanations out, on the live rule base of a watched rules folder. An edit goes live only after
 * the quick check (compile, lint, scenarios); a refused edit leaves the old rules serving and is kept
 * as {@link #lastReload()} for the health answer and the rules page.
 */
public final class DecisionService implements AutoCloseable {

    /** The largest single profile body (1 MiB). */
    public static final long PROFILE_LIMIT = 1 << 20;
    /** Batch lines a worker takes at once, and how many such chunks may wait to be written. */
    static final int CHUNK = 256;
    private static final int CACHE_CAPACITY = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(DecisionService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter LINE = JSON.writerFor(Recommendation.class);
    private static final ObjectWriter PROBLEM_LINE = JSON.writerFor(Problem.class);

    /** The outcome of the latest reload, with the check's steps. */
    public record ReloadStatus(@JsonSerialize(using = ToStringSerializer.class) Instant at, boolean live, String version, String serving, List<String> reasons,
            long latencyMillis, List<Step> steps) {

        /** One step of the quick check: its name, status and summary. */
        public record Step(String name, String status, String summary) {
        }
    }

    /** The latest evaluation the rules could not finish. */
    public record Incident(@JsonSerialize(using = ToStringSerializer.class) Instant at, String detail) {
    }

    private final Path rulesDir;
    private final LiveRuleBase rules;
    private final Clock clock;
    private final DecisionLog audit;
    private final MeterRegistry metrics;
    private final ExecutorService workers;
    private final AtomicReference<ReloadStatus> lastReload = new AtomicReference<>();
    private final AtomicReference<CheckReport> lastCheck = new AtomicReference<>();
    private final AtomicReference<Incident> lastIncident = new AtomicReference<>();
    private final AtomicReference<RecommendationCache> cache = new AtomicReference<>();
    /** The evaluation counters by status ({@link #evaluations}). */
    private final ConcurrentMap<String, Counter> evaluationCounters = new ConcurrentHashMap<>();
    private final AtomicReference<WarmUp> warmUp = new AtomicReference<>();

    private DecisionService(Path rulesDir, Checker checker, Clock clock, DecisionLog audit, MeterRegistry metrics) {
        this.rulesDir = rulesDir;
        this.clock = clock;
        this.audit = audit;
        this.metrics = metrics;
        this.rules = new LiveRuleBase(rulesDir, candidate -> {
            CheckReport report = checker.check(candidate);
            lastCheck.set(report);
            return report.errors();
        }, this::reloaded);
        int threads = Runtime.getRuntime().availableProcessors();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "batch-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads and checks the rules folder and starts watching it.
     *
     * @throws RulesRefusedException when the first rules fail their check (nothing older to fall back on)
     */
    public static DecisionService start(Path rulesDir, Checker.Options check, Clock clock, DecisionLog audit,
            MeterRegistry metrics, Duration debounce) throws IOException {
        DecisionService service = new DecisionService(rulesDir, new Checker(check), clock, audit, metrics);
        LiveRuleBase.Reload first = service.rules.reload();
        if (!first.live()) {
            service.close();
            throw new RulesRefusedException(first.reasons(), service.lastCheck.get());
        }
        service.rules.watch(debounce);
        return service;
    }

    private void reloaded(LiveRuleBase.Reload r) {
        CheckReport report = lastCheck.get();
        List<ReloadStatus.Step> steps = report == null || !java.util.Objects.equals(report.rulesetVersion(), r.version()) ? List.of()
                : report.stages().stream().map(s -> new ReloadStatus.Step(s.name(), s.status(), s.summary())).toList();
        lastReload.set(new ReloadStatus(clock.instant(), r.live(), r.version(), r.serving(), r.reasons(), r.latencyMillis(), steps));
        metrics.counter("advisor.rule.reloads", "outcome", r.live() ? "live" : "refused").increment();
        if (r.live()) {
            Evaluator live = rules.current();
            cache.set(new RecommendationCache(live, CACHE_CAPACITY));
            LOG.info("rules live: {}{}", r.version(), r.latencyMillis() < 0 ? "" : " (" + r.latencyMillis() + " ms after the save)");
        } else {
            LOG.warn("rules refused: {}; {}. Why: {}", r.version(), r.serving() == null ? "no rules are live yet" : "still serving " + r.serving(),
                    String.join(" | ", r.reasons()));
        }
    }

    /**
     * Evaluates at most {@code profiles} generated profiles in the background, through the batch
     * code on its workers, so that the first clients do not pay for the JIT compiler (see
     * {@link WarmUp}); returns at once. Nothing is logged, counted or cached.
     */
    public void warmUp(int profiles) {
        if (profiles > 0) {
            warmUp(profiles, WarmUp.QUIET_WINDOWS);
        }
    }

    /** The same, ending after {@code quietWindows} quiet windows of the compiler in a row; the warm-up started. */
    WarmUp warmUp(int profiles, int quietWindows) {
        WarmUp w = WarmUp.start(this, clock, profiles, quietWindows);
        warmUp.set(w);
        return w;
    }

    /** How many evaluations have been answered (counted in the metrics), whatever their outcome. */
    long answered() {
        double n = 0;
        for (Counter c : evaluationCounters.values()) {
            n += c.count();
        }
        return (long) n;
    }

    /** Ends the warm-up, if one is running (the service is about to stop). */
    public void stopWarmUp() {
        WarmUp w = warmUp.get();
        if (w != null) {
            w.stop();
        }
    }

    public Path rulesDir() {
        return rulesDir;
    }

    /** The rule base in force. */
    public RuleBase ruleBase() {
        return live().ruleBase();
    }

    public ReloadStatus lastReload() {
        return lastReload.get();
    }

    public Incident lastIncident() {
        return lastIncident.get();
    }

    /** The evaluator of the rules in force, for adapters beside the HTTP API (CDS Hooks). */
    public Evaluator evaluator() {
        return live();
    }

    /** The watched rule base, for the workbench (a publish swaps the rules through it). */
    public LiveRuleBase liveRules() {
        return rules;
    }

    /** The decision log, or null when none was named. */
    public DecisionLog audit() {
        return audit;
    }

    private Evaluator live() {
        Evaluator e = rules.current();
        if (e == null) {
            throw new ProblemException(Problem.unavailable("no rules are live"));
        }
        return e;
    }

    /**
     * One profile (JSON) in, its recommendation out; logged when the service keeps an audit log.
     * Without an explanation, profiles seen before are answered from the live rule base's cache (a
     * recommendation is a pure function of the profile and the rules).
     */
    public Recommendation recommend(byte[] body, boolean explain) {
        Evaluator evaluator = live();
        Client client = read(evaluator, body);
        RecommendationCache memo = cache.get();
        Recommendation r = !explain && memo != null && memo.evaluator() == evaluator
                ? evaluate(() -> memo.evaluate(client, false)) : evaluate(evaluator, client, explain);
        log(List.of(new AuditLog.Decision(r, client, evaluator.ruleBase())));
        return r;
    }

    /** One profile (JSON) in, the whole explanation out. */
    public Explanation explain(byte[] body) {
        Evaluator evaluator = live();
        Client client = read(evaluator, body);
        Recommendation r = evaluate(evaluator, client, true);
        log(List.of(new AuditLog.Decision(r, client, evaluator.ruleBase())));
        return Explanation.of(r, client, evaluator.ruleBase());
    }

    private Client read(Evaluator evaluator, byte[] body) {
        return new ProfileReader(evaluator.ruleBase().vocabulary(), clock).readJson(new String(body, StandardCharsets.UTF_8), "body.json");
    }

    private Recommendation evaluate(Evaluator evaluator, Client client, boolean explain) {
        return evaluate(() -> evaluator.evaluate(client, explain));
    }

    private Recommendation evaluate(java.util.function.Supplier<Recommendation> evaluation) {
        try {
            Recommendation r = evaluation.get();
            evaluations(r.status().name()).increment();
            return r;
        } catch (InputException | ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            // Broken rules, a deadline, a rule that throws: the request was fine, the rules could not answer it.
            lastIncident.set(new Incident(clock.instant(), e.getMessage() == null ? e.toString() : e.getMessage()));
            evaluations("FAILED").increment();
            LOG.warn("evaluation failed: {}", e.toString());
            throw new EvaluationFailedException("the rules in force could not finish this evaluation: " + e.getMessage(), e);
        }
    }

    /**
     * The evaluation counter for a status, looked up in the registry once: building a meter id and
     * asking the registry for it on every request costs more than counting.
     */
    private Counter evaluations(String status) {
        return evaluationCounters.computeIfAbsent(status, s -> metrics.counter("advisor.evaluations", "status", s));
    }

    /** Answers only once the decisions are in the log; a log that cannot be written is a 503, not a 500. */
    private void log(List<AuditLog.Decision> decisions) {
        if (audit != null && !decisions.isEmpty()) {
            try {
                audit.appendAll(decisions);
            } catch (org.massageadvisor.audit.LogUnavailableException | org.massageadvisor.io.EnvironmentException e) {
                LOG.warn("decision log unavailable: {}", e.getMessage());
                throw new ProblemException(Problem.unavailable("the decision log cannot be written now; nothing was recorded: "
                        + e.getMessage()));
            }
        }
    }

    /**
     * JSON lines in, JSON lines out in input order: a recommendation or a problem (with its line
     * number) for every non-blank line. Never holds more than a few chunks of lines; a body over
     * {@code limit} bytes ends the answer with one 413 problem line.
     */
    public void batch(InputStream body, OutputStream out, long limit, boolean explain) throws IOException {
        batch(body, out, limit, explain, true);
    }

    /**
     * A batch, recorded (counted in the metrics, logged, remembered in the profile cache) or not: the
     * {@link WarmUp} runs the very code a batch request runs, and none of it is a decision.
     */
    void batch(InputStream body, OutputStream out, long limit, boolean explain, boolean record) throws IOException {
        Evaluator evaluator = live();
        RecommendationCache shared = cache.get();
        RecommendationCache memo = record && shared != null && shared.evaluator() == evaluator ? shared : new RecommendationCache(evaluator, 0);
        ProfileReader reader = new ProfileReader(evaluator.ruleBase().vocabulary(), clock);
        BufferedReader in = new BufferedReader(new InputStreamReader(new Bounded(body, limit), StandardCharsets.UTF_8), 1 << 16);
        Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
        int maxInFlight = 4 * Runtime.getRuntime().availableProcessors();
        List<String> chunk = new ArrayList<>(CHUNK);
        long first = 1;
        long number = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                number++;
                chunk.add(line);
                if (chunk.size() == CHUNK) {
                    List<String> lines = chunk;
                    long from = first;
                    inFlight.add(workers.submit(() -> render(lines, from, reader, memo, evaluator.ruleBase(), explain, record)));
                    chunk = new ArrayList<>(CHUNK);
                    first = number + 1;
                    while (inFlight.size() >= maxInFlight) {
                        out.write(next(inFlight));
                    }
                }
            }
            if (!chunk.isEmpty()) {
                List<String> lines = chunk;
                long from = first;
                inFlight.add(workers.submit(() -> render(lines, from, reader, memo, evaluator.ruleBase(), explain, record)));
            }
            while (!inFlight.isEmpty()) {
                out.write(next(inFlight));
            }
        } catch (ProblemException e) {
            // Over the limit mid-stream: the status is sent already, so the answer ends with the problem.
            while (!inFlight.isEmpty()) {
                out.write(next(inFlight));
            }
            out.write(problemLine(e.problem().atLine(number + 1)));
        } finally {
            inFlight.forEach(f -> f.cancel(true));
        }
        out.flush();
    }

    private static byte[] next(Deque<Future<byte[]>> inFlight) throws IOException {
        try {
            return inFlight.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        }
    }

    /** One chunk of batch lines as answer lines, logged as one group when recorded and there is an audit log. */
    private byte[] render(List<String> lines, long first, ProfileReader reader, RecommendationCache memo, RuleBase ruleBase,
            boolean explain, boolean record) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream(lines.size() * 600);
        boolean logged = record && audit != null;
        List<AuditLog.Decision> decisions = logged ? new ArrayList<>(lines.size()) : List.of();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            long number = first + i;
            if (line.isBlank()) {
                continue;
            }
            Client client;
            try {
                client = reader.readJson(line, "line.json");
            } catch (InputException e) {
                text.write(problemLine(Problem.badInput(at(e, number)).atLine(number)));
                continue;
            }
            if (client.id() == null) {
                client = client.withId("record-" + number);
            }
            Client c = client;
            Recommendation r;
            try {
                r = record ? evaluate(() -> memo.evaluate(c, explain)) : memo.evaluate(c, explain);
            } catch (EvaluationFailedException e) {
                text.write(problemLine(Problem.unavailable(e.getMessage()).atLine(number)));
                continue;
            }
            LINE.writeValue(text, r);
            text.write('\n');
            if (logged) {
                decisions.add(new AuditLog.Decision(r, client, ruleBase));
            }
        }
        log(decisions);
        return text.toByteArray();
    }

    /** "line 3:1:12" reads better as "line 3, column 12" inside a batch. */
    private static InputException at(InputException e, long number) {
        Position p = e.position();
        String rest = e.getMessage().substring(p.toString().length() + 2);
        return new InputException(new Position("line " + number + (p.column() > 0 ? ", column " + p.column() : ""), 0, 0), rest);
    }

    private static byte[] problemLine(Problem p) throws IOException {
        return (PROBLEM_LINE.writeValueAsString(p) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        stopWarmUp();
        rules.close();
        workers.shutdownNow();
        if (audit != null) {
            audit.close();
        }
    }

    /** The first rules failed their check: the service cannot start. */
    public static final class RulesRefusedException extends RuntimeException {
        private final transient CheckReport report;

        RulesRefusedException(List<String> reasons, CheckReport report) {
            super(String.join("\n", reasons));
            this.report = report;
        }

        public CheckReport report() {
            return report;
        }
    }
}
