package org.massageadvisor.audit;

import java.io.IOException;
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

    public static void main(String[] args) throws IOException {
        if (args.length >= 1 && args[0].equals("append")) {
            append(Integer.parseInt(args[1]), Path.of(args[2]), Path.of(args.length > 3 ? args[3] : "rules-drl"));
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
