package org.massageadvisor.engine;

import java.util.ArrayList;
import java.util.List;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.massageadvisor.client.Client;
import org.massageadvisor.facts.MassageType;
import org.massageadvisor.recommendation.Recommendation;

/**
 * Evaluates many clients, one after the other, for bulk work such as verifying the whole input
 * space: sessions come from a Drools {@link KieSessionsPool}, which resets a disposed session for
 * reuse (cheaper than a new session, or than deleting every fact: docs/performance.md). Gives the same recommendation as
 * {@link Evaluator#evaluate(Client, boolean)}. One thread only; close it when done.
 */
public final class ReusableSession implements AutoCloseable {

    private final Evaluator evaluator;
    private final KieSessionsPool pool;

    public ReusableSession(Evaluator evaluator) {
        this.evaluator = evaluator;
        this.pool = evaluator.ruleBase().kieBase().newKieSessionsPool(1);
    }

    public Recommendation evaluate(Client client) {
        return evaluateWithConclusions(client).recommendation();
    }

    /** The recommendation (without explanation) and every conclusion with the rule that drew it. */
    public Evaluation evaluateWithConclusions(Client client) {
        FiringRecorder recorder = new FiringRecorder(null);
        KieSession session = pool.newKieSession();
        try {
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            session.insert(client);
            session.insert(new MassageType(client.massageType(), evaluator.ruleBase().vocabulary().isIntense(client.massageType())));
            int fired = session.fireAllRules(Evaluator.MAX_FIRINGS);
            if (fired >= Evaluator.MAX_FIRINGS) {
                throw new RuleLoopException(Evaluator.loopMessage(recorder));
            }
        } finally {
            session.removeEventListener((AgendaEventListener) recorder);
            session.removeEventListener((RuleRuntimeEventListener) recorder);
            session.dispose();
        }
        Recommendation r = evaluator.assemble(client, recorder, false);
        List<Conclusion> conclusions = new ArrayList<>();
        for (FiringRecorder.Inserted i : recorder.conclusions()) {
            conclusions.add(new Conclusion(recorder.firings().get(i.firing()).rule(), i.fact()));
        }
        return new Evaluation(r, conclusions);
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
