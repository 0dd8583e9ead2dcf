package org.massageadvisor.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

/**
 * Records, for one evaluation in one session, which rules fired in which order, the facts each
 * matched (snapshotted when it fired, only when explaining) and the facts each inserted. Used by one
 * session and one thread only.
 */
final class FiringRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    /** A rule that fired; {@code facts} is null when no explanation was asked for. */
    record Fired(String rule, List<Object> facts) {
    }

    /** A fact that the {@code firing}-th firing inserted. */
    record Inserted(int firing, Object fact) {
    }

    private final Function<Object, Object> snapshot;
    private final List<Fired> firings = new ArrayList<>();
    private final List<Inserted> inserted = new ArrayList<>();
    private final Set<Object> deleted = Collections.newSetFromMap(new IdentityHashMap<>());

    /** @param snapshot turns a live fact into a frozen copy; null to skip facts altogether */
    FiringRecorder(Function<Object, Object> snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        List<Object> facts = null;
        if (snapshot != null) {
            facts = new ArrayList<>();
            for (Object o : event.getMatch().getObjects()) {
                facts.add(snapshot.apply(o));
            }
        }
        firings.add(new Fired(event.getMatch().getRule().getName(), facts));
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getRule() != null) {
            inserted.add(new Inserted(firings.size() - 1, event.getObject()));
        }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        deleted.add(event.getOldObject());
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // Facts are immutable records; nothing to track.
    }

    List<Fired> firings() {
        return firings;
    }

    /** The facts rules inserted that are still in working memory, in insertion order. */
    List<Inserted> conclusions() {
        if (deleted.isEmpty()) {
            return inserted;
        }
        return inserted.stream().filter(i -> !deleted.contains(i.fact())).toList();
    }
}
