package org.massageadvisor.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Node;
import org.massageadvisor.client.Position;
import org.massageadvisor.client.Suggestions;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.scenario.ExpectedWarning;
import org.massageadvisor.scenario.Expectation;
import org.massageadvisor.scenario.ScenarioReader;

/**
 * Reads {@code invariants.yaml} strictly (unknown keys and terms are errors naming file:line:col).
 * A {@code contains: $X} condition stands for every term of its list: the invariant is expanded
 * into one per term, with {@code $X} in warning subjects replaced by the term.
 */
public final class InvariantReader {

    public static final String FILE_NAME = "invariants.yaml";
    static final List<String> TOP_KEYS = List.of("invariants");
    static final List<String> INVARIANT_KEYS = List.of("name", "source", "when", "expect", "longerThanWithoutBodyResponse");
    static final List<String> WHEN_KEYS = List.of("goal", "massageType", "bodyResponse", "conditions", "activityLevel",
            "medicalApproval", "guidedByTherapist", "weeksInTreatment", "symptomTrend", "age", "status");
    static final List<String> LIST_TEST_KEYS = List.of("contains", "notContains", "containsAny", "empty");
    static final List<String> BOUND_KEYS = List.of("atLeast", "atMost");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Vocabulary vocabulary;
    private final ScenarioReader expectations;
    private final List<Integer> weekThresholds = new ArrayList<>();
    private final List<Integer> ageThresholds = new ArrayList<>();
    private final Map<Category, List<Set<String>>> termTests = new java.util.EnumMap<>(Category.class);

    public InvariantReader(Vocabulary vocabulary, Set<String> ruleNames) {
        this.vocabulary = vocabulary;
        this.expectations = new ScenarioReader(vocabulary, ruleNames);
    }

    public List<Invariant> read(String text, String file) {
        Node root = Node.read(YAML, new StringReader(text), file);
        if (root instanceof Node.Scalar s && s.isNull()) {
            return List.of();
        }
        Node.Obj top = Node.mapping(root, "the invariants file", TOP_KEYS);
        Node list = top.fields().get("invariants");
        if (!(list instanceof Node.Arr arr)) {
            throw new InputException(list == null ? top.at() : list.at(), "'invariants' must be a list");
        }
        List<Invariant> out = new ArrayList<>();
        for (Node item : arr.items()) {
            out.addAll(invariant(item));
        }
        return out;
    }

    private List<Invariant> invariant(Node node) {
        Node.Obj obj = Node.mapping(node, "an invariant", INVARIANT_KEYS);
        Node nameNode = obj.fields().get("name");
        if (nameNode == null) {
            throw new InputException(obj.at(), "an invariant needs a 'name'");
        }
        String name = Node.text(nameNode, "name");
        Node expectNode = obj.fields().get("expect");
        if (expectNode == null) {
            throw new InputException(obj.at(), "invariant (" + name + ") needs an 'expect'");
        }
        Expectation expect = expectations.expectation(expectNode);
        List<Invariant.Condition> fixed = new ArrayList<>();
        Variable variable = null;
        org.massageadvisor.recommendation.Status status = null;
        boolean longer = obj.fields().containsKey("longerThanWithoutBodyResponse")
                && bool(obj.fields().get("longerThanWithoutBodyResponse"), "longerThanWithoutBodyResponse");
        Node whenNode = obj.fields().get("when");
        if (whenNode != null && !(whenNode instanceof Node.Scalar s && s.isNull())) {
            Node.Obj when = Node.mapping(whenNode, "'when'", WHEN_KEYS);
            for (Map.Entry<String, Node> e : when.fields().entrySet()) {
                if (e.getKey().equals("status")) {
                    String raw = Node.text(e.getValue(), "status").toUpperCase(Locale.ROOT);
                    try {
                        status = org.massageadvisor.recommendation.Status.valueOf(raw);
                    } catch (IllegalArgumentException ex) {
                        throw InputException.forField(e.getValue().at(), "status", "unknown status (" + raw + ") Known: RECOMMENDED, REFER");
                    }
                    continue;
                }
                Variable v = variableIn(e.getKey(), e.getValue());
                if (v != null) {
                    if (variable != null) {
                        throw new InputException(e.getValue().at(), "only one 'contains: $X' per invariant");
                    }
                    variable = v;
                } else {
                    fixed.add(condition(e.getKey(), e.getValue()));
                }
            }
        }
        if (variable == null) {
            return List.of(new Invariant(name, obj.at(), fixed, status, expect, longer));
        }
        List<Invariant> expanded = new ArrayList<>();
        for (String term : vocabulary.terms(variable.category()).keySet()) {
            List<Invariant.Condition> when = new ArrayList<>(fixed);
            Function<Client, List<String>> list = variable.list();
            when.add(new Invariant.Condition(variable.field() + " contains " + term, c -> list.apply(c).contains(term)));
            expanded.add(new Invariant(name + " [" + variable.name() + "=" + term + "]", obj.at(), when, status,
                    bind(expect, variable.name(), term), longer));
        }
        return expanded;
    }

    private record Variable(String name, String field, Category category, Function<Client, List<String>> list) {
    }

    private static Variable variableIn(String field, Node value) {
        if (value instanceof Node.Obj obj && obj.fields().get("contains") instanceof Node.Scalar s
                && s.value().isTextual() && s.value().asText().startsWith("$")) {
            Category category = listCategory(field, obj.at());
            return new Variable(s.value().asText(), field, category, listOf(field));
        }
        return null;
    }

    private static Expectation bind(Expectation e, String variable, String term) {
        return e.withWarnings(bind(e.warnings(), variable, term), bind(e.noWarnings(), variable, term));
    }

    private static List<ExpectedWarning> bind(List<ExpectedWarning> warnings, String variable, String term) {
        return warnings.stream()
                .map(w -> variable.toUpperCase(Locale.ROOT).equals(w.subject()) ? new ExpectedWarning(w.code(), term) : w)
                .toList();
    }

    private Invariant.Condition condition(String field, Node value) {
        switch (field) {
            case "goal":
                return oneOf(field, Category.GOAL, value, Client::goal);
            case "activityLevel":
                return oneOf(field, Category.ACTIVITY_LEVEL, value, Client::activityLevel);
            case "symptomTrend":
                return oneOf(field, Category.SYMPTOM_TREND, value, Client::symptomTrend);
            case "massageType":
                if (value instanceof Node.Scalar s && s.value().isTextual()) {
                    String kind = s.value().asText().trim().toLowerCase(Locale.ROOT);
                    if (kind.equals("intense") || kind.equals("gentle")) {
                        boolean intense = kind.equals("intense");
                        return new Invariant.Condition("massageType is " + kind,
                                c -> vocabulary.isIntense(c.massageType()) == intense);
                    }
                }
                return oneOf(field, Category.MASSAGE_TYPE, value, Client::massageType);
            case "bodyResponse":
            case "conditions":
                return listTest(field, value);
            case "medicalApproval":
                return flag(field, value, Client::medicalApproval);
            case "guidedByTherapist":
                return flag(field, value, Client::guidedByTherapist);
            case "weeksInTreatment":
                return weeks(value);
            case "age":
                return age(value);
            default:
                throw new InputException(value.at(), "unknown field (" + field + ")");
        }
    }

    private Invariant.Condition oneOf(String field, Category category, Node value, Function<Client, String> get) {
        List<String> terms = new ArrayList<>();
        if (value instanceof Node.Arr arr) {
            for (Node item : arr.items()) {
                terms.add(term(category, item, field));
            }
        } else {
            terms.add(term(category, value, field));
        }
        termTests.computeIfAbsent(category, k -> new ArrayList<>()).add(Set.copyOf(terms));
        String text = terms.size() == 1 ? field + " is " + terms.get(0) : field + " is one of " + terms;
        return new Invariant.Condition(text, c -> terms.contains(get.apply(c)));
    }

    private Invariant.Condition listTest(String field, Node value) {
        Category category = listCategory(field, value.at());
        Function<Client, List<String>> list = listOf(field);
        Node.Obj obj = Node.mapping(value, "'" + field + "'", LIST_TEST_KEYS);
        if (obj.fields().size() != 1) {
            throw InputException.forField(obj.at(), field, "give exactly one of " + String.join(", ", LIST_TEST_KEYS));
        }
        Map.Entry<String, Node> test = obj.fields().entrySet().iterator().next();
        Node v = test.getValue();
        switch (test.getKey()) {
            case "contains": {
                String term = term(category, v, field);
                return new Invariant.Condition(field + " contains " + term, c -> list.apply(c).contains(term));
            }
            case "notContains": {
                String term = term(category, v, field);
                return new Invariant.Condition(field + " does not contain " + term, c -> !list.apply(c).contains(term));
            }
            case "containsAny": {
                List<String> terms = new ArrayList<>();
                if (!(v instanceof Node.Arr arr)) {
                    throw InputException.forField(v.at(), "containsAny", "expected a list of terms, got " + Node.kind(v));
                }
                for (Node item : arr.items()) {
                    terms.add(term(category, item, field));
                }
                return new Invariant.Condition(field + " contains any of " + terms,
                        c -> list.apply(c).stream().anyMatch(terms::contains));
            }
            default: {
                boolean empty = bool(v, "empty");
                return new Invariant.Condition(field + (empty ? " is empty" : " is not empty"), c -> list.apply(c).isEmpty() == empty);
            }
        }
    }

    private static Category listCategory(String field, Position at) {
        if (field.equals("conditions")) {
            return Category.CONDITION;
        }
        if (field.equals("bodyResponse")) {
            return Category.BODY_RESPONSE;
        }
        throw InputException.forField(at, field, "'contains: $X' works on list fields only (bodyResponse, conditions)");
    }

    private static Function<Client, List<String>> listOf(String field) {
        return field.equals("conditions") ? Client::conditions : Client::bodyResponse;
    }

    private static Invariant.Condition flag(String field, Node value, Predicate<Client> get) {
        boolean expected = bool(value, field);
        return new Invariant.Condition(expected ? field : "not " + field, c -> get.test(c) == expected);
    }

    /** The week counts the invariants read compare weeksInTreatment with (as "at least" thresholds). */
    public List<Integer> weekThresholds() {
        return List.copyOf(weekThresholds);
    }

    /** The ages the invariants read compare age with (as "at least" thresholds). */
    public List<Integer> ageThresholds() {
        return List.copyOf(ageThresholds);
    }

    /** For each single-term category, the term sets the invariants test (so verification keeps them apart). */
    public Map<Category, List<Set<String>>> termTests() {
        return termTests;
    }

    /** {@code age: absent}, {@code age: N} or {@code age: { atLeast, atMost }} (an absent age matches no bound). */
    private Invariant.Condition age(Node value) {
        if (value instanceof Node.Scalar s && s.value().isTextual() && s.value().asText().equals("absent")) {
            return new Invariant.Condition("age is absent", c -> c.age() == null);
        }
        if (value instanceof Node.Scalar s && s.value().isIntegralNumber()) {
            int n = s.value().asInt();
            ageThresholds.add(n);
            ageThresholds.add(n + 1);
            return new Invariant.Condition("age is " + n, c -> c.age() != null && c.age() == n);
        }
        Node.Obj obj = Node.mapping(value, "'age'", BOUND_KEYS);
        Integer atLeast = integer(obj.fields().get("atLeast"), "atLeast");
        Integer atMost = integer(obj.fields().get("atMost"), "atMost");
        if (atLeast == null && atMost == null) {
            throw InputException.forField(obj.at(), "age", "give absent, a number, or atLeast and/or atMost");
        }
        if (atLeast != null) {
            ageThresholds.add(atLeast);
        }
        if (atMost != null) {
            ageThresholds.add(atMost + 1);
        }
        String text = "age" + (atLeast == null ? "" : " at least " + atLeast) + (atMost == null ? "" : " at most " + atMost);
        return new Invariant.Condition(text, c -> c.age() != null && (atLeast == null || c.age() >= atLeast)
                && (atMost == null || c.age() <= atMost));
    }

    private Invariant.Condition weeks(Node value) {
        if (value instanceof Node.Scalar s && s.value().isIntegralNumber()) {
            int n = s.value().asInt();
            weekThresholds.add(n);
            weekThresholds.add(n + 1);
            return new Invariant.Condition("weeksInTreatment is " + n, c -> c.weeksInTreatment() == n);
        }
        Node.Obj obj = Node.mapping(value, "'weeksInTreatment'", BOUND_KEYS);
        Integer atLeast = integer(obj.fields().get("atLeast"), "atLeast");
        Integer atMost = integer(obj.fields().get("atMost"), "atMost");
        if (atLeast == null && atMost == null) {
            throw InputException.forField(obj.at(), "weeksInTreatment", "give a number, or atLeast and/or atMost");
        }
        if (atLeast != null) {
            weekThresholds.add(atLeast);
        }
        if (atMost != null) {
            weekThresholds.add(atMost + 1);
        }
        String text = "weeksInTreatment" + (atLeast == null ? "" : " at least " + atLeast) + (atMost == null ? "" : " at most " + atMost);
        return new Invariant.Condition(text, c -> (atLeast == null || c.weeksInTreatment() >= atLeast)
                && (atMost == null || c.weeksInTreatment() <= atMost));
    }

    static Integer integer(Node node, String key) {
        if (node == null) {
            return null;
        }
        if (node instanceof Node.Scalar s && s.value().isIntegralNumber()) {
            return s.value().asInt();
        }
        throw InputException.forField(node.at(), key, "expected a whole number, got " + Node.kind(node));
    }

    private String term(Category category, Node node, String field) {
        return vocabulary.canonical(category, Node.text(node, field), node.at(), field);
    }

    private static boolean bool(Node node, String key) {
        if (node instanceof Node.Scalar s && s.value().isBoolean()) {
            return s.value().asBoolean();
        }
        throw InputException.forField(node.at(), key, "expected true or false, got " + Node.kind(node));
    }
}
