package org.massageadvisor.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.recommendation.Recommendation;

/**
 * The cost of {@code --audit}, measured through the {@link AuditLog} API (not a test; see docs/audit.md):
 *
 * <pre>
 * java -cp target/advisor.jar org.massageadvisor.audit.AuditBenchmark bench [RECORDS] [GROUP] [ROUNDS] [RULES] [WORKDIR]
 * java -cp target/advisor.jar org.massageadvisor.audit.AuditBenchmark append RECORDS LOG [RULES]
 * </pre>
 *
 * {@code bench} times, per round, RECORDS evaluations of a fixed mix of eight profiles three ways:
 * without a log, with {@link AuditLog#append} per record (lock, write, force to disk each time) and
 * with {@link AuditLog#appendAll} per GROUP records (one lock and one force per group), and prints
 * the median records/s of the rounds. {@code append} just appends RECORDS decisions to LOG (used by
 * the two-process test).
 */
public final class AuditBenchmark {

    /** The size of the last log written (logs are deleted once timed: 100,000 lines take about 250 MB). */
    private static long logBytes;

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("append")) {
            append(Integer.parseInt(args[1]), Path.of(args[2]), Path.of(args.length > 3 ? args[3] : "rules-drl"));
            return;
        }
        if (args.length >= 3 && args[0].equals("writer")) {
            writer(Integer.parseInt(args[1]), args[2], Path.of(args.length > 3 ? args[3] : "rules-drl"));
            return;
        }
        if (args.length >= 3 && args[0].equals("compare")) {
            compare(Integer.parseInt(args[1]), args[2], args.length > 3 ? Integer.parseInt(args[3]) : 1000,
                    Path.of(args.length > 4 ? args[4] : "rules-drl"), args.length > 5 ? Path.of(args[5]) : Files.createTempDirectory("audit-compare"));
            return;
        }
        if (args.length < 1 || !args[0].equals("bench")) {
            System.err.println("usage: AuditBenchmark bench [RECORDS] [GROUP] [ROUNDS] [RULES] [WORKDIR] | append RECORDS LOG [RULES]");
            System.exit(2);
        }
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int group = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Evaluator evaluator = new Evaluator(RuleBase.load(Path.of(args.length > 4 ? args[4] : "rules-drl")));
        Path work = args.length > 5 ? Path.of(args[5]) : Files.createTempDirectory("audit-bench");
        List<Client> clients = clients();
        // Warm-up: let the JIT compile the evaluation and logging paths.
        run(evaluator, clients, Math.min(records, 20_000), 0, work.resolve("warmup.jsonl"));
        double[][] rates = new double[3][rounds];
        for (int r = 0; r < rounds; r++) {
            rates[0][r] = run(evaluator, clients, records, -1, null);
            rates[1][r] = run(evaluator, clients, records, 0, work.resolve("per-record-" + r + ".jsonl"));
            rates[2][r] = run(evaluator, clients, records, group, work.resolve("grouped-" + r + ".jsonl"));
            System.out.printf(Locale.ROOT, "round %d: no log %.0f/s, append+force per record %.0f/s, appendAll per %d %.0f/s%n",
                    r + 1, rates[0][r], rates[1][r], group, rates[2][r]);
        }
        System.out.printf(Locale.ROOT, "median of %d rounds of %d records: no log %.0f records/s; --audit per record %.0f records/s (%.1f%%);"
                + " grouped by %d %.0f records/s (%.1f%%)%n", rounds, records, median(rates[0]), median(rates[1]),
                100 * median(rates[1]) / median(rates[0]), group, median(rates[2]), 100 * median(rates[2]) / median(rates[0]));
        System.out.printf(Locale.ROOT, "log size: %d bytes for %d records (%d bytes a line)%n", logBytes, records, logBytes / records);
    }

    /** Records/s of evaluating {@code records} clients; group -1: no log, 0: append each, n: appendAll per n. */
    private static double run(Evaluator evaluator, List<Client> clients, int records, int group, Path log) throws IOException {
        if (log != null) {
            Files.deleteIfExists(log);
        }
        long start = System.nanoTime();
        AuditLog audit = log == null ? null : AuditLog.open(log);
        try {
            List<AuditLog.Decision> pending = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                Client c = clients.get(i % clients.size()).withId("bench-" + i);
                Recommendation r = evaluator.evaluate(c, false);
                if (group == 0) {
                    audit.append(r, c, evaluator.ruleBase());
                } else if (group > 0) {
                    pending.add(new AuditLog.Decision(r, c, evaluator.ruleBase()));
                    if (pending.size() == group) {
                        audit.appendAll(pending);
                        pending.clear();
                    }
                }
            }
            if (audit != null) {
                audit.appendAll(pending);
            }
        } finally {
            if (audit != null) {
                audit.close();
            }
        }
        double rate = records / ((System.nanoTime() - start) / 1e9);
        if (log != null) {
            if (!AuditVerifier.verify(log).intact()) {
                throw new IllegalStateException("the benchmark log does not verify: " + AuditVerifier.verify(log));
            }
            logBytes = Files.size(log);
            Files.delete(log);
        }
        return rate;
    }

    private static void append(int records, Path log, Path rules) {
        Evaluator evaluator = new Evaluator(RuleBase.load(rules));
        List<Client> clients = clients();
        try (AuditLog audit = AuditLog.open(log)) {
            for (int i = 0; i < records; i++) {
                Client c = clients.get(i % clients.size()).withId("p" + ProcessHandle.current().pid() + "-" + i);
                audit.append(evaluator.evaluate(c, false), c, evaluator.ruleBase());
            }
        }
    }

    /**
     * One writer of the fault tests: RECORDS decisions to LOG (a file or a postgresql:// URL), one
     * append each. After each append returns it prints {@code ack SEQ DECISION}; when an append fails
     * it prints {@code fail MILLIS MESSAGE} and goes on with the next record.
     */
    private static void writer(int records, String spec, Path rules) {
        Evaluator evaluator = new Evaluator(RuleBase.load(rules));
        List<Client> clients = clients();
        PrintStream out = System.out;
        try (DecisionLog log = DecisionLogs.open(spec)) {
            out.println("ready");
            out.flush();
            for (int i = 0; i < records; i++) {
                Client c = clients.get(i % clients.size()).withId("p" + ProcessHandle.current().pid() + "-" + i);
                Recommendation r = evaluator.evaluate(c, false);
                long start = System.nanoTime();
                try {
                    AuditLog.Entry e = log.append(r, c, evaluator.ruleBase());
                    out.println("ack " + e.seq() + " " + e.decision());
                } catch (LogUnavailableException e) {
                    out.println("fail " + (System.nanoTime() - start) / 1_000_000 + " " + e.getMessage());
                }
                out.flush();
            }
        }
    }

    /**
     * Decisions/s of the same load logged five ways, each into a fresh log: the file log and the
     * database log (URL) with one append per decision from one writer and from two writers at once
     * (two threads, each with its own log instance, as two service instances), and both with group
     * commits of GROUP decisions (as {@code batch --audit}).
     */
    private static void compare(int records, String url, int group, Path rules, Path work) throws Exception {
        Evaluator evaluator = new Evaluator(RuleBase.load(rules));
        List<Client> clients = clients();
        System.out.printf(Locale.ROOT, "load average before: %s", Files.readString(Path.of("/proc/loadavg")));
        Path fileLog = work.resolve("file");
        String[] names = {"file log, 1 writer, append each", "file log, 2 writers, append each", "PostgreSQL, 1 writer, append each",
            "PostgreSQL, 2 writers, append each", "file log, appendAll per " + group, "PostgreSQL, appendAll per " + group};
        // Warm-up: the JIT, the pool, the schema.
        timed(evaluator, clients, Math.min(records, 500), 1, 0, () -> DecisionLogs.open(fileLog.resolve("warm.jsonl").toString()));
        timed(evaluator, clients, Math.min(records, 500), 1, 0, () -> DecisionLogs.open(url + "?schema=bench_warm"));
        for (int i = 0; i < names.length; i++) {
            String name = "bench_" + Long.toHexString(System.nanoTime());
            int run = i;
            boolean database = run == 2 || run == 3 || run == 5;
            java.util.function.Supplier<DecisionLog> open = database ? () -> DecisionLogs.open(url + "?schema=" + name)
                    : () -> DecisionLogs.open(fileLog.resolve(name + ".jsonl").toString());
            double rate = timed(evaluator, clients, records, run == 1 || run == 3 ? 2 : 1, run >= 4 ? group : 0, open);
            System.out.printf(Locale.ROOT, "%-40s %8.0f decisions/s (%d decisions)%n", names[i], rate, records);
        }
        System.out.printf(Locale.ROOT, "load average after: %s", Files.readString(Path.of("/proc/loadavg")));
    }

    /** Decisions/s of {@code records} evaluations appended by {@code writers} threads (each its own log instance); verifies the log after. */
    private static double timed(Evaluator evaluator, List<Client> clients, int records, int writers, int group,
            java.util.function.Supplier<DecisionLog> open) throws Exception {
        List<DecisionLog> logs = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            logs.add(open.get());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                DecisionLog log = logs.get(w);
                int first = w;
                done.add(pool.submit(() -> {
                    List<AuditLog.Decision> pending = new ArrayList<>();
                    for (int i = first; i < records; i += writers) {
                        Client c = clients.get(i % clients.size()).withId("bench-" + i);
                        Recommendation r = evaluator.evaluate(c, false);
                        if (group == 0) {
                            log.append(r, c, evaluator.ruleBase());
                        } else {
                            pending.add(new AuditLog.Decision(r, c, evaluator.ruleBase()));
                            if (pending.size() == group) {
                                log.appendAll(pending);
                                pending.clear();
                            }
                        }
                    }
                    log.appendAll(pending);
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double rate = records / ((System.nanoTime() - start) / 1e9);
        AuditVerifier.Result result = AuditVerifier.verify(logs.get(0));
        if (!result.intact() || result.lines() != records) {
            throw new IllegalStateException("the benchmark log does not verify: " + result);
        }
        // The logs are large (about 2.5 KB a decision): drop each once timed and verified.
        if (logs.get(0) instanceof PostgresDecisionLog db) {
            try (java.sql.Connection c = db.connection(); java.sql.Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + db.url().schema() + " CASCADE");
            }
        } else {
            Files.deleteIfExists(Path.of(logs.get(0).name()));
        }
        for (DecisionLog log : logs) {
            log.close();
        }
        return rate;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** A mix that reaches every phase: base ranges, adjustments, floors, warnings and referrals. */
    private static List<Client> clients() {
        return List.of(
                new Client(null, "CHRONIC_PAIN", "DEEP_TISSUE", List.of("SORE"), List.of("HERNIATED_DISC"), "SEDENTARY", false, false, 0, null),
                new Client(null, "RELAXATION", "SWEDISH", List.of(), List.of(), "MODERATE", false, false, 0, null),
                new Client(null, "MAINTENANCE", "RELAXATION", List.of(), List.of(), "ATHLETE", false, true, 0, null),
                new Client(null, "CHRONIC_PAIN", "TRIGGER_POINT", List.of("FATIGUED"), List.of(), "PHYSICAL_JOB", false, false, 6, "IMPROVING"),
                new Client(null, "INJURY_RECOVERY", "SPORTS", List.of(), List.of(), "ATHLETE", true, true, 2, null),
                new Client(null, "INJURY_RECOVERY", "DEEP_TISSUE", List.of("SORE"), List.of(), "SEDENTARY", false, false, 0, null),
                new Client(null, "RELAXATION", "DEEP_TISSUE", List.of("SORE", "FATIGUED"), List.of("OSTEOPOROSIS"), "SEDENTARY", false, false, 0, null),
                new Client(null, "MAINTENANCE", "SWEDISH", List.of(), List.of("NERVE_ISSUE"), "MODERATE", false, true, 0, "WORSENING"));
    }
}
