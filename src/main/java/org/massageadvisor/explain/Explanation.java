package org.massageadvisor.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.Term;
import org.massageadvisor.engine.MetadataCheck;
import org.massageadvisor.engine.NotFiredAnalysis;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleInfo;
import org.massageadvisor.recommendation.Firing;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.IssuedTip;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Span;
import org.massageadvisor.recommendation.Status;
import org.massageadvisor.recommendation.Window;

/**
 * Why one client got their recommendation: the steps a person can follow from the starting range to
 * the answer ({@code why}: "start: every 3-7 days ...; +2 days: ...; = 5-7 days"), the rules that
 * fired in order (with the facts they matched, the interval before and after, and their provenance),
 * the rules that did not fire grouped by concern with the condition that failed, the warnings as
 * cards (summary, detail, indicator, source, after CDS Hooks cards) and the tips.
 */
@JsonPropertyOrder({"id", "status", "interval", "window", "headline", "why", "warnings", "tips", "firings", "notFired", "rulesetVersion"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Explanation(
        String id,
        Status status,
        Interval interval,
        Window window,
        String headline,
        List<Reason> why,
        List<Card> warnings,
        List<IssuedTip> tips,
        List<Step> firings,
        Map<String, List<NotFiredAnalysis.NotFired>> notFired,
        String rulesetVersion) {

    /** One firing, numbered from 1, with the sentence the narrative gives it. */
    @JsonPropertyOrder({"n", "rule", "concern", "file", "line", "metadata", "effect", "before", "after", "facts", "sentence"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(int n, String rule, String concern, String file, Integer line, Map<String, String> metadata, String effect,
            Span before, Span after, List<Object> facts, String sentence) {
    }

    /**
     * One step of the why list: what changed ({@code start}, {@code +2 days}, {@code at least 3 days},
     * {@code refer}, {@code =}), the rule that changed it (a sentence), its guidance section and the
     * interval after it.
     */
    @JsonPropertyOrder({"step", "because", "guidance", "result", "text"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reason(String step, String because, String guidance, Span result) {

        /** "+2 days: Muscles that need recovery wait two more days before the next session (now 5-7 days)". */
        public String text() {
            if (step.equals("=")) {
                return "= " + (result == null ? "no interval" : result) + (because == null ? "" : ": " + because);
            }
            if (step.equals("start")) {
                return "start: every " + result + " (" + because + ")";
            }
            return step + ": " + because + (result == null ? "" : " (now " + result + ")");
        }
    }

    /** A warning as a card: a short summary, the full message, how urgent (info, warning, critical) and where it comes from. */
    @JsonPropertyOrder({"code", "subject", "summary", "detail", "indicator", "source"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Card(String code, String subject, String summary, String detail, String indicator, Source source) {
    }

    /** The guidance a card rests on and the rule that raised it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String label, String rule) {
    }

    /**
     * Builds the explanation of a recommendation made with {@code explain = true} for {@code client}
     * on {@code ruleBase}.
     */
    public static Explanation of(Recommendation r, Client client, RuleBase ruleBase) {
        if (r.explanation() == null) {
            throw new IllegalArgumentException("the recommendation was made without its explanation");
        }
        List<Step> steps = new ArrayList<>();
        int n = 1;
        for (Firing f : r.explanation()) {
            RuleInfo info = ruleBase.rule(f.rule());
            steps.add(new Step(n++, f.rule(), NotFiredAnalysis.concern(f.file()), f.file(), f.line(), metadata(info),
                    f.effect(), f.before(), f.after(), f.facts(), sentence(f, info)));
        }
        List<Card> cards = new ArrayList<>();
        for (IssuedWarning w : r.warnings()) {
            cards.add(card(w, ruleBase));
        }
        Map<String, List<NotFiredAnalysis.NotFired>> notFired = new NotFiredAnalysis(ruleBase).analyse(client, r.firedRules());
        return new Explanation(r.id(), r.status(), r.interval(), r.window(), headline(r), why(r, steps), cards, r.tips(), steps,
                notFired, r.rulesetVersion());
    }

    /**
     * The steps that made the interval, in order: the start, every change (an adjustment or a floor
     * that moved it; floors already met are left to the rule list), each referral, then the result.
     */
    static List<Reason> why(Recommendation r, List<Step> steps) {
        List<Reason> why = new ArrayList<>();
        for (Step s : steps) {
            String guidance = section(s.metadata().get("source"));
            if (s.effect().startsWith("refers the client")) {
                why.add(new Reason("refer", s.rule(), guidance, null));
            } else if (s.after() != null && s.before() == null) {
                why.add(new Reason("start", s.rule(), guidance, s.after()));
            } else if (s.after() != null && !s.after().equals(s.before())) {
                why.add(new Reason(change(s.before(), s.after(), s.effect()), s.rule(), guidance, s.after()));
            }
        }
        String result = r.window() == null ? null : "next massage " + r.window();
        why.add(new Reason("=", result, null, r.interval() == null ? null : new Span(r.interval().minDays(), r.interval().maxDays())));
        return why;
    }

    /** "+2 days", "-1 day", "+1 / +2 days", "at least 3 days" for a floor. */
    static String change(Span before, Span after, String effect) {
        if (effect.contains("at least")) {
            return "at least " + after.minDays() + (after.minDays() == 1 ? " day" : " days");
        }
        int min = after.minDays() - before.minDays();
        int max = after.maxDays() - before.maxDays();
        if (min == max || max == 0 || min == 0) {
            int d = min != 0 ? min : max;
            String days = Math.abs(d) == 1 ? " day" : " days";
            String which = min == max ? "" : min == 0 ? " (longest wait)" : " (shortest wait)";
            return signed(d) + days + which;
        }
        return signed(min) + " / " + signed(max) + " days";
    }

    private static String signed(int n) {
        return n >= 0 ? "+" + n : Integer.toString(n);
    }

    /** The why list as plain lines, one step a line. */
    public List<String> whyLines() {
        return why.stream().map(Reason::text).toList();
    }

    /** The rule's metadata, the provenance keys first in their documented order, then any others by name. */
    private static Map<String, String> metadata(RuleInfo info) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String key : MetadataCheck.REQUIRED) {
            if (info.metadata().containsKey(key)) {
                ordered.put(key, info.metadata().get(key));
            }
        }
        new java.util.TreeMap<>(info.metadata()).forEach(ordered::putIfAbsent);
        return ordered;
    }

    static String headline(Recommendation r) {
        if (r.status() == Status.REFER) {
            return "No interval: the client is referred (see the first warning) before any further back massage.";
        }
        return r.interval() + " between back massages" + (r.window() == null ? "." : ": next massage " + r.window() + ".");
    }

    /** "Rule name (guidance section): 3-7 days becomes 5-7 days." */
    static String sentence(Firing f, RuleInfo info) {
        StringBuilder b = new StringBuilder(f.rule());
        String section = section(info.source());
        if (section != null) {
            b.append(" (").append(section).append(')');
        }
        if (f.after() != null && f.before() == null) {
            b.append(": start at ").append(f.after());
        } else if (f.after() != null) {
            b.append(": ").append(f.before().equals(f.after()) ? "already met at " + f.after() : f.before() + " becomes " + f.after());
        } else {
            // Derived facts ("establishes RecoveryNeeded") are the engine's bookkeeping, not news for the client.
            List<String> told = new ArrayList<>();
            for (String part : f.effect().split("; ")) {
                if (!part.startsWith("establishes ") && !part.startsWith("no new fact")) {
                    told.add(part);
                }
            }
            if (!told.isEmpty()) {
                b.append(": ").append(String.join("; ", told));
            }
        }
        return b.append('.').toString();
    }

    /** The first guidance section a {@code @source} names: "General Guidelines: injury recovery". */
    static String section(String source) {
        if (source == null || source.isBlank()) {
            return null;
        }
        int semi = source.indexOf(';');
        return (semi < 0 ? source : source.substring(0, semi)).trim();
    }

    private static Card card(IssuedWarning w, RuleBase ruleBase) {
        Term term = ruleBase.vocabulary().terms(Category.WARNING).get(w.code());
        String indicator = w.indicator() != null ? w.indicator() : ruleBase.vocabulary().indicator(w.code(), w.subject());
        String description = term == null || term.description() == null ? w.code() : term.description();
        String summary = w.subject() == null ? description : humanize(w.subject()) + ": " + lowerFirst(description);
        Source source = null;
        if (w.rule() != null) {
            source = new Source(section(ruleBase.rule(w.rule()).source()), w.rule());
        }
        return new Card(w.code(), w.subject(), summary, w.message(), indicator, source);
    }

    /** HERNIATED_DISC -> Herniated disc. */
    public static String humanize(String term) {
        String words = term.replace('_', ' ').toLowerCase(Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1))) ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
