package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;
import org.massageadvisor.batch.ProfileGenerator;
import org.massageadvisor.client.Client;
import org.massageadvisor.recommendation.Recommendation;

/** Reusing pooled sessions must not change a single byte of any recommendation or explanation. */
class PooledSessionEquivalenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Evaluator evaluator = TestRules.evaluator();

    private List<Client> profiles(long seed, int n) {
        ProfileGenerator generator = new ProfileGenerator(evaluator.ruleBase().vocabulary(), seed);
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(generator.next());
        }
        return clients;
    }

    private static String render(Recommendation r) throws Exception {
        return JSON.writeValueAsString(r) + " fired=" + r.firedRules();
    }

    @Test
    void pooledSessionsGiveTheSameJsonAsAFreshSessionPerClientWithAndWithoutExplanation() throws Exception {
        for (Client c : profiles(11, 1500)) {
            for (boolean explain : new boolean[] {true, false}) {
                assertThat(render(evaluator.evaluate(c, explain)))
                        .as("client %s, explain %s", c, explain)
                        .isEqualTo(render(evaluator.evaluateInFreshSession(c, explain)));
            }
        }
    }

    @Test
    void pooledSessionsUsedFromFourThreadsAtOnceGiveTheSameJsonAsFreshSessions() throws Exception {
        List<Client> clients = profiles(12, 2000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> pooled = new ArrayList<>();
            for (Client c : clients) {
                pooled.add(pool.submit(() -> render(evaluator.evaluate(c, true))));
            }
            for (int i = 0; i < clients.size(); i++) {
                assertThat(pooled.get(i).get()).isEqualTo(render(evaluator.evaluateInFreshSession(clients.get(i), true)));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
