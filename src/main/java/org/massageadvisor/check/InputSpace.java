package org.massageadvisor.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.Vocabulary;

/**
 * The client profiles verification walks through, numbered so that threads can share the work out
 * by index. Every field is covered by representatives of the classes no rule can tell apart:
 * <ul>
 *   <li>goal, massage type, activity level and symptom trend: every term, except that terms no rule
 *       and no invariant names (and, for massage types, with the same {@code intense} flag) form one
 *       class, represented by the first of them ({@link #termClasses});
 *   <li>weeks in treatment and age: 0 / absent and a value on each side of every number the rules
 *       and invariants compare them with ({@link #weekBuckets}, {@link #ageBuckets});
 *   <li>both values of each flag, every subset of body responses;
 *   <li>conditions: every subset when the space fits the budget; otherwise every combination of up
 *       to {@code maxConditions} terms, the largest bound that fits ({@link #bounded}).
 * </ul>
 */
public final class InputSpace {

    private static final Pattern WEEKS = Pattern.compile("weeksInTreatment\\s*(>=|<=|==|!=|>|<)\\s*(\\d+)");
    private static final Pattern AGE = Pattern.compile("\\bage\\s*(>=|<=|==|!=|>|<)\\s*(\\d+)");
    private static final Pattern AGE_NULL = Pattern.compile("\\bage\\s*(==|!=)\\s*null");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");

    /** The profile field each single-term category fills. */
    static final Map<Category, String> FIELDS = Map.of(Category.GOAL, "goal", Category.MASSAGE_TYPE, "massageType",
            Category.ACTIVITY_LEVEL, "activityLevel", Category.SYMPTOM_TREND, "symptomTrend");

    private final List<String> goals;
    private final List<String> massageTypes;
    private final List<List<String>> bodyResponses;
    private final List<List<String>> conditions;
    private final List<String> activityLevels;
    private final List<Integer> weeks;
    private final List<String> trends;
    private final List<Integer> ages;
    private final Map<String, Integer> dimensions = new LinkedHashMap<>();
    private final int conditionTerms;
    private final int maxConditions;
    private final long size;

    /** Every term of every category, every subset of conditions, no age: the plain full space. */
    public InputSpace(Vocabulary vocabulary, List<Integer> weeks) {
        this(vocabulary, weeks, java.util.Collections.singletonList(null), eachTermAlone(vocabulary),
                vocabulary.terms(Category.CONDITION).size());
    }

    /**
     * @param ages representative ages, null for "no age given"
     * @param classes for each single-term category, its terms grouped into classes the rules cannot tell apart
     * @param maxConditions the largest number of conditions a profile lists
     */
    public InputSpace(Vocabulary vocabulary, List<Integer> weeks, List<Integer> ages, Map<Category, List<List<String>>> classes,
            int maxConditions) {
        this.goals = firsts(classes.get(Category.GOAL));
        this.massageTypes = firsts(classes.get(Category.MASSAGE_TYPE));
        this.activityLevels = firsts(classes.get(Category.ACTIVITY_LEVEL));
        this.trends = firsts(classes.get(Category.SYMPTOM_TREND));
        this.bodyResponses = subsets(List.copyOf(vocabulary.terms(Category.BODY_RESPONSE).keySet()), Integer.MAX_VALUE);
        List<String> conditionList = List.copyOf(vocabulary.terms(Category.CONDITION).keySet());
        this.conditionTerms = conditionList.size();
        this.maxConditions = Math.min(maxConditions, conditionTerms);
        this.conditions = subsets(conditionList, this.maxConditions);
        this.weeks = List.copyOf(weeks);
        this.ages = java.util.Collections.unmodifiableList(new ArrayList<>(ages));
        dimensions.put(label("goal", classes.get(Category.GOAL)), goals.size());
        dimensions.put(label("massageType", classes.get(Category.MASSAGE_TYPE)), massageTypes.size());
        dimensions.put("bodyResponse (subsets)", bodyResponses.size());
        dimensions.put(isComplete() ? "conditions (subsets)" : "conditions (subsets of up to " + this.maxConditions + " of "
                + conditionTerms + " terms)", conditions.size());
        dimensions.put(label("activityLevel", classes.get(Category.ACTIVITY_LEVEL)), activityLevels.size());
        dimensions.put("medicalApproval", 2);
        dimensions.put("guidedByTherapist", 2);
        dimensions.put("weeksInTreatment " + this.weeks, this.weeks.size());
        dimensions.put(label("symptomTrend", classes.get(Category.SYMPTOM_TREND)), trends.size());
        dimensions.put("age " + this.ages.stream().map(a -> a == null ? "absent" : a.toString()).toList(), this.ages.size());
        this.size = sizeOf(goals.size(), massageTypes.size(), bodyResponses.size(), conditions.size(), activityLevels.size(),
                this.weeks.size(), trends.size(), this.ages.size());
    }

    private static long sizeOf(long... factors) {
        long n = 4; // the two flags
        for (long f : factors) {
            n *= f;
        }
        return n;
    }

    /**
     * The space the rules need, within a budget of profiles: every condition subset if that fits,
     * otherwise every combination of up to N conditions for the largest N that fits (at least 1).
     */
    public static InputSpace bounded(Vocabulary vocabulary, List<Integer> weeks, List<Integer> ages,
            Map<Category, List<List<String>>> classes, long budget) {
        int terms = vocabulary.terms(Category.CONDITION).size();
        InputSpace chosen = null;
        for (int n = 1; n <= terms; n++) {
            InputSpace candidate = new InputSpace(vocabulary, weeks, ages, classes, n);
            if (chosen != null && candidate.size() > budget) {
                break;
            }
            chosen = candidate;
        }
        return chosen == null ? new InputSpace(vocabulary, weeks, ages, classes, 0) : chosen;
    }

    /** Whether every subset of conditions is covered. */
    public boolean isComplete() {
        return maxConditions >= conditionTerms;
    }

    public int maxConditions() {
        return maxConditions;
    }

    /** "every combination of up to 2 of 17 conditions" or "every subset of the 7 conditions", for reports. */
    public String conditionCoverage() {
        return isComplete() ? "every subset of the " + conditionTerms + " conditions"
                : "every combination of up to " + maxConditions + " of the " + conditionTerms + " conditions ("
                        + conditions.size() + " of 2^" + conditionTerms + " subsets)";
    }

    private static Map<Category, List<List<String>>> eachTermAlone(Vocabulary vocabulary) {
        Map<Category, List<List<String>>> out = new LinkedHashMap<>();
        for (Category c : FIELDS.keySet()) {
            out.put(c, vocabulary.terms(c).keySet().stream().map(List::of).toList());
        }
        return out;
    }

    private static List<String> firsts(List<List<String>> classes) {
        return classes.stream().map(c -> c.get(0)).toList();
    }

    private static String label(String field, List<List<String>> classes) {
        boolean merged = classes.stream().anyMatch(c -> c.size() > 1);
        return merged ? field + " (classes " + classes.stream().map(c -> String.join("|", c)).toList() + ")" : field;
    }

    /** When a rule uses weeksInTreatment other than by comparing it with a number, weeks are sampled this widely. */
    static final List<Integer> WIDE_WEEKS = List.of(0, 1, 2, 3, 4, 6, 8, 12, 16, 26, 52);
    /** Likewise for age (null: no age given). */
    static final List<Integer> WIDE_AGES = java.util.Arrays.asList(null, 0, 17, 18, 40, 64, 65, 70, 75, 80, 85, 90, 120);

    /**
     * Representative weeks for the comparisons the rules make with weeksInTreatment (found in the DRL
     * text; invariants add theirs as "at least" thresholds). Each comparison with a number cuts the
     * weeks into classes no rule can tell apart; each class is represented by its lowest value (for
     * {@code weeksInTreatment >= 4}: 0 and 4). If a rule uses the field in any other way, the cuts are
     * unknown and {@link #WIDE_WEEKS} is used.
     */
    public static List<Integer> weekBuckets(List<String> drlTexts, List<Integer> atLeastThresholds) {
        TreeSet<Integer> cuts = cuts(drlTexts, atLeastThresholds, "weeksInTreatment", WEEKS, null);
        if (cuts == null) {
            return WIDE_WEEKS;
        }
        TreeSet<Integer> buckets = new TreeSet<>();
        buckets.add(0);
        cuts.stream().filter(c -> c > 0).forEach(buckets::add);
        return List.copyOf(buckets);
    }

    /**
     * Representative ages: absent (null), then for the classes the rules' comparisons cut ages into,
     * the highest age below the first cut and the lowest age of every later class (for
     * {@code age >= 65}: absent, 64, 65). {@code age != null} is no cut. Any other use of the field
     * samples {@link #WIDE_AGES}.
     */
    public static List<Integer> ageBuckets(List<String> drlTexts, List<Integer> atLeastThresholds) {
        TreeSet<Integer> cuts = cuts(drlTexts, atLeastThresholds, "age", AGE, AGE_NULL);
        if (cuts == null) {
            return WIDE_AGES;
        }
        List<Integer> out = new ArrayList<>();
        out.add(null);
        cuts.removeIf(c -> c <= 0 || c > Client.OLDEST);
        if (!cuts.isEmpty()) {
            out.add(cuts.first() - 1);
            out.addAll(cuts);
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /** The numbers a field is compared with, or null when it is used in a way that hides them. */
    private static TreeSet<Integer> cuts(List<String> drlTexts, List<Integer> atLeastThresholds, String field, Pattern compare,
            Pattern harmless) {
        TreeSet<Integer> cuts = new TreeSet<>(atLeastThresholds);
        Pattern use = Pattern.compile("\\b" + field + "\\b");
        for (String text : drlTexts) {
            String code = STRING.matcher(Linter.withoutComments(text)).replaceAll("\"\"");
            int uses = count(use.matcher(code));
            Matcher m = compare.matcher(code);
            int compared = 0;
            while (m.find()) {
                compared++;
                int t = Integer.parseInt(m.group(2));
                String op = m.group(1);
                if (op.equals(">=") || op.equals("<") || op.equals("==") || op.equals("!=")) {
                    cuts.add(t);
                }
                if (op.equals(">") || op.equals("<=") || op.equals("==") || op.equals("!=")) {
                    cuts.add(t + 1);
                }
            }
            if (harmless != null) {
                compared += count(harmless.matcher(code));
            }
            if (uses != compared) {
                return null;
            }
        }
        return cuts;
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * For each single-term category, its terms in classes no rule can tell apart. A term is alone in
     * its class when a DRL literal names it; the unnamed ones share a class (massage types only with
     * the same {@code intense} flag), which each term set an invariant tests splits further. If a
     * rule uses the field other than as {@code field == "TERM"}, {@code field != "TERM"} or (massage
     * type) a binding {@code $t : massageType}, every term stays alone.
     */
    public static Map<Category, List<List<String>>> termClasses(Vocabulary vocabulary, List<String> drlTexts,
            Map<Category, List<Set<String>>> invariantTests) {
        Map<Category, List<List<String>>> out = new LinkedHashMap<>();
        List<String> codes = drlTexts.stream().map(Linter::withoutComments).toList();
        for (Map.Entry<Category, String> e : FIELDS.entrySet()) {
            Category category = e.getKey();
            String field = e.getValue();
            List<String> terms = List.copyOf(vocabulary.terms(category).keySet());
            boolean plain = true;
            Set<String> named = new TreeSet<>();
            Pattern use = Pattern.compile("\\b" + field + "\\b");
            Pattern simple = Pattern.compile("\\b" + field + "\\s*(==|!=)\\s*\"\"");
            Pattern binding = Pattern.compile("\\$\\w+\\s*:\\s*" + field + "\\b");
            for (String code : codes) {
                named.addAll(literalsFor(code, field, terms));
                String stripped = STRING.matcher(code).replaceAll("\"\"");
                int uses = count(use.matcher(stripped));
                int ok = count(simple.matcher(stripped)) + (category == Category.MASSAGE_TYPE ? count(binding.matcher(stripped)) : 0);
                plain &= uses == ok;
            }
            List<List<String>> classes = new ArrayList<>();
            Map<String, List<String>> unnamed = new LinkedHashMap<>();
            for (String t : terms) {
                if (!plain || named.contains(t)) {
                    classes.add(new ArrayList<>(List.of(t)));
                } else {
                    String key = category == Category.MASSAGE_TYPE ? "intense=" + vocabulary.isIntense(t) : "";
                    unnamed.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
                }
            }
            classes.addAll(unnamed.values());
            for (Set<String> test : invariantTests.getOrDefault(category, List.of())) {
                classes = split(classes, test);
            }
            // Keep the vocabulary's order of first terms, so the smallest example is the familiar one.
            classes.sort(java.util.Comparator.comparingInt(c -> terms.indexOf(c.get(0))));
            out.put(category, classes.stream().map(List::copyOf).toList());
        }
        return out;
    }

    /** Literals compared with another profile field ({@code goal == "X"}) name that field's term, not this one's. */
    private static final Pattern COMPARED = Pattern.compile("\\b(\\w+)\\s*(?:==|!=|contains|not contains)\\s*$");

    /** The terms of one category that some literal in the code may name: every literal not compared with another field. */
    private static Set<String> literalsFor(String code, String field, List<String> terms) {
        Set<String> out = new TreeSet<>();
        Matcher m = STRING.matcher(code);
        while (m.find()) {
            String literal = m.group().substring(1, m.group().length() - 1);
            if (!terms.contains(literal)) {
                continue;
            }
            Matcher before = COMPARED.matcher(code.substring(Math.max(0, m.start() - 60), m.start()));
            String other = before.find() ? before.group(1) : null;
            if (other == null || other.equals(field) || !FIELDS.containsValue(other) && !other.equals("conditions")
                    && !other.equals("bodyResponse")) {
                out.add(literal);
            }
        }
        return out;
    }

    private static List<List<String>> split(List<List<String>> classes, Collection<String> test) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> c : classes) {
            List<String> in = c.stream().filter(test::contains).toList();
            List<String> outside = c.stream().filter(t -> !test.contains(t)).toList();
            if (!in.isEmpty()) {
                out.add(new ArrayList<>(in));
            }
            if (!outside.isEmpty()) {
                out.add(new ArrayList<>(outside));
            }
        }
        return out;
    }

    /** The subsets of {@code terms} with at most {@code max} terms, smallest first. */
    private static List<List<String>> subsets(List<String> terms, int max) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        List<List<Integer>> frontier = new ArrayList<>();
        frontier.add(List.of());
        for (int size = 1; size <= Math.min(max, terms.size()); size++) {
            List<List<Integer>> next = new ArrayList<>();
            for (List<Integer> s : frontier) {
                int from = s.isEmpty() ? 0 : s.get(s.size() - 1) + 1;
                for (int i = from; i < terms.size(); i++) {
                    List<Integer> grown = new ArrayList<>(s);
                    grown.add(i);
                    next.add(grown);
                    out.add(grown.stream().map(terms::get).toList());
                }
            }
            frontier = next;
        }
        return out;
    }

    public long size() {
        return size;
    }

    /** How many values each field takes, for the report. */
    public Map<String, Integer> dimensions() {
        return java.util.Collections.unmodifiableMap(dimensions);
    }

    /** The index-th profile, 0 <= index < size(). */
    public Client get(long index) {
        long i = index;
        Integer age = ages.get((int) (i % ages.size()));
        i /= ages.size();
        String trend = trends.get((int) (i % trends.size()));
        i /= trends.size();
        int week = weeks.get((int) (i % weeks.size()));
        i /= weeks.size();
        boolean guided = i % 2 == 1;
        i /= 2;
        boolean approved = i % 2 == 1;
        i /= 2;
        String activity = activityLevels.get((int) (i % activityLevels.size()));
        i /= activityLevels.size();
        List<String> conds = conditions.get((int) (i % conditions.size()));
        i /= conditions.size();
        List<String> body = bodyResponses.get((int) (i % bodyResponses.size()));
        i /= bodyResponses.size();
        String type = massageTypes.get((int) (i % massageTypes.size()));
        i /= massageTypes.size();
        String goal = goals.get((int) i);
        return new Client(null, goal, type, body, conds, activity, approved, guided, week, trend, age);
    }

    /**
     * The index of the same profile with no body response (its body-response digit set to the empty
     * subset), for invariants that compare a client with and without soreness.
     */
    public long withoutBodyResponse(long index) {
        long stride = 4L * ages.size() * trends.size() * weeks.size() * activityLevels.size() * conditions.size();
        long digit = (index / stride) % bodyResponses.size();
        return index - digit * stride;
    }

    /**
     * How far a profile is from the plainest client: one for each listed term, each flag set, weeks
     * above zero, a trend other than the default and an age. Smaller counterexamples are easier to read.
     */
    public static int complexity(Client c) {
        return c.bodyResponse().size() + c.conditions().size() + (c.medicalApproval() ? 1 : 0)
                + (c.guidedByTherapist() ? 1 : 0) + (c.weeksInTreatment() > 0 ? 1 : 0)
                + (Client.DEFAULT_SYMPTOM_TREND.equals(c.symptomTrend()) ? 0 : 1) + (c.age() == null ? 0 : 1);
    }
}
