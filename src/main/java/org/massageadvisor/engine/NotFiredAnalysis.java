package org.massageadvisor.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.base.ClassObjectType;
import org.drools.base.base.ValueResolver;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.AlphaNodeFieldConstraint;
import org.drools.base.rule.constraint.Constraint;
import org.drools.mvel.MVELConstraint;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.massageadvisor.client.Client;
import org.massageadvisor.facts.Conclusions;
import org.massageadvisor.facts.MassageType;

/**
 * The rules that did not fire for a client, grouped by concern (the DRL file), each with the first of
 * its conditions that no fact satisfied. It settles its own session for the client (as the
 * {@link Evaluator} does), then checks each unfired rule's patterns, as Drools compiled them, against
 * the facts left in working memory: a pattern fails when no fact of its type passes its own (alpha)
 * constraints, a {@code not} fails when one does. Joins between patterns ({@code client == $client})
 * are not re-checked: every derived fact here is keyed on the one client, so they hold whenever both
 * sides exist. A rule whose conditions all pass this way is reported without a reason.
 */
public final class NotFiredAnalysis {

    /** A rule that did not fire: where it is written and, when found, the condition that failed. */
    public record NotFired(String rule, String file, Integer line, String concern, String reason) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern LEADING_FIELD = Pattern.compile("^!?\\s*([a-zA-Z_][a-zA-Z0-9_]*)");

    private final RuleBase ruleBase;
    private final Map<String, RuleImpl> compiled = new HashMap<>();

    public NotFiredAnalysis(RuleBase ruleBase) {
        this.ruleBase = ruleBase;
        for (KiePackage pkg : ruleBase.kieBase().getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                if (rule instanceof RuleImpl impl) {
                    compiled.put(rule.getName(), impl);
                }
            }
        }
    }

    /** Concern (DRL file name without {@code .drl}) to the rules of that file that did not fire, in declaration order. */
    public Map<String, List<NotFired>> analyse(Client client, Collection<String> firedRules) {
        Set<String> fired = new HashSet<>(firedRules);
        Map<String, List<NotFired>> byConcern = new LinkedHashMap<>();
        KieSession session = ruleBase.kieBase().newKieSession();
        try {
            if (ruleBase.hasCollector()) {
                // The conclusions are not needed here: only the derived facts left in working memory.
                session.setGlobal(Conclusions.GLOBAL, (Conclusions) conclusion -> { });
            }
            session.insert(client);
            session.insert(new MassageType(client.massageType(), ruleBase.vocabulary().isIntense(client.massageType())));
            session.fireAllRules(Evaluator.MAX_FIRINGS);
            List<FactHandle> handles = new ArrayList<>(session.getFactHandles());
            ValueResolver resolver = session instanceof ValueResolver v ? v : null;
            for (RuleInfo info : ruleBase.rules().values()) {
                if (fired.contains(info.name())) {
                    continue;
                }
                String reason = null;
                RuleImpl impl = compiled.get(info.name());
                if (impl != null && resolver != null) {
                    reason = reason(impl.getLhs(), session, handles, resolver);
                }
                String concern = concern(info.file());
                byConcern.computeIfAbsent(concern, k -> new ArrayList<>())
                        .add(new NotFired(info.name(), info.file(), info.line() > 0 ? info.line() : null, concern, reason));
            }
        } finally {
            session.dispose();
        }
        return byConcern;
    }

    /** {@code rules-drl/goal-ranges.drl} (or the table {@code goal-ranges.csv}) -> {@code goal-ranges}. */
    public static String concern(String file) {
        if (file == null) {
            return "(unknown file)";
        }
        String name = Path.of(file).getFileName().toString();
        return name.replaceFirst("(?i)\\.(drl|csv|xlsx)$", "");
    }

    private static String reason(GroupElement lhs, KieSession session, List<FactHandle> handles, ValueResolver resolver) {
        for (RuleConditionElement element : lhs.getChildren()) {
            if (element instanceof org.drools.base.rule.Pattern pattern) {
                String failed = failedPattern(pattern, session, handles, resolver);
                if (failed != null) {
                    return failed;
                }
            } else if (element instanceof GroupElement group && (group.isNot() || group.isExists())
                    && group.getChildren().size() == 1 && group.getChildren().get(0) instanceof org.drools.base.rule.Pattern inner) {
                List<FactHandle> matching = matching(inner, handles, resolver, null);
                if (group.isNot() && !matching.isEmpty()) {
                    return "`not " + text(inner) + "` does not hold: a " + typeName(inner) + " was established for this client";
                }
                if (group.isExists() && matching.isEmpty()) {
                    return "`exists " + text(inner) + "` does not hold: no " + typeName(inner) + " matches";
                }
            }
        }
        return null;
    }

    /** Why a positive pattern has no match, or null when some fact passes all its own constraints. */
    private static String failedPattern(org.drools.base.rule.Pattern pattern, KieSession session, List<FactHandle> handles,
            ValueResolver resolver) {
        List<FactHandle> candidates = ofType(pattern, handles);
        if (candidates.isEmpty()) {
            return "no match for `" + text(pattern) + "`: no " + typeName(pattern) + " was established for this client";
        }
        String[] failedAt = new String[1];
        List<FactHandle> survivors = matching(pattern, candidates, resolver, failedAt);
        if (!survivors.isEmpty()) {
            return null;
        }
        StringBuilder why = new StringBuilder("no match for `").append(text(pattern)).append("`");
        if (failedAt[0] != null) {
            why.append(": `").append(failedAt[0]).append("` is false");
            String actual = actualValue(failedAt[0], session.getObject(candidates.get(0)));
            if (actual != null && candidates.size() == 1) {
                why.append(" (").append(actual).append(")");
            }
        }
        return why.toString();
    }

    private static List<FactHandle> ofType(org.drools.base.rule.Pattern pattern, List<FactHandle> handles) {
        List<FactHandle> out = new ArrayList<>();
        if (!(pattern.getObjectType() instanceof ClassObjectType type)) {
            return out;
        }
        for (FactHandle h : handles) {
            Object fact = ((org.drools.core.common.InternalFactHandle) h).getObject();
            if (fact != null && type.getClassType().isInstance(fact)) {
                out.add(h);
            }
        }
        return out;
    }

    /** The facts of the pattern's type that pass each of its alpha constraints; {@code failedAt[0]} = the first that lets none through. */
    private static List<FactHandle> matching(org.drools.base.rule.Pattern pattern, List<FactHandle> handles, ValueResolver resolver,
            String[] failedAt) {
        List<FactHandle> survivors = ofType(pattern, handles);
        for (Constraint c : pattern.getConstraints()) {
            if (!(c instanceof AlphaNodeFieldConstraint alpha) || c.getType() != Constraint.ConstraintType.ALPHA) {
                continue;
            }
            List<FactHandle> next = new ArrayList<>();
            for (FactHandle h : survivors) {
                if (alpha.isAllowed(h, resolver)) {
                    next.add(h);
                }
            }
            if (next.isEmpty() && !survivors.isEmpty() && failedAt != null) {
                failedAt[0] = expression(c);
            }
            survivors = next;
        }
        return survivors;
    }

    /** For {@code goal == "X"}: "goal is CHRONIC_PAIN", read from the fact. */
    private static String actualValue(String expression, Object fact) {
        Matcher m = LEADING_FIELD.matcher(expression);
        if (!m.find() || fact == null) {
            return null;
        }
        try {
            JsonNode node = MAPPER.valueToTree(fact).get(m.group(1));
            return node == null ? null : m.group(1) + " is " + (node.isTextual() ? node.asText() : node.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String typeName(org.drools.base.rule.Pattern pattern) {
        return pattern.getObjectType() instanceof ClassObjectType t ? t.getClassType().getSimpleName() : String.valueOf(pattern.getObjectType());
    }

    private static String expression(Constraint c) {
        return c instanceof MVELConstraint m ? m.getExpression() : c.toString();
    }

    /** The pattern as it reads in DRL, from its compiled constraints: {@code Client( goal == "RELAXATION" )}. */
    static String text(org.drools.base.rule.Pattern pattern) {
        List<String> parts = new ArrayList<>();
        for (Constraint c : pattern.getConstraints()) {
            parts.add(expression(c));
        }
        return typeName(pattern) + (parts.isEmpty() ? "()" : "( " + String.join(", ", parts) + " )");
    }
}
