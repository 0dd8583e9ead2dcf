package org.massageadvisor.bench;

import java.nio.file.Path;
import java.util.TreeSet;
import org.kie.api.KieBase;
import org.massageadvisor.batch.ProfileGenerator;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;

/**
 * What every evaluation benchmark shares, built once per JVM: the project's rule base and evaluator,
 * the plain-Drools reference compiled from the same DRL files, and the generated profiles both run.
 * The rules folder is {@code -Drules=DIR} (default {@code rules-drl}).
 *
 * <p>It refuses to be built when the reference does not run the same logic: the same number of rules,
 * and the same status, interval, warnings and tips for every profile. (Drools compiles a table only
 * under the extension {@code .drl.csv} and skips a plain {@code .csv} without a word; a reference that
 * lost its tables that way once did far less work than the project and flattered nothing but itself.)
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
        int projectRules = rules(ruleBase.kieBase());
        int referenceRules = rules(reference.kieBase());
        if (projectRules != referenceRules) {
            throw new IllegalStateException("the plain-Drools reference compiled " + referenceRules + " rules, the project "
                    + projectRules + ": they would not run the same logic");
        }
        String differ = disagreement();
        if (differ != null) {
            throw new IllegalStateException("the plain-Drools reference and the project disagree: " + differ);
        }
    }

    private static int rules(KieBase kieBase) {
        return kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
    }

    static synchronized Workload get() {
        if (instance == null) {
            instance = new Workload(Path.of(System.getProperty("rules", "rules-drl")));
        }
        return instance;
    }

    /** How many profiles project and plain Drools answer differently (status, interval, warnings or tips), with the first; null if none. */
    private String disagreement() {
        PlainDroolsReference.Session session = reference.newSession();
        int differ = 0;
        String first = null;
        for (Client c : clients) {
            Recommendation r = evaluator.evaluate(c, false);
            PlainDroolsReference.Result p = session.evaluate(c);
            boolean same = (r.interval() == null) == p.referred()
                    && (r.interval() == null || (r.interval().minDays() == p.minDays() && r.interval().maxDays() == p.maxDays()))
                    && new TreeSet<>(r.warnings().stream().filter(x -> !x.code().equals("NO_INTERVAL")).map(Workload::code).toList())
                            .equals(new TreeSet<>(p.warnings()))
                    && new TreeSet<>(r.tips().stream().map(x -> x.code()).toList()).equals(new TreeSet<>(p.tips()));
            if (!same) {
                differ++;
                if (first == null) {
                    first = c + " -> " + r.interval() + " " + r.warnings().size() + " vs " + p;
                }
            }
        }
        return differ == 0 ? null : differ + " of " + PROFILES + " profiles, the first " + first;
    }

    private static String code(IssuedWarning w) {
        return w.subject() == null ? w.code() : w.code() + "(" + w.subject() + ")";
    }
}
