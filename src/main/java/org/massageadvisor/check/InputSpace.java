package org.massageadvisor.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.Vocabulary;

/**
 * Every client profile the vocabulary allows: each goal, massage type, activity level and symptom
 * trend, every subset of body responses and of conditions, both values of each flag, and weeks in
 * treatment in representative buckets (see {@link #weekBuckets}). Profiles are numbered, so threads
 * can share the work out by index.
 */
public final class InputSpace {

    private static final Pattern WEEKS = Pattern.compile("weeksInTreatment\\s*(>=|<=|==|!=|>|<)\\s*(\\d+)");

    private final List<String> goals;
    private final List<String> massageTypes;
    private final List<List<String>> bodyResponses;
    private final List<List<String>> conditions;
    private final List<String> activityLevels;
    private final List<Integer> weeks;
    private final List<String> trends;
    private final long size;

    public InputSpace(Vocabulary vocabulary, List<Integer> weeks) {
        this.goals = List.copyOf(vocabulary.terms(Category.GOAL).keySet());
        this.massageTypes = List.copyOf(vocabulary.terms(Category.MASSAGE_TYPE).keySet());
        this.bodyResponses = subsets(List.copyOf(vocabulary.terms(Category.BODY_RESPONSE).keySet()));
        this.conditions = subsets(List.copyOf(vocabulary.terms(Category.CONDITION).keySet()));
        this.activityLevels = List.copyOf(vocabulary.terms(Category.ACTIVITY_LEVEL).keySet());
        this.trends = List.copyOf(vocabulary.terms(Category.SYMPTOM_TREND).keySet());
        this.weeks = List.copyOf(weeks);
        this.size = (long) goals.size() * massageTypes.size() * bodyResponses.size() * conditions.size()
                * activityLevels.size() * 2 * 2 * this.weeks.size() * trends.size();
    }

    /** When a rule uses weeksInTreatment other than by comparing it with a number, weeks are sampled this widely. */
    static final List<Integer> WIDE_WEEKS = List.of(0, 1, 2, 3, 4, 6, 8, 12, 16, 26, 52);

    /**
     * Representative weeks for the comparisons the rules make with weeksInTreatment (found in the DRL
     * text; invariants add theirs as "at least" thresholds). Each comparison with a number cuts the
     * weeks into classes no rule can tell apart; the buckets are 0 and the weeks on both sides of
     * every cut (for {@code weeksInTreatment >= 4}: 0, 3, 4). If a rule uses the field in any other
     * way, the cuts are unknown and {@link #WIDE_WEEKS} is used.
     */
    public static List<Integer> weekBuckets(List<String> drlTexts, List<Integer> atLeastThresholds) {
        TreeSet<Integer> cuts = new TreeSet<>(atLeastThresholds);
        for (String text : drlTexts) {
            String code = Linter.withoutComments(text);
            int uses = code.split("weeksInTreatment", -1).length - 1;
            Matcher m = WEEKS.matcher(code);
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
            if (uses != compared) {
                return WIDE_WEEKS;
            }
        }
        TreeSet<Integer> buckets = new TreeSet<>();
        buckets.add(0);
        for (int c : cuts) {
            if (c > 0) {
                buckets.add(c - 1);
                buckets.add(c);
            }
        }
        return List.copyOf(buckets);
    }

    private static List<List<String>> subsets(List<String> terms) {
        List<List<String>> out = new ArrayList<>();
        for (int mask = 0; mask < (1 << terms.size()); mask++) {
            List<String> s = new ArrayList<>();
            for (int i = 0; i < terms.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    s.add(terms.get(i));
                }
            }
            out.add(List.copyOf(s));
        }
        return out;
    }

    public long size() {
        return size;
    }

    /** How many values each field takes, for the report. */
    public Map<String, Integer> dimensions() {
        Map<String, Integer> d = new LinkedHashMap<>();
        d.put("goal", goals.size());
        d.put("massageType", massageTypes.size());
        d.put("bodyResponse (subsets)", bodyResponses.size());
        d.put("conditions (subsets)", conditions.size());
        d.put("activityLevel", activityLevels.size());
        d.put("medicalApproval", 2);
        d.put("guidedByTherapist", 2);
        d.put("weeksInTreatment " + weeks, weeks.size());
        d.put("symptomTrend", trends.size());
        return d;
    }

    /** The index-th profile, 0 <= index < size(). */
    public Client get(long index) {
        long i = index;
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
        return new Client(null, goal, type, body, conds, activity, approved, guided, week, trend);
    }

    /**
     * How far a profile is from the plainest client: one for each listed term, each flag set, weeks
     * above zero and a trend other than the default. Smaller counterexamples are easier to read.
     */
    public static int complexity(Client c) {
        return c.bodyResponse().size() + c.conditions().size() + (c.medicalApproval() ? 1 : 0)
                + (c.guidedByTherapist() ? 1 : 0) + (c.weeksInTreatment() > 0 ? 1 : 0)
                + (Client.DEFAULT_SYMPTOM_TREND.equals(c.symptomTrend()) ? 0 : 1);
    }
}
