package org.massageadvisor.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.kie.api.runtime.KieSession;
import org.massageadvisor.client.Client;
import org.massageadvisor.facts.Adjustment;
import org.massageadvisor.facts.BaseRange;
import org.massageadvisor.facts.Conclusions;
import org.massageadvisor.facts.Floor;
import org.massageadvisor.facts.MassageType;
import org.massageadvisor.facts.RecoveryMargin;
import org.massageadvisor.facts.Referral;
import org.massageadvisor.facts.Tip;
import org.massageadvisor.facts.Warning;
import org.massageadvisor.recommendation.Firing;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.IssuedTip;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Span;
import org.massageadvisor.recommendation.Status;
import org.massageadvisor.recommendation.Window;

/**
 * The evaluation API: one client profile in, one {@link Recommendation} out. Thread-safe: each call
 * borrows a session from a {@link SessionPool} on the shared {@link RuleBase} and hands it back with
 * its working memory emptied, so a session is never shared between two calls at once and building
 * one is paid once per thread, not once per client. {@link #evaluateInFreshSession} keeps the plain
 * one-session-per-call path that the reuse is tested against.
 *
 * <p>Rules record their conclusions in a per-evaluation collector, the DRL global {@code conclusions}
 * (they never enter working memory); this class folds them into the interval in four fixed phases:
 * the base range, then the sum of all adjustments, then every floor (so a floor always wins), then
 * the recovery margin (so recovery lengthens the wait even where a floor set it). Inside a phase the
 * operations commute, so the order rules fire in cannot change the result. Warnings are reported
 * most severe first. The effect strings, matched facts and firing records of the explanation are
 * built only when one is asked for.
 *
 * <p>Every evaluation runs under a deadline ({@link Deadlines}: 1 s unless configured): past it the
 * session is halted and the evaluating thread interrupted, and {@link RuleDeadlineException} names
 * the rule that was firing. A consequence that throws becomes a {@link RuleFailureException} naming
 * its rule.
 */
public final class Evaluator {

    /** More firings than this for one client means a rule keeps re-triggering. */
    static final int MAX_FIRINGS = 10_000;
    /**
     * Unless a deadline was set explicitly, the deadline of the evaluations that run before any has
     * completed: the first one also loads and links the engine's and the rules' classes, which on a
     * loaded machine can take seconds.
     */
    static final Duration COLD_DEADLINE = Duration.ofSeconds(60);
    /** Raised when no rule gives a base range and none refers the client (a gap in the rules). */
    public static final String NO_INTERVAL = "NO_INTERVAL";

    /** Disposes the idle sessions of evaluators nobody holds any more (a reload replaced them, a replay is done). */
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    private final RuleBase ruleBase;
    /** Reused sessions; keeps as many idle as there are threads evaluating at once, up to a bound. */
    private final SessionPool sessions;
    private final Duration deadline;
    private final int maxFirings;
    /** True once an evaluation has completed (the classes are loaded and linked), or when there is no cold grace. */
    private volatile boolean warm;

    /**
     * An evaluator with the configured deadline ({@link Deadlines#configured()}). When none is configured,
     * the evaluations before the first has completed get {@link #COLD_DEADLINE} instead of the default.
     */
    public Evaluator(RuleBase ruleBase) {
        this(ruleBase, Deadlines.configured(), !Deadlines.isConfigured(), MAX_FIRINGS);
    }

    /** An evaluator with exactly this deadline, the first evaluation included. */
    public Evaluator(RuleBase ruleBase, Duration deadline) {
        this(ruleBase, deadline, false, MAX_FIRINGS);
    }

    /** With another firing limit: tests use it to let a loop run into the deadline. */
    Evaluator(RuleBase ruleBase, Duration deadline, int maxFirings) {
        this(ruleBase, deadline, false, maxFirings);
    }

    private Evaluator(RuleBase ruleBase, Duration deadline, boolean coldGrace, int maxFirings) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the deadline must be positive: " + deadline);
        }
        this.ruleBase = ruleBase;
        this.sessions = new SessionPool(ruleBase.kieBase(), ruleBase.hasCollector(), 4 * Runtime.getRuntime().availableProcessors());
        SessionPool pool = sessions;
        CLEANER.register(this, pool::close);
        this.deadline = deadline;
        this.maxFirings = maxFirings;
        this.warm = !coldGrace;
    }

    /** The pool of reused sessions (its tests close it the way the cleaner does). */
    SessionPool sessions() {
        return sessions;
    }

    public Duration deadline() {
        return deadline;
    }

    public RuleBase ruleBase() {
        return ruleBase;
    }

    /** Evaluates with the explanation. */
    public Recommendation evaluate(Client client) {
        return evaluate(client, true);
    }

    public Recommendation evaluate(Client client, boolean explain) {
        return evaluate(sessions.borrow(), client, explain);
    }

    /** The same evaluation in a session built for this call alone: the reference the pooled sessions must match. */
    public Recommendation evaluateInFreshSession(Client client, boolean explain) {
        return evaluate(sessions.fresh(), client, explain);
    }

    private Recommendation evaluate(SessionPool.Slot slot, Client client, boolean explain) {
        boolean clean = false;
        try {
            Recommendation recommendation = assemble(client, record(slot, client, explain), explain);
            clean = true;
            return recommendation;
        } finally {
            sessions.release(slot, clean);
        }
    }

    /**
     * The recommendation (without explanation) and every conclusion with the rule that drew it, for
     * tools that reason about the rules themselves (verification, conflict analysis).
     */
    public Evaluation evaluateWithConclusions(Client client) {
        SessionPool.Slot slot = sessions.borrow();
        boolean clean = false;
        try {
            FiringRecorder recorder = record(slot, client, false);
            List<Conclusion> conclusions = new ArrayList<>();
            for (FiringRecorder.Inserted i : recorder.conclusions()) {
                conclusions.add(new Conclusion(recorder.firings().get(i.firing()).rule(), i.fact()));
            }
            Evaluation evaluation = new Evaluation(assemble(client, recorder, false), conclusions);
            clean = true;
            return evaluation;
        } finally {
            sessions.release(slot, clean);
        }
    }

    /** Runs the rules for one client in the slot's session; the caller releases the slot after reading the recorder. */
    private FiringRecorder record(SessionPool.Slot slot, Client client, boolean explain) {
        KieSession session = slot.session;
        FiringRecorder recorder = slot.recorder;
        recorder.start(explain);
        if (explain) {
            slot.listenToWorkingMemory(true);
        }
        RuntimeException failure = null;
        Watchdog.Watch watch = slot.watch;
        boolean overrun;
        try {
            watch.begin(warm || deadline.compareTo(COLD_DEADLINE) >= 0 ? deadline : COLD_DEADLINE);
            run(slot, client, recorder);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            // Before the session goes back to the pool: the watchdog must not halt it after this.
            overrun = watch.finish();
        }
        if (overrun) {
            String firing = watch.firingAtDeadline();
            throw new RuleDeadlineException(watch.limit(), firing, firing == null ? recorder.lastFired() : null, recorder.firings().size());
        }
        if (failure instanceof RuleException) {
            throw failure;
        }
        if (failure instanceof org.kie.api.runtime.rule.ConsequenceException ce) {
            throw new RuleFailureException(ce.getRule() == null ? recorder.firing() : ce.getRule().getName(), rootCause(ce));
        }
        if (failure != null) {
            // Thrown from inside the engine while it matched or fired: a rule's condition or consequence failed.
            throw new RuleFailureException(recorder.firing(), rootCause(failure));
        }
        if (!warm) {
            warm = true;
        }
        return recorder;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private void run(SessionPool.Slot slot, Client client, FiringRecorder recorder) {
        KieSession session = slot.session;
        slot.client = session.insert(client);
        slot.massageType = session.insert(new MassageType(client.massageType(), ruleBase.vocabulary().isIntense(client.massageType())));
        int fired = session.fireAllRules(maxFirings);
        if (fired >= maxFirings) {
            List<String> loop = loop(recorder.firings().stream().map(FiringRecorder.Fired::rule).toList());
            throw new RuleLoopException(loopMessage(loop, fired), loop);
        }
    }

    private static String loopMessage(List<String> loop, int fired) {
        String rules = loop.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(", "));
        return "the rules did not settle after " + fired + " firings: "
                + (loop.size() == 1 ? "rule " + rules + " keeps re-triggering itself"
                        : "rules " + rules + " keep re-triggering each other");
    }

    /**
     * The rules of the cycle a runaway evaluation ended in: the shortest period with which the tail of
     * the firing sequence repeats, in first-firing order. Rules that fired only before the cycle set in
     * (however often) are not blamed.
     */
    static List<String> loop(List<String> fired) {
        int n = fired.size();
        int tail = Math.min(n, 1000);
        for (int period = 1; period <= tail / 3; period++) {
            boolean repeats = true;
            for (int i = n - tail; i < n - period && repeats; i++) {
                repeats = fired.get(i).equals(fired.get(i + period));
            }
            if (repeats) {
                return new ArrayList<>(new java.util.LinkedHashSet<>(fired.subList(n - period, n)));
            }
        }
        // No clean period (the cycle is longer than a few hundred firings): every rule of the last stretch.
        return new ArrayList<>(new java.util.LinkedHashSet<>(fired.subList(n - tail, n)));
    }

    /** Folds what the recorder saw into the recommendation; effect strings only when explaining. */
    private Recommendation assemble(Client client, FiringRecorder recorder, boolean explain) {
        List<FiringRecorder.Fired> firings = recorder.firings();
        // effects.get(i): what the i-th firing did, in words; null when no explanation is asked for.
        List<List<String>> effects = null;
        Span[][] steps = null;
        if (explain) {
            effects = new ArrayList<>(firings.size());
            for (int i = 0; i < firings.size(); i++) {
                effects.add(new ArrayList<>(1));
            }
            steps = new Span[firings.size()][];
        }
        List<FiringRecorder.Inserted> bases = new ArrayList<>();
        List<FiringRecorder.Inserted> adjustments = new ArrayList<>();
        List<FiringRecorder.Inserted> floors = new ArrayList<>();
        List<FiringRecorder.Inserted> recoveries = new ArrayList<>();
        List<IssuedWarning> warnings = new ArrayList<>();
        List<IssuedTip> tips = new ArrayList<>();
        boolean referred = false;
        for (FiringRecorder.Inserted c : recorder.conclusions()) {
            String rule = firings.get(c.firing()).rule();
            List<String> effect = effects == null ? null : effects.get(c.firing());
            Object fact = c.fact();
            if (fact instanceof BaseRange) {
                bases.add(c);
            } else if (fact instanceof Adjustment) {
                adjustments.add(c);
            } else if (fact instanceof Floor) {
                floors.add(c);
            } else if (fact instanceof RecoveryMargin) {
                recoveries.add(c);
            } else if (fact instanceof Referral r) {
                referred = true;
                if (effect != null) {
                    effect.add("refers the client to a professional" + (r.reason() == null ? "" : " (" + r.reason() + ")"));
                }
            } else if (fact instanceof Warning w) {
                boolean fresh = !given(warnings, w);
                if (fresh) {
                    warnings.add(new IssuedWarning(w.code(), w.subject(), w.message(), rule,
                            ruleBase.vocabulary().indicator(w.code(), w.subject())));
                }
                if (effect != null) {
                    effect.add("warning " + w.code() + (w.subject() == null ? "" : " (" + w.subject() + ")") + (fresh ? "" : ", already given"));
                }
            } else if (fact instanceof Tip t) {
                boolean fresh = !given(tips, t);
                if (fresh) {
                    tips.add(new IssuedTip(t.code(), t.message(), rule));
                }
                if (effect != null) {
                    effect.add("tip " + t.code() + (fresh ? "" : ", already given"));
                }
            } else if (effect != null) {
                effect.add((ConclusionTypes.isConclusion(fact) ? "concludes " : "establishes ") + fact.getClass().getSimpleName());
            }
        }
        Interval interval = null;
        Status status = Status.RECOMMENDED;
        if (referred) {
            status = Status.REFER;
        } else if (bases.isEmpty()) {
            status = Status.REFER;
            warnings.add(new IssuedWarning(NO_INTERVAL, null,
                    "No interval can be given for your profile yet; ask your therapist or doctor to set one.", null,
                    ruleBase.vocabulary().indicator(NO_INTERVAL, null)));
        } else {
            interval = fold(bases, adjustments, floors, recoveries, effects, steps);
        }
        // Most severe first, firing order kept within a level: a referral leads with its critical card.
        mostSevereFirst(warnings);
        if (referred && effects != null) {
            for (List<FiringRecorder.Inserted> phase : List.of(bases, adjustments, floors, recoveries)) {
                for (FiringRecorder.Inserted c : phase) {
                    effects.get(c.firing()).add(describe(c.fact()) + " (not used: the client is referred)");
                }
            }
        }
        List<Firing> explanation = null;
        if (explain) {
            explanation = new ArrayList<>(firings.size());
            for (int i = 0; i < firings.size(); i++) {
                FiringRecorder.Fired f = firings.get(i);
                RuleInfo info = ruleBase.rule(f.rule());
                List<String> e = effects.get(i);
                Span[] step = steps[i] == null ? new Span[2] : steps[i];
                explanation.add(new Firing(f.rule(), info.file(), info.line() > 0 ? info.line() : null, info.source(),
                        info.description(), e.isEmpty() ? "no new fact (its conclusion already held)" : String.join("; ", e), f.facts(),
                        step[0], step[1]));
            }
        }
        String[] fired = new String[firings.size()];
        for (int i = 0; i < fired.length; i++) {
            fired[i] = firings.get(i).rule();
        }
        // List.of copies the names once; the recommendation keeps that immutable list as it is.
        return new Recommendation(client.id(), status, interval, Window.after(client.lastMassageDate(), interval), warnings, tips,
                explanation, ruleBase.version(), List.of(fired));
    }

    /** Whether this warning (code and subject) was given already: a scan, as an evaluation gives a handful. */
    private static boolean given(List<IssuedWarning> warnings, Warning w) {
        for (IssuedWarning given : warnings) {
            if (given.code().equals(w.code()) && Objects.equals(given.subject(), w.subject())) {
                return true;
            }
        }
        return false;
    }

    private static boolean given(List<IssuedTip> tips, Tip t) {
        for (IssuedTip given : tips) {
            if (given.code().equals(t.code())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sorts warnings most severe first, keeping firing order within a level. An insertion sort: an
     * evaluation gives a handful of warnings, and a list's general sort costs more than the sorting.
     */
    static void mostSevereFirst(List<IssuedWarning> warnings) {
        for (int i = 1; i < warnings.size(); i++) {
            IssuedWarning w = warnings.get(i);
            int rank = severity(w.indicator());
            int j = i;
            while (j > 0 && severity(warnings.get(j - 1).indicator()) > rank) {
                warnings.set(j, warnings.get(j - 1));
                j--;
            }
            warnings.set(j, w);
        }
    }

    private static int severity(String indicator) {
        int rank = org.massageadvisor.client.Vocabulary.SEVERITY.indexOf(indicator);
        return rank < 0 ? 1 : rank;
    }

    /**
     * Base range, then adjustments, then floors, then recovery. When explaining ({@code effects} not
     * null) each step's effect and the interval before and after it are written against its firing.
     */
    private static Interval fold(List<FiringRecorder.Inserted> bases, List<FiringRecorder.Inserted> adjustments,
            List<FiringRecorder.Inserted> floors, List<FiringRecorder.Inserted> recoveries, List<List<String>> effects, Span[][] steps) {
        FiringRecorder.Inserted chosen = bases.get(0);
        for (FiringRecorder.Inserted b : bases) {
            BaseRange r = (BaseRange) b.fact();
            BaseRange best = (BaseRange) chosen.fact();
            if (r.minDays() > best.minDays() || (r.minDays() == best.minDays() && r.maxDays() > best.maxDays())) {
                chosen = b;
            }
        }
        BaseRange base = (BaseRange) chosen.fact();
        if (effects != null) {
            for (FiringRecorder.Inserted b : bases) {
                effects.get(b.firing()).add(describe(b.fact()) + (b == chosen ? "" : " (not used: " + span(base.minDays(), base.maxDays())
                        + " is more conservative)"));
                if (b == chosen) {
                    steps[b.firing()] = new Span[] {null, new Span(base.minDays(), base.maxDays())};
                }
            }
        }
        int min = base.minDays();
        int max = base.maxDays();
        for (FiringRecorder.Inserted a : adjustments) {
            Adjustment adj = (Adjustment) a.fact();
            String before = effects == null ? null : span(min, max);
            min += adj.minDays();
            max += adj.maxDays();
            if (effects != null) {
                effects.get(a.firing()).add(describe(adj) + ": " + before + " -> " + span(min, max));
                step(steps, a.firing(), min - adj.minDays(), max - adj.maxDays(), min, max);
            }
        }
        for (FiringRecorder.Inserted f : floors) {
            Floor floor = (Floor) f.fact();
            int fromMin = min;
            int fromMax = max;
            min = Math.max(min, floor.minDays());
            max = Math.max(Math.max(max, floor.maxDays()), min);
            if (effects != null) {
                String before = span(fromMin, fromMax);
                String after = span(min, max);
                effects.get(f.firing()).add(describe(floor) + (before.equals(after) ? " (already met)" : ": " + before + " -> " + after));
                step(steps, f.firing(), fromMin, fromMax, min, max);
            }
        }
        // Recovery: the largest margin, after the floors, so it shows even where a floor set minDays.
        FiringRecorder.Inserted margin = null;
        for (FiringRecorder.Inserted r : recoveries) {
            if (margin == null || ((RecoveryMargin) r.fact()).days() > ((RecoveryMargin) margin.fact()).days()) {
                margin = r;
            }
        }
        for (FiringRecorder.Inserted r : recoveries) {
            RecoveryMargin m = (RecoveryMargin) r.fact();
            if (r != margin) {
                if (effects != null) {
                    effects.get(r.firing()).add(describe(m) + " (not used: a larger margin applies)");
                }
                continue;
            }
            int fromMin = min;
            int fromMax = max;
            min += m.days();
            max = Math.max(max, min + 1);
            if (effects != null) {
                effects.get(r.firing()).add(describe(m) + ": " + span(fromMin, fromMax) + " -> " + span(min, max));
                step(steps, r.firing(), fromMin, fromMax, min, max);
            }
        }
        // Only rules edited past their sense get here; the contract bounds still hold.
        int boundedMin = Math.min(Math.max(min, Interval.LOWEST), Interval.HIGHEST);
        int boundedMax = Math.min(Math.max(max, boundedMin), Interval.HIGHEST);
        if ((boundedMin != min || boundedMax != max) && effects != null) {
            FiringRecorder.Inserted last = margin != null ? margin : floors.isEmpty()
                    ? (adjustments.isEmpty() ? chosen : adjustments.get(adjustments.size() - 1)) : floors.get(floors.size() - 1);
            effects.get(last.firing()).add("kept within 1-31 days: " + span(min, max) + " -> " + span(boundedMin, boundedMax));
            step(steps, last.firing(), min, max, boundedMin, boundedMax);
        }
        return new Interval(boundedMin, boundedMax);
    }

    /** The interval before and after a firing's step; a rule with two steps keeps its first before and last after. */
    private static void step(Span[][] steps, int firing, int fromMin, int fromMax, int toMin, int toMax) {
        Span from = steps[firing] == null ? new Span(fromMin, fromMax) : steps[firing][0];
        steps[firing] = new Span[] {from, new Span(toMin, toMax)};
    }

    static String describe(Object conclusion) {
        if (conclusion instanceof BaseRange b) {
            return "base range " + span(b.minDays(), b.maxDays());
        }
        if (conclusion instanceof Adjustment a) {
            return "minDays " + signed(a.minDays()) + ", maxDays " + signed(a.maxDays());
        }
        if (conclusion instanceof Floor f) {
            return "minDays at least " + f.minDays() + ", maxDays at least " + f.maxDays();
        }
        if (conclusion instanceof RecoveryMargin m) {
            return "recovery: minDays +" + m.days() + " after the floors";
        }
        return conclusion.toString();
    }

    private static String signed(int n) {
        return n >= 0 ? "+" + n : Integer.toString(n);
    }

    static String span(int min, int max) {
        return min + "-" + max + " days";
    }
}
