package org.massageadvisor.engine;

import org.drools.core.impl.RuleBaseFactory;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;

/**
 * Loads and initialises the rule engine's own classes on a background thread, while the main thread
 * parses the command line and reads the profile: on two cores the two overlap, where one after the
 * other they were most of a one-client run. It builds an empty rule base and one session on it and
 * throws both away, touching nothing of the program's state; a failure here only means the classes
 * are loaded later, by the thread that needs them, as before.
 */
public final class EngineWarmUp {

    private EngineWarmUp() {
    }

    /** Starts the warm-up; returns at once. */
    public static void start() {
        Thread t = new Thread(EngineWarmUp::run, "engine-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            InternalKnowledgeBase empty = KnowledgeBaseFactory.newKnowledgeBase(
                    RuleBaseFactory.newKnowledgeBaseConfiguration(null, EngineWarmUp.class.getClassLoader()));
            empty.newKieSession().dispose();
        } catch (RuntimeException | LinkageError e) {
            // Nothing is lost: whoever needs these classes loads them.
        }
    }
}
