package org.massageadvisor.engine;

import java.util.ArrayList;
import java.util.List;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.massageadvisor.client.Client;
import org.massageadvisor.facts.MassageType;
import org.massageadvisor.recommendation.Recommendation;

/**
 * One KieSession evaluating many clients, one after the other, for bulk work such as verifying the
 * whole input space: clearing a session costs about half of making a new one. Gives the same
 * recommendation as {@link Evaluator#evaluate(Client, boolean)}. One thread only; close it when done.
 */
public final class ReusableSession implements AutoCloseable {

    private final Evaluator evaluator;
    private KieSession session;

    public ReusableSession(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    public Recommendation evaluate(Client client) {
        return evaluateWithConclusions(client).recommendation();
    }

    /** The recommendation (without explanation) and every conclusion with the rule that drew it. */
    public Evaluation evaluateWithConclusions(Client client) {
        if (session == null) {
            session = evaluator.ruleBase().kieBase().newKieSession();
        }
        FiringRecorder recorder = new FiringRecorder(null);
        session.addEventListener((AgendaEventListener) recorder);
        session.addEventListener((RuleRuntimeEventListener) recorder);
        try {
            session.insert(client);
            session.insert(new MassageType(client.massageType(), evaluator.ruleBase().vocabulary().isIntense(client.massageType())));
            int fired = session.fireAllRules(Evaluator.MAX_FIRINGS);
            if (fired >= Evaluator.MAX_FIRINGS) {
                discard();
                throw new RuleLoopException(Evaluator.loopMessage(recorder));
            }
        } finally {
            if (session != null) {
                session.removeEventListener((AgendaEventListener) recorder);
                session.removeEventListener((RuleRuntimeEventListener) recorder);
            }
        }
        Recommendation r = evaluator.assemble(client, recorder, false);
        List<Conclusion> conclusions = new ArrayList<>();
        for (FiringRecorder.Inserted i : recorder.conclusions()) {
            conclusions.add(new Conclusion(recorder.firings().get(i.firing()).rule(), i.fact()));
        }
        clear();
        return new Evaluation(r, conclusions);
    }

    /** Empties working memory; a session that does not come back empty (a rule reacting to absence) is replaced. */
    private void clear() {
        for (FactHandle h : new ArrayList<FactHandle>(session.getFactHandles())) {
            if (session.getObject(h) != null) {
                session.delete(h);
            }
        }
        session.fireAllRules(Evaluator.MAX_FIRINGS);
        if (session.getFactCount() != 0) {
            discard();
        }
    }

    private void discard() {
        session.dispose();
        session = null;
    }

    @Override
    public void close() {
        if (session != null) {
            discard();
        }
    }
}
