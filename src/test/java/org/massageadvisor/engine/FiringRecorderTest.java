package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.massageadvisor.TestRules;
import org.massageadvisor.batch.ProfileGenerator;
import org.massageadvisor.client.Client;
import org.massageadvisor.facts.Conclusions;
import org.massageadvisor.facts.MassageType;

/**
 * The recorder hears firings through Drools' rule event hook, not the agenda events: the rules it
 * lists as fired must be exactly those an agenda event listener sees fire, in the same order.
 */
class FiringRecorderTest {

    private final Evaluator evaluator = TestRules.evaluator();

    /** The rules fired for this client, as a plain agenda event listener on a session of its own sees them. */
    private List<String> firedByAgendaEvents(Client client) {
        RuleBase rules = evaluator.ruleBase();
        KieSession session = rules.kieBase().newKieSession();
        try {
            List<String> fired = new ArrayList<>();
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void beforeMatchFired(BeforeMatchFiredEvent event) {
                    fired.add(event.getMatch().getRule().getName());
                }
            });
            if (rules.hasCollector()) {
                session.setGlobal(Conclusions.GLOBAL, (Conclusions) conclusion -> { });
            }
            session.insert(client);
            session.insert(new MassageType(client.massageType(), rules.vocabulary().isIntense(client.massageType())));
            session.fireAllRules(Evaluator.MAX_FIRINGS);
            return fired;
        } finally {
            session.dispose();
        }
    }

    @Test
    void theRulesListedAsFiredAreThoseTheAgendaFiresInItsOrder() {
        ProfileGenerator generator = new ProfileGenerator(evaluator.ruleBase().vocabulary(), 23);
        int firings = 0;
        for (int i = 0; i < 1000; i++) {
            Client client = generator.next();
            List<String> expected = firedByAgendaEvents(client);
            assertThat(evaluator.evaluate(client, false).firedRules()).as("client %s", client).isEqualTo(expected);
            assertThat(evaluator.evaluate(client, true).firedRules()).as("client %s, explained", client).isEqualTo(expected);
            firings += expected.size();
        }
        // The profiles make the rules work: several firings each on average.
        assertThat(firings).isGreaterThan(3000);
    }
}
