package org.massageadvisor.batch;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.recommendation.Recommendation;

/**
 * Memoised evaluation without explanation: a recommendation is a pure function of the profile (its id
 * aside) and the rule base, so clients with the same profile share one evaluation. Bounded: once
 * {@code capacity} profiles are held, new ones are evaluated but not kept, so memory stays flat.
 * Explanations are never cached (they carry the client's id in the matched facts). A negative
 * capacity turns the cache off; 0 looks up but never stores (the benchmark's all-miss path).
 */
public final class RecommendationCache {

    private final Evaluator evaluator;
    private final int capacity;
    private final ConcurrentHashMap<Client, Recommendation> byProfile = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public RecommendationCache(Evaluator evaluator, int capacity) {
        this.evaluator = evaluator;
        this.capacity = capacity;
    }

    /** The evaluator behind the cache (a cache belongs to one rule base). */
    public Evaluator evaluator() {
        return evaluator;
    }

    public Recommendation evaluate(Client client, boolean explain) {
        if (explain || capacity < 0) {
            return evaluator.evaluate(client, explain);
        }
        // The last massage date only dates the answer, so it is no part of the shared profile.
        Client profile = client.withId(null).withLastMassageDate(null);
        Recommendation shared = byProfile.get(profile);
        if (shared == null) {
            misses.increment();
            shared = evaluator.evaluate(profile, false);
            if (size.get() < capacity && byProfile.putIfAbsent(profile, shared) == null) {
                size.incrementAndGet();
            }
        } else {
            hits.increment();
        }
        return new Recommendation(client.id(), shared.status(), shared.interval(), shared.warnings(), shared.tips(), null,
                shared.rulesetVersion(), shared.firedRules()).dated(client.lastMassageDate());
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }
}
