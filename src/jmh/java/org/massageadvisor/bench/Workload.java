package org.massageadvisor.bench;

import java.nio.file.Path;
import org.massageadvisor.batch.ProfileGenerator;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;

/**
 * What every evaluation benchmark shares, built once per JVM: the project's rule base and evaluator,
 * the plain-Drools reference compiled from the same DRL files, and the generated profiles both run.
 * The rules folder is {@code -Drules=DIR} (default {@code rules-drl}).
 */
final class Workload {

    /** Profiles cycled through; distinct enough that no cache or branch predictor learns them. */
    static final int PROFILES = 20_000;

    private static Workload instance;

    final Path rules;
    final Evaluator evaluator;
    final PlainDroolsReference reference;
    final Client[] clients;

    private Workload(Path rules) {
        this.rules = rules;
        RuleBase ruleBase = RuleBase.load(rules);
        this.evaluator = new Evaluator(ruleBase);
        this.reference = PlainDroolsReference.compile(rules, ruleBase.vocabulary());
        ProfileGenerator generator = new ProfileGenerator(ruleBase.vocabulary(), 7);
        this.clients = new Client[PROFILES];
        for (int i = 0; i < PROFILES; i++) {
            clients[i] = generator.next();
        }
    }

    static synchronized Workload get() {
        if (instance == null) {
            instance = new Workload(Path.of(System.getProperty("rules", "rules-drl")));
        }
        return instance;
    }
}
