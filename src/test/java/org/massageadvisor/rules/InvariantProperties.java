package org.massageadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.Node;
import org.massageadvisor.client.ProfileReader;
import org.massageadvisor.client.Term;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;

/**
 * Safety invariants over profiles generated from the shipped vocabulary, read from the loaded rule
 * base so that a term a clinician adds is covered without touching this class.
 */
class InvariantProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRIES = 500;

    private static Vocabulary vocabulary() {
        return TestRules.evaluator().ruleBase().vocabulary();
    }

    /** Any term of a category; single terms get no edge cases, so that the lists' and numbers' edge cases fit in the tries. */
    private static Arbitrary<String> termOf(Category category) {
        return Arbitraries.of(List.copyOf(vocabulary().terms(category).keySet())).withoutEdgeCases();
    }

    /** A list of terms in any order, duplicates allowed (the reader de-duplicates, the client sorts). */
    private static Arbitrary<List<String>> termsOf(Category category) {
        return termOf(category).list().ofMaxSize(vocabulary().terms(category).size() + 1)
                .withSizeDistribution(RandomDistribution.biased()).injectDuplicates(0.2);
    }

    @Provide
    Arbitrary<Client> profiles() {
        return profiles(termOf(Category.MASSAGE_TYPE), Arbitraries.of(true, false));
    }

    /**
     * Profiles with an intense massage type, mostly with approval and a therapist, so that the rare
     * corner (approved injury recovery for an athlete) comes up often enough to be checked.
     */
    @Provide
    Arbitrary<Client> intenseProfiles() {
        List<String> intense = vocabulary().terms(Category.MASSAGE_TYPE).values().stream()
                .filter(Term::intense).map(Term::name).toList();
        return profiles(Arbitraries.of(intense).withoutEdgeCases(), Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false)));
    }

    private static Arbitrary<Client> profiles(Arbitrary<String> type, Arbitrary<Boolean> consent) {
        Arbitrary<String> goal = termOf(Category.GOAL);
        Arbitrary<List<String>> body = termsOf(Category.BODY_RESPONSE);
        Arbitrary<List<String>> conditions = termsOf(Category.CONDITION);
        Arbitrary<String> activity = termOf(Category.ACTIVITY_LEVEL);
        Arbitrary<Integer> weeks = Arbitraries.integers().between(0, 60).edgeCases(e -> e.add(3).add(4));
        Arbitrary<String> trend = termOf(Category.SYMPTOM_TREND);
        Arbitrary<Integer> age = Arbitraries.integers().between(0, Client.OLDEST).edgeCases(e -> e.add(64).add(65)).injectNull(0.3);
        Arbitrary<Course> course = Combinators.combine(consent, consent, weeks, trend, age).as(Course::new);
        return Combinators.combine(goal, type, body, conditions, activity, course)
                .as((g, t, b, cs, a, k) -> new Client("p", g, t, b, cs, a, k.approval(), k.guided(), k.weeks(), k.trend(), k.age()));
    }

    /** The fields about the course of treatment (and the age), generated together. */
    record Course(boolean approval, boolean guided, int weeks, String trend, Integer age) {
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs().withoutEdgeCases();
    }

    @Provide
    Arbitrary<String> bodyResponses() {
        return termOf(Category.BODY_RESPONSE);
    }

    @Provide
    Arbitrary<String> conditions() {
        return termOf(Category.CONDITION);
    }

    private static Recommendation evaluate(Client c) {
        return TestRules.evaluator().evaluate(c, false);
    }

    @Property(tries = 1000)
    void intenseMassageIsNeverLessThanTwoDaysApart(@ForAll("intenseProfiles") Client c) {
        Recommendation r = evaluate(c);
        if (vocabulary().isIntense(c.massageType()) && r.status() == Status.RECOMMENDED) {
            assertThat(r.interval().minDays()).as("minDays for %s", c).isGreaterThanOrEqualTo(2);
            assertThat(r.interval().maxDays()).as("maxDays for %s", c).isGreaterThanOrEqualTo(3);
        }
    }

    @Property(tries = TRIES)
    void theIntervalIsWithinBoundsAndNullExactlyWhenReferred(@ForAll("profiles") Client c) {
        Recommendation r = evaluate(c);
        assertThat(r.interval() == null).as("interval null for %s", c).isEqualTo(r.status() == Status.REFER);
        if (r.interval() != null) {
            assertThat(r.interval().minDays()).isBetween(1, r.interval().maxDays());
            assertThat(r.interval().maxDays()).isLessThanOrEqualTo(31);
        }
        if (r.status() == Status.REFER) {
            assertThat(r.warnings()).as("a REFER says why, for %s", c).isNotEmpty();
        }
    }

    @Property(tries = TRIES)
    void aBodyResponseNeverShortensTheInterval(@ForAll("profiles") Client c, @ForAll("bodyResponses") String response) {
        Recommendation without = evaluate(withBodyResponse(c, remove(c.bodyResponse(), response)));
        Recommendation with = evaluate(withBodyResponse(c, add(c.bodyResponse(), response)));
        assertNotShorter(with, without, c + " with " + response);
    }

    @Property(tries = TRIES)
    void soreOrFatiguedAlwaysWaitsLongerThanTheSameClientWhoFeltFine(@ForAll("profiles") Client c, @ForAll("bodyResponses") String response) {
        Recommendation fine = evaluate(withBodyResponse(c, List.of()));
        Recommendation sore = evaluate(withBodyResponse(c, List.of(response)));
        if (fine.status() == Status.RECOMMENDED && sore.status() == Status.RECOMMENDED) {
            assertThat(sore.interval().minDays()).as("minDays for %s with %s", c, response).isGreaterThan(fine.interval().minDays());
        }
    }

    @Property(tries = TRIES)
    void everyStepOfTheExplanationIsAPossibleRangeAndEveryIntervalKeepsADayOfChoice(@ForAll("profiles") Client c) {
        Recommendation r = TestRules.evaluator().evaluate(c, true);
        r.explanation().stream().filter(f -> f.after() != null).forEach(f -> {
            assertThat(f.after().minDays()).as("step of %s for %s", f.rule(), c).isBetween(2, f.after().maxDays());
            if (f.before() != null) {
                assertThat(f.before().minDays()).as("step of %s for %s", f.rule(), c).isLessThanOrEqualTo(f.before().maxDays());
            }
        });
        if (r.interval() != null) {
            assertThat(r.interval().maxDays()).as("interval for %s", c).isGreaterThan(r.interval().minDays());
        } else {
            assertThat(r.tips()).as("tips for referred %s", c).isEmpty();
            assertThat(r.warnings().get(0).indicator()).as("first card for referred %s", c).isEqualTo("critical");
        }
    }

    @Property(tries = TRIES)
    void aConditionNeverShortensTheInterval(@ForAll("profiles") Client c, @ForAll("conditions") String condition) {
        Recommendation without = evaluate(withConditions(c, remove(c.conditions(), condition)));
        Recommendation with = evaluate(withConditions(c, add(c.conditions(), condition)));
        assertNotShorter(with, without, c + " with " + condition);
    }

    /** {@code more} (the profile with one more term) never refers less nor gives a shorter interval. */
    private static void assertNotShorter(Recommendation more, Recommendation fewer, String what) {
        if (fewer.status() == Status.REFER) {
            assertThat(more.status()).as("status for %s", what).isEqualTo(Status.REFER);
        }
        if (more.status() == Status.RECOMMENDED) {
            assertThat(more.interval().minDays()).as("minDays for %s", what).isGreaterThanOrEqualTo(fewer.interval().minDays());
            assertThat(more.interval().maxDays()).as("maxDays for %s", what).isGreaterThanOrEqualTo(fewer.interval().maxDays());
        }
    }

    @Property(tries = TRIES)
    void everyListedConditionGetsAConsultDoctorWarningNamingIt(@ForAll("profiles") Client c) {
        Recommendation r = evaluate(c);
        List<String> subjects = r.warnings().stream().filter(w -> w.code().equals("CONSULT_DOCTOR")).map(IssuedWarning::subject).toList();
        assertThat(subjects).as("CONSULT_DOCTOR subjects for %s", c).containsExactlyInAnyOrderElementsOf(c.conditions());
    }

    @Property(tries = TRIES)
    void injuryRecoveryWithoutApprovalIsReferred(@ForAll("profiles") Client c) {
        Client unapproved = new Client(c.id(), "INJURY_RECOVERY", c.massageType(), c.bodyResponse(), c.conditions(),
                c.activityLevel(), false, c.guidedByTherapist(), c.weeksInTreatment(), c.symptomTrend(), c.age());
        Recommendation r = evaluate(unapproved);
        assertThat(r.status()).isEqualTo(Status.REFER);
        assertThat(r.interval()).isNull();
        assertThat(r.warnings()).extracting(IssuedWarning::code).contains("MEDICAL_APPROVAL_REQUIRED");
    }

    @Property(tries = TRIES)
    void theOrderCaseAndRepetitionOfListTermsNeverChangeTheRecommendation(@ForAll("profiles") Client c, @ForAll("seeds") long seed) {
        // The scrambled profile goes through the reader, as a user's file would.
        Random random = new Random(seed);
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", c.id());
        profile.put("goal", c.goal());
        profile.put("massageType", c.massageType());
        profile.put("bodyResponse", scramble(c.bodyResponse(), random));
        profile.put("conditions", scramble(c.conditions(), random));
        profile.put("activityLevel", c.activityLevel());
        profile.put("medicalApproval", c.medicalApproval());
        profile.put("guidedByTherapist", c.guidedByTherapist());
        profile.put("weeksInTreatment", c.weeksInTreatment());
        profile.put("symptomTrend", c.symptomTrend());
        profile.put("age", c.age());
        Client scrambled = new ProfileReader(vocabulary()).read(Node.read(JSON, new StringReader(json(profile)), "p.json"));
        assertThat(json(TestRules.evaluator().evaluate(scrambled, true)))
                .as("recommendation for %s", profile)
                .isEqualTo(json(TestRules.evaluator().evaluate(c, true)));
    }

    /** The terms shuffled, some repeated, some in lower case. */
    private static List<String> scramble(List<String> terms, Random random) {
        List<String> out = new ArrayList<>();
        for (String t : terms) {
            out.add(random.nextBoolean() ? t : t.toLowerCase(Locale.ROOT));
            if (random.nextBoolean()) {
                out.add(t);
            }
        }
        Collections.shuffle(out, random);
        return out;
    }

    private static String json(Object r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> add(List<String> terms, String term) {
        List<String> out = new ArrayList<>(terms);
        out.add(term);
        return out;
    }

    private static List<String> remove(List<String> terms, String term) {
        return terms.stream().filter(t -> !t.equals(term)).toList();
    }

    private static Client withBodyResponse(Client c, List<String> body) {
        return new Client(c.id(), c.goal(), c.massageType(), body, c.conditions(), c.activityLevel(),
                c.medicalApproval(), c.guidedByTherapist(), c.weeksInTreatment(), c.symptomTrend(), c.age());
    }

    private static Client withConditions(Client c, List<String> conditions) {
        return new Client(c.id(), c.goal(), c.massageType(), c.bodyResponse(), conditions, c.activityLevel(),
                c.medicalApproval(), c.guidedByTherapist(), c.weeksInTreatment(), c.symptomTrend(), c.age());
    }
}
