package org.massageadvisor.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.Match;
import org.kie.internal.event.rule.RuleEventListener;
import org.massageadvisor.facts.Conclusions;
import org.massageadvisor.recommendation.MatchedFact;

/**
 * One evaluation's collector: the {@code conclusions} global the rules add to, and the firing listener
 * that knows which rule is firing, so each conclusion is written against the firing that drew it.
 * It hears of firings through Drools' rule event hook ({@link RuleEventListener}: called just before
 * and after each consequence), not as an agenda event listener: with an agenda listener attached,
 * Drools builds an event object for every match created and cancelled as well as fired, and the
 * recorder needs only the firings.
 * When explaining it also listens to working memory for the derived facts rules establish
 * ({@code insertLogical}) and keeps the facts each firing matched ({@link MatchedFact}). Attached to one session for
 * its whole life and reused evaluation after evaluation ({@link #start}, {@link #stop}); used by one
 * thread at a time.
 */
final class FiringRecorder implements Conclusions, RuleEventListener, RuleRuntimeEventListener {

    /** A rule that fired; {@code facts} is null when no explanation was asked for. */
    record Fired(String rule, List<Object> facts) {
    }

    /** A conclusion (or, when explaining, a derived fact) that the {@code firing}-th firing drew. */
    record Inserted(int firing, Object fact) {
    }

    /** Whether an explanation is asked for: derived facts and matched facts are recorded too. */
    private boolean explaining;
    /** False between evaluations: what the session does while it is cleared is not recorded. */
    private boolean recording;
    private final List<Fired> firings = new ArrayList<>();
    private final List<Inserted> inserted = new ArrayList<>();
    private final Set<Object> deleted = Collections.newSetFromMap(new IdentityHashMap<>());
    /**
     * The rule whose consequence is running now, or null between firings. The deadline watchdog reads
     * it from its own thread, only to name the rule in an error: the evaluating thread writes it with
     * opaque stores (a plain move on x86, where a volatile store is a fence, twice a firing).
     */
    private String firing;
    private static final VarHandle FIRING;

    static {
        try {
            FIRING = MethodHandles.lookup().findVarHandle(FiringRecorder.class, "firing", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Begins recording one evaluation, forgetting the last one.
     *
     * @param explaining whether an explanation is asked for
     */
    void start(boolean explaining) {
        this.explaining = explaining;
        firings.clear();
        inserted.clear();
        if (!deleted.isEmpty()) {
            deleted.clear();
        }
        FIRING.setOpaque(this, (String) null);
        recording = true;
    }

    /** Stops recording: the session is being cleared for the next evaluation. */
    void stop() {
        recording = false;
    }

    /** Whether derived facts and matched facts are recorded too (only for an explanation). */
    boolean explaining() {
        return explaining;
    }

    @Override
    public void add(Object conclusion) {
        if (firing == null || !ConclusionTypes.isConclusion(conclusion)) {
            throw new IllegalArgumentException("not a conclusion: " + conclusion
                    + " (conclusions.add takes a Warning, Tip, BaseRange, Adjustment, Floor or Referral)");
        }
        inserted.add(new Inserted(firings.size() - 1, conclusion));
    }

    @Override
    public void onBeforeMatchFire(Match match) {
        List<Object> facts = null;
        if (explaining) {
            facts = new ArrayList<>();
            for (Object o : match.getObjects()) {
                facts.add(new MatchedFact(o));
            }
        }
        String rule = match.getRule().getName();
        firings.add(new Fired(rule, facts));
        FIRING.setOpaque(this, rule);
    }

    @Override
    public void onAfterMatchFire(Match match) {
        FIRING.setOpaque(this, (String) null);
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        // Derived facts are only needed to explain ("establishes ...").
        if (recording && explaining && event.getRule() != null) {
            inserted.add(new Inserted(firings.size() - 1, event.getObject()));
        }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        if (recording && explaining) {
            deleted.add(event.getOldObject());
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // Derived facts are never modified by the allowed consequences; nothing to track.
    }

    List<Fired> firings() {
        return firings;
    }

    /** The rule firing now, or null; safe to call from another thread (the watchdog). */
    String firing() {
        return (String) FIRING.getOpaque(this);
    }

    /** The rule that fired last, or null before the first firing. */
    String lastFired() {
        return firings.isEmpty() ? null : firings.get(firings.size() - 1).rule();
    }

    /**
     * What the rules concluded (and, when explaining, the derived facts still in working memory), in
     * the order they were drawn.
     */
    List<Inserted> conclusions() {
        if (deleted.isEmpty()) {
            return inserted;
        }
        return inserted.stream().filter(i -> !deleted.contains(i.fact())).toList();
    }
}
