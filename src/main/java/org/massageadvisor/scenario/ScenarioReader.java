package org.massageadvisor.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Node;
import org.massageadvisor.client.Position;
import org.massageadvisor.client.ProfileReader;
import org.massageadvisor.client.Suggestions;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.recommendation.Status;

/**
 * Reads scenario files strictly: an unknown key, a bad term, a wrong type or an unknown rule name is
 * an {@link InputException} naming the file, line and key.
 */
public final class ScenarioReader {

    static final List<String> TOP_KEYS = List.of("name", "description", "given", "expect");
    static final List<String> EXPECT_KEYS = List.of("status", "interval", "warnings", "noWarnings", "tips", "noTips", "fired", "notFired",
            "firstWarning");
    static final List<String> INTERVAL_KEYS = List.of("minDays", "maxDays", "spread");
    static final List<String> INDICATORS = List.of("info", "warning", "critical");
    static final List<String> BOUND_KEYS = List.of("atLeast", "atMost");
    static final List<String> WARNING_KEYS = List.of("code", "subject");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Vocabulary vocabulary;
    private final ProfileReader profiles;
    private final Set<String> ruleNames;

    public ScenarioReader(Vocabulary vocabulary, Set<String> ruleNames) {
        this.vocabulary = vocabulary;
        this.profiles = new ProfileReader(vocabulary);
        this.ruleNames = ruleNames;
    }

    public Scenario read(Path file) {
        String name = file.toString();
        try (Reader reader = Files.newBufferedReader(file)) {
            return read(Node.read(YAML, reader, name), name);
        } catch (IOException e) {
            throw new InputException(Position.of(name), "cannot read: " + e.getMessage());
        }
    }

    Scenario read(Node root, String file) {
        Node.Obj top = Node.mapping(root, "a scenario", TOP_KEYS);
        Node given = top.fields().get("given");
        if (given == null) {
            throw new InputException(top.at(), "key 'given' is missing: a scenario needs a client profile");
        }
        Client client = profiles.read(given);
        String title = top.fields().containsKey("name") ? Node.text(top.fields().get("name"), "name") : Path.of(file).getFileName().toString();
        Node expect = top.fields().get("expect");
        Expectation expectation = expect == null || isNull(expect) ? Expectation.NONE : expectation(expect);
        return new Scenario(file, title, client, expectation);
    }

    /** The {@code expect:} part of a scenario; invariants.yaml states its expectations the same way. */
    public Expectation expectation(Node node) {
        Node.Obj obj = Node.mapping(node, "'expect'", EXPECT_KEYS);
        Map<String, Node> f = obj.fields();
        Status status = null;
        if (f.containsKey("status")) {
            String raw = Node.text(f.get("status"), "status").toUpperCase(Locale.ROOT);
            try {
                status = Status.valueOf(raw);
            } catch (IllegalArgumentException e) {
                throw InputException.forField(f.get("status").at(), "status", "unknown status (" + raw + ")"
                        + Suggestions.hint(raw, List.of("RECOMMENDED", "REFER")) + " Known: RECOMMENDED, REFER");
            }
        }
        boolean noInterval = false;
        Bound min = null;
        Bound max = null;
        Bound spread = null;
        Node interval = f.get("interval");
        if (interval != null) {
            if (isNull(interval)) {
                noInterval = true;
            } else {
                Node.Obj i = Node.mapping(interval, "'interval'", INTERVAL_KEYS);
                min = bound(i.fields().get("minDays"), "minDays");
                max = bound(i.fields().get("maxDays"), "maxDays");
                spread = bound(i.fields().get("spread"), "spread");
            }
        }
        String firstWarning = null;
        if (f.containsKey("firstWarning")) {
            firstWarning = Node.text(f.get("firstWarning"), "firstWarning").toLowerCase(Locale.ROOT);
            if (!INDICATORS.contains(firstWarning)) {
                throw InputException.forField(f.get("firstWarning").at(), "firstWarning", "unknown indicator (" + firstWarning
                        + ")" + Suggestions.hint(firstWarning, INDICATORS) + " Known: info, warning, critical");
            }
        }
        return new Expectation(status, noInterval, min, max,
                warnings(f.get("warnings"), "warnings"), warnings(f.get("noWarnings"), "noWarnings"),
                terms(f.get("tips"), "tips", Category.TIP), terms(f.get("noTips"), "noTips", Category.TIP),
                rules(f.get("fired"), "fired"), rules(f.get("notFired"), "notFired"), spread, firstWarning);
    }

    private static Bound bound(Node node, String key) {
        if (node == null) {
            return null;
        }
        if (node instanceof Node.Scalar s && s.value().isIntegralNumber()) {
            return new Bound(s.value().asInt(), null, null);
        }
        if (node instanceof Node.Obj) {
            Node.Obj obj = Node.mapping(node, "'" + key + "'", BOUND_KEYS);
            Integer atLeast = integer(obj.fields().get("atLeast"), "atLeast");
            Integer atMost = integer(obj.fields().get("atMost"), "atMost");
            if (atLeast == null && atMost == null) {
                throw InputException.forField(node.at(), key, "give a number, or atLeast and/or atMost");
            }
            return new Bound(null, atLeast, atMost);
        }
        throw InputException.forField(node.at(), key, "expected a whole number or { atLeast: N, atMost: N }, got " + Node.kind(node));
    }

    private static Integer integer(Node node, String key) {
        if (node == null) {
            return null;
        }
        if (node instanceof Node.Scalar s && s.value().isIntegralNumber()) {
            return s.value().asInt();
        }
        throw InputException.forField(node.at(), key, "expected a whole number, got " + Node.kind(node));
    }

    private List<ExpectedWarning> warnings(Node node, String key) {
        List<ExpectedWarning> out = new ArrayList<>();
        for (Node item : list(node, key)) {
            if (item instanceof Node.Obj) {
                Node.Obj obj = Node.mapping(item, "a warning", WARNING_KEYS);
                Node code = obj.fields().get("code");
                if (code == null) {
                    throw InputException.forField(item.at(), key, "a warning needs a 'code'");
                }
                String subject = obj.fields().containsKey("subject") ? subject(obj.fields().get("subject")) : null;
                out.add(new ExpectedWarning(term(code, key, Category.WARNING), subject));
            } else {
                out.add(new ExpectedWarning(term(item, key, Category.WARNING), null));
            }
        }
        return out;
    }

    /**
     * A warning's subject is a vocabulary term of some category (a condition, a body response...), or a
     * {@code $NAME} placeholder that invariants.yaml expands into every term of a list.
     */
    private String subject(Node node) {
        String raw = Node.text(node, "subject");
        if (raw.trim().matches("\\$[A-Z]+")) {
            return raw.trim();
        }
        String name = raw.trim().toUpperCase(Locale.ROOT);
        List<String> known = new ArrayList<>();
        for (Category c : Category.values()) {
            known.addAll(vocabulary.terms(c).keySet());
        }
        if (!known.contains(name)) {
            throw InputException.forField(node.at(), "subject", "unknown term (" + raw.trim() + ")" + Suggestions.hint(name, known));
        }
        return name;
    }

    private List<String> terms(Node node, String key, Category category) {
        List<String> out = new ArrayList<>();
        for (Node item : list(node, key)) {
            out.add(term(item, key, category));
        }
        return out;
    }

    private String term(Node node, String key, Category category) {
        return vocabulary.canonical(category, Node.text(node, key), node.at(), key);
    }

    private List<String> rules(Node node, String key) {
        List<String> out = new ArrayList<>();
        for (Node item : list(node, key)) {
            String rule = Node.text(item, key);
            if (!ruleNames.contains(rule)) {
                throw InputException.forField(item.at(), key, "no rule is named \"" + rule + "\""
                        + closestRule(rule, ruleNames));
            }
            out.add(rule);
        }
        return out;
    }

    private static String closestRule(String rule, Collection<String> names) {
        return Suggestions.closest(rule, names).map(s -> "; did you mean \"" + s + "\"?").orElse("");
    }

    private static List<Node> list(Node node, String key) {
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (node instanceof Node.Arr arr) {
            return arr.items();
        }
        throw InputException.forField(node.at(), key, "expected a list, got " + Node.kind(node));
    }

    private static boolean isNull(Node node) {
        return node instanceof Node.Scalar s && s.isNull();
    }
}
