package org.massageadvisor.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Conclusion;
import org.massageadvisor.engine.Evaluation;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleLoopException;
import org.massageadvisor.facts.BaseRange;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;

/**
 * Evaluates every profile of an {@link InputSpace} against the rule base, in parallel (one reused
 * session per thread, no explanations), and finds: violated invariants, gaps (no base range and no
 * referral) and conflicts (two rules giving different base ranges to the same client). For each it
 * keeps the smallest example profile, by {@link InputSpace#complexity} and then by index.
 */
public final class Verifier {

    /** An example profile, the rules that fired for it (in order) and what went wrong, one line each. */
    public record Example(Client profile, List<String> firedRules, List<String> details) {
    }

    public record Violation(Invariant invariant, long count, Example smallest) {
    }

    public record Conflict(String ruleA, String effectA, String ruleB, String effectB, long count, Example smallest) {
    }

    /** Profiles the rules could not evaluate (a rule loop), or that no rule gave an interval nor referred. */
    public record Trouble(long count, Example smallest) {
    }

    public record Result(long profiles, long millis, int threads, Map<String, Integer> dimensions,
            List<Violation> violations, Trouble gaps, List<Conflict> conflicts, Trouble errors) {
    }

    private static final int CHUNK = 2048;

    private final RuleBase ruleBase;
    private final List<Invariant> invariants;
    private final InputSpace space;
    private final int threads;
    private int[] minDays;

    public Verifier(RuleBase ruleBase, List<Invariant> invariants, InputSpace space, int threads) {
        this.ruleBase = ruleBase;
        this.invariants = List.copyOf(invariants);
        this.space = space;
        this.threads = Math.max(1, threads);
    }

    public Result run() {
        long start = System.nanoTime();
        boolean relational = invariants.stream().anyMatch(Invariant::longerThanWithoutBodyResponse);
        // minDays per profile (-1: no interval), kept only when an invariant compares profiles.
        minDays = relational ? new int[Math.toIntExact(space.size())] : null;
        Evaluator evaluator = new Evaluator(ruleBase);
        AtomicLong next = new AtomicLong();
        List<Tally> tallies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "verify");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Tally>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> work(evaluator, next)));
            }
            for (Future<Tally> f : futures) {
                tallies.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("verification interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Tally all = new Tally(invariants.size());
        tallies.forEach(all::merge);
        if (relational) {
            compare(all);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < invariants.size(); i++) {
            if (all.violations[i] > 0) {
                violations.add(new Violation(invariants.get(i), all.violations[i], all.invariantBest[i].example()));
            }
        }
        List<Conflict> conflicts = new ArrayList<>();
        all.conflicts.forEach((key, c) -> conflicts.add(new Conflict(c.ruleA, c.effectA, c.ruleB, c.effectB, c.count, c.best.example())));
        return new Result(space.size(), millis, threads, space.dimensions(), violations,
                all.gaps == 0 ? null : new Trouble(all.gaps, all.gapBest.example()), conflicts,
                all.errors == 0 ? null : new Trouble(all.errors, all.errorBest.example()));
    }

    private Tally work(Evaluator evaluator, AtomicLong next) {
        Tally tally = new Tally(invariants.size());
        long from;
        while ((from = next.getAndAdd(CHUNK)) < space.size()) {
            long to = Math.min(space.size(), from + CHUNK);
            for (long index = from; index < to; index++) {
                check(evaluator, index, tally);
            }
        }
        return tally;
    }

    private void check(Evaluator evaluator, long index, Tally tally) {
        Client client = space.get(index);
        Evaluation evaluation;
        try {
            evaluation = evaluator.evaluateWithConclusions(client);
        } catch (RuntimeException e) {
            // A rule loop, or a rule whose consequence throws: the profile cannot be evaluated.
            String why = e instanceof RuleLoopException ? e.getMessage() : "a rule failed: " + e;
            tally.errors++;
            tally.errorBest = Best.better(tally.errorBest, client, index, () -> List.of(), () -> List.of(why));
            return;
        }
        Recommendation r = evaluation.recommendation();
        if (minDays != null) {
            minDays[(int) index] = r.interval() == null ? -1 : r.interval().minDays();
        }
        for (int i = 0; i < invariants.size(); i++) {
            Invariant inv = invariants.get(i);
            if (inv.applies(client)) {
                List<String> failures = inv.violations(r);
                if (!failures.isEmpty()) {
                    tally.violations[i]++;
                    tally.invariantBest[i] = Best.better(tally.invariantBest[i], client, index, r::firedRules, () -> failures);
                }
            }
        }
        if (r.warnings().stream().map(IssuedWarning::code).anyMatch(Evaluator.NO_INTERVAL::equals)) {
            tally.gaps++;
            tally.gapBest = Best.better(tally.gapBest, client, index, r::firedRules,
                    () -> List.of("no rule gave a base range and none referred the client"));
        }
        conflicts(evaluation, client, index, r, tally);
    }

    /** The relational invariants: each profile with a body response against the same profile without one. */
    private void compare(Tally tally) {
        for (long index = 0; index < space.size(); index++) {
            Client client = null;
            long plain = space.withoutBodyResponse(index);
            int with = minDays[(int) index];
            int without = minDays[(int) plain];
            if (plain == index || with < 0 || without < 0) {
                continue;
            }
            for (int i = 0; i < invariants.size(); i++) {
                Invariant inv = invariants.get(i);
                if (!inv.longerThanWithoutBodyResponse()) {
                    continue;
                }
                client = client == null ? space.get(index) : client;
                if (inv.applies(client) && with <= without) {
                    tally.violations[i]++;
                    Client c = client;
                    tally.invariantBest[i] = Best.better(tally.invariantBest[i], client, index, List::of,
                            () -> List.of("minDays " + with + " is not longer than " + without + " for the same client without "
                                    + c.bodyResponse()));
                }
            }
        }
    }

    private static void conflicts(Evaluation evaluation, Client client, long index, Recommendation r, Tally tally) {
        Map<String, BaseRange> ranges = null;
        for (Conclusion c : evaluation.conclusions()) {
            if (c.fact() instanceof BaseRange b) {
                if (ranges == null) {
                    ranges = new TreeMap<>();
                }
                ranges.putIfAbsent(c.rule(), b);
            }
        }
        if (ranges == null || ranges.size() < 2) {
            return;
        }
        List<Map.Entry<String, BaseRange>> list = new ArrayList<>(ranges.entrySet());
        for (int a = 0; a < list.size(); a++) {
            for (int b = a + 1; b < list.size(); b++) {
                BaseRange ra = list.get(a).getValue();
                BaseRange rb = list.get(b).getValue();
                if (ra.equals(rb)) {
                    continue;
                }
                String key = list.get(a).getKey() + "\u0000" + list.get(b).getKey();
                ConflictTally ct = tally.conflicts.computeIfAbsent(key, k -> new ConflictTally());
                ct.ruleA = list.get(a).getKey();
                ct.effectA = "base range " + ra.minDays() + "-" + ra.maxDays() + " days";
                ct.ruleB = list.get(b).getKey();
                ct.effectB = "base range " + rb.minDays() + "-" + rb.maxDays() + " days";
                ct.count++;
                String detail = "both fire: \"" + ct.ruleA + "\" gives " + ct.effectA + ", \"" + ct.ruleB + "\" gives " + ct.effectB;
                ct.best = Best.better(ct.best, client, index, r::firedRules, () -> List.of(detail));
            }
        }
    }

    /** The smallest example so far; the lists are computed only when it wins. */
    private record Best(int complexity, long index, Client client, List<String> fired, List<String> details) {

        static Best better(Best current, Client client, long index, java.util.function.Supplier<List<String>> fired,
                java.util.function.Supplier<List<String>> details) {
            int complexity = InputSpace.complexity(client);
            if (current == null || complexity < current.complexity
                    || (complexity == current.complexity && index < current.index)) {
                return new Best(complexity, index, client, List.copyOf(fired.get()), List.copyOf(details.get()));
            }
            return current;
        }

        static Best min(Best a, Best b) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            return b.complexity < a.complexity || (b.complexity == a.complexity && b.index < a.index) ? b : a;
        }

        Example example() {
            return new Example(client, fired, details);
        }
    }

    private static final class ConflictTally {
        String ruleA;
        String effectA;
        String ruleB;
        String effectB;
        long count;
        Best best;
    }

    /** One thread's findings, merged at the end. */
    private static final class Tally {
        final long[] violations;
        final Best[] invariantBest;
        long gaps;
        Best gapBest;
        long errors;
        Best errorBest;
        final Map<String, ConflictTally> conflicts = new TreeMap<>();

        Tally(int invariants) {
            violations = new long[invariants];
            invariantBest = new Best[invariants];
        }

        void merge(Tally other) {
            for (int i = 0; i < violations.length; i++) {
                violations[i] += other.violations[i];
                invariantBest[i] = Best.min(invariantBest[i], other.invariantBest[i]);
            }
            gaps += other.gaps;
            gapBest = Best.min(gapBest, other.gapBest);
            errors += other.errors;
            errorBest = Best.min(errorBest, other.errorBest);
            other.conflicts.forEach((key, c) -> conflicts.merge(key, c, (x, y) -> {
                x.count += y.count;
                x.best = Best.min(x.best, y.best);
                return x;
            }));
        }
    }
}
