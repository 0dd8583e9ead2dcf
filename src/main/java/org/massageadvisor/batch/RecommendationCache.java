package org.massageadvisor.batch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.recommendation.Recommendation;

/**
 * Memoised evaluation without explanation: a recommendation is a pure function of the profile (its id
 * aside) and the rule base, so clients with the same profile share one evaluation. Bounded: once
 * {@code capacity} profiles are held, new ones are evaluated but not kept, so memory stays flat.
 * Explanations are never cached (they carry the client's id in the matched facts). A negative
 * capacity turns the cache off; 0 looks up but never stores (the benchmark's all-miss path).
 *
 * <p>A profile is keyed by a compact code, one {@code long} packing every field as vocabulary term
 * numbers and bit sets (the profile without its id, exactly), so a lookup hashes one number instead
 * of ten fields; a profile the code cannot hold (a huge vocabulary or week count) is keyed by itself.
 * When the hit rate over the first {@value #SAMPLE} lookups is under {@value #MIN_HIT_PERCENT}%, the
 * cache gives up, frees what it holds and evaluates every record directly.
 */
public final class RecommendationCache {

    /** Lookups after which the hit rate is judged. */
    static final int SAMPLE = 20_000;
    /** Below this hit rate (in percent) the cache costs more memory than it saves time. */
    static final int MIN_HIT_PERCENT = 5;

    private final Evaluator evaluator;
    private final int capacity;
    private final ProfileCode code;
    private final ConcurrentHashMap<Object, Recommendation> byProfile = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private volatile boolean active;

    public RecommendationCache(Evaluator evaluator, int capacity) {
        this.evaluator = evaluator;
        this.capacity = capacity;
        this.code = new ProfileCode(evaluator.ruleBase().vocabulary());
        this.active = capacity >= 0;
    }

    /** The evaluator behind the cache (a cache belongs to one rule base). */
    public Evaluator evaluator() {
        return evaluator;
    }

    public Recommendation evaluate(Client client, boolean explain) {
        if (explain || !active) {
            return evaluator.evaluate(client, explain);
        }
        // The last massage date only dates the answer, so it is no part of the shared profile.
        Client profile = client.withId(null).withLastMassageDate(null);
        Object key = code.of(profile);
        Recommendation shared = byProfile.get(key);
        if (shared == null) {
            misses.increment();
            shared = evaluator.evaluate(profile, false);
            if (size.get() < capacity && byProfile.putIfAbsent(key, shared) == null) {
                size.incrementAndGet();
            }
            judge();
        } else {
            hits.increment();
        }
        return new Recommendation(client.id(), shared.status(), shared.interval(), shared.warnings(), shared.tips(), null,
                shared.rulesetVersion(), shared.firedRules()).dated(client.lastMassageDate());
    }

    /** Once the sample is in, turns the cache off if it hardly ever hits. */
    private void judge() {
        long m = misses.sum();
        if (m % 1024 != 0 || capacity <= 0) {
            return;
        }
        long h = hits.sum();
        if (h + m >= SAMPLE && h * 100 < (h + m) * MIN_HIT_PERCENT) {
            active = false;
            byProfile.clear();
        }
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    /** Whether the cache is still in use (false once it gave up for a low hit rate). */
    boolean active() {
        return active;
    }

    /** Packs a profile (without its id) into one long, when it fits. */
    static final class ProfileCode {
        private final Map<String, Integer> goals;
        private final Map<String, Integer> types;
        private final Map<String, Integer> responses;
        private final Map<String, Integer> conditions;
        private final Map<String, Integer> levels;
        private final Map<String, Integer> trends;
        private final int goalBits;
        private final int typeBits;
        private final int levelBits;
        private final int trendBits;
        private final boolean fits;

        ProfileCode(Vocabulary vocabulary) {
            goals = index(vocabulary, Category.GOAL);
            types = index(vocabulary, Category.MASSAGE_TYPE);
            responses = index(vocabulary, Category.BODY_RESPONSE);
            conditions = index(vocabulary, Category.CONDITION);
            levels = index(vocabulary, Category.ACTIVITY_LEVEL);
            trends = index(vocabulary, Category.SYMPTOM_TREND);
            goalBits = bits(goals.size());
            typeBits = bits(types.size());
            levelBits = bits(levels.size());
            trendBits = bits(trends.size());
            // Two booleans, 16 bits of weeks and 8 of age besides the terms; one bit a list term.
            fits = goalBits + typeBits + levelBits + trendBits + responses.size() + conditions.size() + 2 + 16 + 8 <= 63;
        }

        private static Map<String, Integer> index(Vocabulary vocabulary, Category category) {
            Map<String, Integer> out = new HashMap<>();
            for (String term : vocabulary.terms(category).keySet()) {
                out.put(term, out.size());
            }
            return out;
        }

        private static int bits(int values) {
            return 32 - Integer.numberOfLeadingZeros(Math.max(1, values));
        }

        /** A Long, or the id-less client when the profile does not fit in one. */
        Object of(Client c) {
            if (!fits || c.weeksInTreatment() >= 1 << 16 || (c.age() != null && (c.age() < 0 || c.age() > 254))) {
                return c.withId(null);
            }
            Integer g = goals.get(c.goal());
            Integer t = types.get(c.massageType());
            Integer l = levels.get(c.activityLevel());
            Integer s = trends.get(c.symptomTrend());
            if (g == null || t == null || l == null || s == null) {
                return c.withId(null);
            }
            long code = g;
            code = (code << typeBits) | t;
            code = (code << levelBits) | l;
            code = (code << trendBits) | s;
            long body = set(c.bodyResponse(), responses);
            long cond = set(c.conditions(), conditions);
            if (body < 0 || cond < 0) {
                return c.withId(null);
            }
            code = (code << responses.size()) | body;
            code = (code << conditions.size()) | cond;
            code = (code << 1) | (c.medicalApproval() ? 1 : 0);
            code = (code << 1) | (c.guidedByTherapist() ? 1 : 0);
            code = (code << 16) | c.weeksInTreatment();
            // 0 for no age, else age + 1 (ages are 0-120).
            code = (code << 8) | (c.age() == null ? 0 : c.age() + 1);
            return code;
        }

        private static long set(List<String> terms, Map<String, Integer> index) {
            long bits = 0;
            for (String term : terms) {
                Integer i = index.get(term);
                if (i == null) {
                    return -1;
                }
                bits |= 1L << i;
            }
            return bits;
        }
    }
}
