package org.massageadvisor.cdshooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Node;
import org.massageadvisor.client.Position;
import org.massageadvisor.client.Vocabulary;

/**
 * Which coded concepts mean which vocabulary term, read from {@code terminology.yaml} in the rules
 * folder: conditions (SNOMED CT, ICD-10-CM, medication codes), massage types (procedure and service
 * codes), goals (appointment reasons) and body responses (observations). A code ending in {@code *}
 * stands for itself and every code that starts with it (ICD-10-CM and ATC are hierarchies).
 * {@code defaults} say what to assume when the record cannot tell.
 */
public final class Terminology {

    public static final String FILE_NAME = "terminology.yaml";

    /** The sections of the file, each mapping vocabulary terms of one category to codes. */
    static final Map<String, Category> SECTIONS = Map.of(
            "conditions", Category.CONDITION,
            "massageTypes", Category.MASSAGE_TYPE,
            "goals", Category.GOAL,
            "bodyResponses", Category.BODY_RESPONSE);
    static final List<String> TOP_KEYS = List.of("systems", "defaults", "conditions", "massageTypes", "goals", "bodyResponses");
    static final Map<String, Category> DEFAULT_KEYS = Map.of(
            "goal", Category.GOAL, "massageType", Category.MASSAGE_TYPE, "activityLevel", Category.ACTIVITY_LEVEL);

    /** What is assumed when the file itself leaves a default out (and lint says so). */
    static final Map<String, String> BUILT_IN_DEFAULTS = new java.util.TreeMap<>(Map.of(
            "goal", "RELAXATION", "massageType", "SWEDISH", "activityLevel", "MODERATE"));

    /** One code (or code prefix) that means a term, and where the file says so. */
    public record Mapping(Category category, String term, String system, String code, boolean prefix, Position at) {

        boolean matches(String codeSystem, String value) {
            return system.equals(codeSystem) && (prefix ? value.startsWith(code) : value.equals(code));
        }

        /** Whether two entries can match the same coded value. */
        boolean overlaps(Mapping other) {
            if (!system.equals(other.system)) {
                return false;
            }
            if (prefix && other.prefix) {
                return code.startsWith(other.code) || other.code.startsWith(code);
            }
            if (prefix) {
                return other.code.startsWith(code);
            }
            return other.prefix ? code.startsWith(other.code) : code.equals(other.code);
        }

        String display() {
            return code + (prefix ? "*" : "");
        }
    }

    /** A problem with the file that does not stop it being used: a duplicate, an overlap, an unknown term. */
    public record Problem(Position at, String message) {
    }

    /** What is assumed when the record does not say, with where the file says so. */
    public record Defaults(String goal, String massageType, String activityLevel) {
    }

    private final Map<String, String> systems;
    private final Defaults defaults;
    private final Map<Category, List<Mapping>> mappings;
    private final Map<String, Position> defaultPositions;
    private final List<Problem> problems;

    private Terminology(Map<String, String> systems, Defaults defaults, Map<String, Position> defaultPositions,
            Map<Category, List<Mapping>> mappings, List<Problem> problems) {
        this.systems = Collections.unmodifiableMap(systems);
        this.defaults = defaults;
        this.defaultPositions = Collections.unmodifiableMap(defaultPositions);
        this.mappings = mappings;
        this.problems = List.copyOf(problems);
    }

    public Defaults defaults() {
        return defaults;
    }

    /** Code system aliases (snomed, icd10cm ...) to their FHIR system URIs. */
    public Map<String, String> systems() {
        return systems;
    }

    public List<Mapping> mappings(Category category) {
        return mappings.getOrDefault(category, List.of());
    }

    /** The term of a category a coded value means, if the file lists it (the first entry that matches wins). */
    public Optional<String> term(Category category, String system, String code) {
        if (system == null || code == null) {
            return Optional.empty();
        }
        String value = code.trim();
        for (Mapping m : mappings(category)) {
            if (m.matches(system.trim(), value)) {
                return Optional.of(m.term());
            }
        }
        return Optional.empty();
    }

    /** Problems that do not stop the file being used, without the vocabulary check (see {@link #problems(Vocabulary)}). */
    public List<Problem> problems() {
        return problems;
    }

    /** Every problem, including terms and defaults the vocabulary does not know. */
    public List<Problem> problems(Vocabulary vocabulary) {
        List<Problem> all = new ArrayList<>(problems);
        for (Map.Entry<Category, List<Mapping>> e : mappings.entrySet()) {
            Map<String, Boolean> reported = new LinkedHashMap<>();
            for (Mapping m : e.getValue()) {
                if (!vocabulary.terms(e.getKey()).containsKey(m.term()) && reported.put(m.term(), true) == null) {
                    all.add(new Problem(m.at(), "unknown " + e.getKey().key() + " term (" + m.term() + "): not in "
                            + Vocabulary.FILE_NAME + "; known: " + String.join(", ", vocabulary.terms(e.getKey()).keySet())));
                }
            }
        }
        Map<String, String> given = Map.of("goal", nullToEmpty(defaults.goal()), "massageType", nullToEmpty(defaults.massageType()),
                "activityLevel", nullToEmpty(defaults.activityLevel()));
        DEFAULT_KEYS.forEach((key, category) -> {
            String term = given.get(key);
            if (!term.isEmpty() && !vocabulary.terms(category).containsKey(term)) {
                all.add(new Problem(defaultPositions.getOrDefault(key, Position.of("")), "default " + key + " (" + term + ") is not a "
                        + category.key() + " term in " + Vocabulary.FILE_NAME));
            }
        });
        all.sort(java.util.Comparator.comparingInt((Problem p) -> p.at().line()).thenComparingInt(p -> p.at().column()));
        return all;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Reads the file's text; a structural error (not a mapping, a code that is not text) is an {@link InputException}. */
    public static Terminology parse(String text, String file) {
        Node root = Node.read(new ObjectMapper(new YAMLFactory()), new StringReader(text), file);
        Node.Obj top = Node.mapping(root, "the terminology file", TOP_KEYS);
        List<Problem> problems = new ArrayList<>();
        Map<String, String> systems = new LinkedHashMap<>();
        Node systemsNode = top.fields().get("systems");
        if (systemsNode == null) {
            throw new InputException(top.at(), "the terminology file needs a 'systems' mapping (alias: FHIR system URI)");
        }
        if (!(systemsNode instanceof Node.Obj sys)) {
            throw new InputException(systemsNode.at(), "'systems' must map each alias to a FHIR system URI");
        }
        sys.fields().forEach((alias, uri) -> systems.put(alias, Node.text(uri, "systems." + alias)));

        Map<String, Position> defaultPositions = new LinkedHashMap<>();
        Map<String, String> defaultValues = new LinkedHashMap<>();
        Node defaultsNode = top.fields().get("defaults");
        if (defaultsNode != null) {
            Node.Obj d = Node.mapping(defaultsNode, "'defaults'", List.copyOf(new java.util.TreeSet<>(DEFAULT_KEYS.keySet())));
            d.fields().forEach((key, value) -> {
                defaultValues.put(key, Node.text(value, "defaults." + key));
                defaultPositions.put(key, value.at());
            });
        }
        for (Map.Entry<String, String> builtIn : BUILT_IN_DEFAULTS.entrySet()) {
            if (!defaultValues.containsKey(builtIn.getKey())) {
                problems.add(new Problem(defaultsNode == null ? top.at() : defaultsNode.at(), "defaults." + builtIn.getKey()
                        + " is missing; " + builtIn.getValue() + " is assumed"));
                defaultValues.put(builtIn.getKey(), builtIn.getValue());
            }
        }
        Defaults defaults = new Defaults(defaultValues.get("goal"), defaultValues.get("massageType"), defaultValues.get("activityLevel"));

        Map<Category, List<Mapping>> mappings = new EnumMap<>(Category.class);
        for (String section : TOP_KEYS) {
            Category category = SECTIONS.get(section);
            Node node = top.fields().get(section);
            if (category == null || node == null) {
                continue;
            }
            mappings.put(category, section(category, section, node, systems, problems));
        }
        return new Terminology(systems, defaults, defaultPositions, mappings, problems);
    }

    private static List<Mapping> section(Category category, String section, Node node, Map<String, String> systems,
            List<Problem> problems) {
        if (!(node instanceof Node.Obj obj)) {
            throw new InputException(node.at(), "'" + section + "' must map each term to its codes");
        }
        List<Mapping> out = new ArrayList<>();
        obj.fields().forEach((term, codes) -> {
            if (!(codes instanceof Node.Obj bySystem)) {
                throw new InputException(codes.at(), "term (" + term + ") must map code system aliases to lists of codes");
            }
            bySystem.fields().forEach((alias, list) -> {
                String system = systems.get(alias);
                if (system == null) {
                    throw new InputException(bySystem.keys().get(alias), "unknown code system (" + alias + ") for term " + term
                            + "; declared under 'systems': " + String.join(", ", systems.keySet()));
                }
                List<Node> items = list instanceof Node.Arr arr ? arr.items() : List.of(list);
                for (Node item : items) {
                    String raw = code(item, section + "." + term + "." + alias);
                    boolean prefix = raw.endsWith("*");
                    String code = prefix ? raw.substring(0, raw.length() - 1) : raw;
                    Mapping m = new Mapping(category, term, system, code, prefix, item.at());
                    for (Mapping earlier : out) {
                        if (earlier.overlaps(m)) {
                            problems.add(new Problem(m.at(), earlier.term().equals(term)
                                    ? "duplicate code (" + alias + " " + m.display() + ") for " + term + ", already listed at line "
                                            + earlier.at().line()
                                    : "code (" + alias + " " + m.display() + ") is in two terms: " + term + " here and "
                                            + earlier.term() + " (" + earlier.display() + ") at line " + earlier.at().line()));
                            break;
                        }
                    }
                    out.add(m);
                }
            });
        });
        return out;
    }

    private static String code(Node item, String field) {
        if (item instanceof Node.Scalar s && s.value() != null && (s.value().isTextual() || s.value().isIntegralNumber())) {
            String code = s.value().asText().trim();
            if (!code.isEmpty() && !code.equals("*")) {
                return code;
            }
        }
        throw InputException.forField(item.at(), field, "expected a code (text), got " + Node.kind(item));
    }
}
