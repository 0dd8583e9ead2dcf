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

/**
 * Why one client got their recommendation: a narrative a clinician can hand over, the rules that
 * fired in order (with the facts they matched, the interval before and after, and their provenance),
 * the rules that did not fire grouped by concern with the condition that failed, the warnings as
 * cards (summary, detail, indicator, source, after CDS Hooks cards) and the tips.
 */
@JsonPropertyOrder({"id", "status", "interval", "headline", "narrative", "warnings", "tips", "firings", "notFired", "rulesetVersion"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Explanation(
        String id,
        Status status,
        Interval interval,
        String headline,
        String narrative,
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
        String headline = headline(r);
        StringBuilder narrative = new StringBuilder(headline);
        for (Step s : steps) {
            narrative.append(' ').append(s.sentence());
        }
        Map<String, List<NotFiredAnalysis.NotFired>> notFired = new NotFiredAnalysis(ruleBase).analyse(client, r.firedRules());
        return new Explanation(r.id(), r.status(), r.interval(), headline, narrative.toString(), cards, r.tips(), steps, notFired,
                r.rulesetVersion());
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
        return r.interval() + " between back massages.";
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
    static String humanize(String term) {
        String words = term.replace('_', ' ').toLowerCase(Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1))) ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
