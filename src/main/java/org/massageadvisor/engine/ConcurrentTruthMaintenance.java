package org.massageadvisor.engine;

import java.util.concurrent.ConcurrentHashMap;
import org.drools.core.common.InternalWorkingMemoryEntryPoint;
import org.drools.core.common.TruthMaintenanceSystem;
import org.drools.tms.TruthMaintenanceSystemFactoryImpl;
import org.drools.tms.TruthMaintenanceSystemImpl;
import org.kie.api.KieBase;

/**
 * Drools' truth-maintenance factory keeps every session's truth-maintenance system in one
 * JVM-wide synchronised map, looked up on every {@code insertLogical} and cleared on every session
 * reset: with several threads evaluating at once, they queue on that one lock (JFR showed it as the
 * only contended monitor of a two-thread run). This is the same factory with a concurrent map;
 * registered as a service with a higher priority, Drools picks it instead of its own.
 */
public final class ConcurrentTruthMaintenance extends TruthMaintenanceSystemFactoryImpl {

    /** Keyed by identity: entry points do not override equals. */
    private final ConcurrentHashMap<InternalWorkingMemoryEntryPoint, TruthMaintenanceSystem> systems = new ConcurrentHashMap<>();

    @Override
    public TruthMaintenanceSystem getOrCreateTruthMaintenanceSystem(InternalWorkingMemoryEntryPoint entryPoint) {
        TruthMaintenanceSystem tms = systems.get(entryPoint);
        return tms != null ? tms : systems.computeIfAbsent(entryPoint, TruthMaintenanceSystemImpl::new);
    }

    @Override
    public void clearTruthMaintenanceSystem(InternalWorkingMemoryEntryPoint entryPoint) {
        systems.remove(entryPoint);
    }

    @Override
    public int getEntryPointsMapSize() {
        return systems.size();
    }

    /** How many truth-maintenance systems belong to sessions of this KieBase (the registry itself is JVM-wide). */
    long systemsOf(KieBase kieBase) {
        return systems.keySet().stream().filter(entryPoint -> entryPoint.getKnowledgeBase() == kieBase).count();
    }

    @Override
    public void clearEntryPointsMap() {
        systems.clear();
    }

    @Override
    public int servicePriority() {
        return 10;
    }
}
