package org.massageadvisor.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The terms clinicians may use, read from {@code vocabulary.yaml} beside the rules, so that a new
 * condition or massage type needs a YAML line and a rule, not a new build. Terms keep the order the
 * file lists them in.
 */
public final class Vocabulary {

    public static final String FILE_NAME = "vocabulary.yaml";
    private static final Pattern TERM = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Set<String> INDICATORS = Set.of("info", "warning", "critical");

    private final Map<Category, Map<String, Term>> terms;
    /** The two categories every evaluation looks up, held directly (a lookup fewer on the hot path). */
    private final Map<String, Term> warnings;
    private final Map<String, Term> massageTypes;

    public Vocabulary(Map<Category, Map<String, Term>> terms) {
        Map<Category, Map<String, Term>> copy = new EnumMap<>(Category.class);
        terms.forEach((c, m) -> copy.put(c, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        this.terms = Collections.unmodifiableMap(copy);
        this.warnings = terms(Category.WARNING);
        this.massageTypes = terms(Category.MASSAGE_TYPE);
    }

    /** The terms of one category, in file order. */
    public Map<String, Term> terms(Category category) {
        return terms.getOrDefault(category, Map.of());
    }

    /** Severity ranks, most severe first: the order warnings are reported in. */
    public static final List<String> SEVERITY = List.of("critical", "warning", "info");

    /** How urgent a warning is for its subject: the code's {@code bySubject} entry, else its indicator ("warning" if unknown). */
    public String indicator(String code, String subject) {
        Term t = warnings.get(code);
        String indicator = t == null ? null : t.indicator(subject);
        return indicator == null ? "warning" : indicator;
    }

    public boolean isIntense(String massageType) {
        Term t = massageTypes.get(massageType);
        return t != null && t.intense();
    }

    /**
     * The known term a raw input value names (case-insensitive), upper-cased; otherwise an
     * {@link InputException} that offers the closest known term.
     */
    public String canonical(Category category, String raw, Position at, String field) {
        String known = known(category, raw);
        if (known != null) {
            return known;
        }
        String name = raw.trim().toUpperCase(Locale.ROOT);
        throw InputException.forField(at, field, "unknown term (" + raw.trim() + ")"
                + Suggestions.hint(name, terms(category).keySet())
                + " Known: " + String.join(", ", terms(category).keySet()));
    }

    /** The term as the vocabulary spells it (case and surrounding blanks do not matter), or null when it knows no such term. */
    public String known(Category category, String raw) {
        String name = raw.trim().toUpperCase(Locale.ROOT);
        return terms(category).containsKey(name) ? name : null;
    }

    public static Vocabulary load(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InputException(Position.of(name), "no vocabulary file here (the rules folder needs one)");
        }
        try (Reader reader = org.massageadvisor.io.Bounded.reader(file, org.massageadvisor.io.Bounded.DOCUMENT, "the vocabulary")) {
            return parse(Node.read(Yaml.MAPPER, reader, name));
        } catch (IOException e) {
            throw org.massageadvisor.io.EnvironmentException.of(name, "cannot read", e);
        }
    }

    static Vocabulary parse(Node root) {
        if (!(root instanceof Node.Obj top)) {
            throw new InputException(root.at(), "the vocabulary must be a mapping of categories");
        }
        Map<String, Category> byKey = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            byKey.put(c.key(), c);
        }
        Map<Category, Map<String, Term>> terms = new EnumMap<>(Category.class);
        top.fields().forEach((key, value) -> {
            Category category = byKey.get(key);
            Position keyAt = top.keys().get(key);
            if (category == null) {
                throw new InputException(keyAt, "unknown category (" + key + ")"
                        + Suggestions.hint(key, byKey.keySet()) + " Known: " + String.join(", ", byKey.keySet()));
            }
            terms.put(category, parseCategory(category, value));
        });
        for (Category c : Category.values()) {
            if (terms.getOrDefault(c, Map.of()).isEmpty()) {
                throw new InputException(root.at(), "category '" + c.key() + "' is missing or empty");
            }
        }
        return new Vocabulary(terms);
    }

    private static Map<String, Term> parseCategory(Category category, Node node) {
        if (!(node instanceof Node.Obj obj)) {
            throw new InputException(node.at(), "category '" + category.key() + "' must map each term to its description");
        }
        Map<String, Term> out = new LinkedHashMap<>();
        obj.fields().forEach((name, value) -> {
            Position at = obj.keys().get(name);
            if (!TERM.matcher(name).matches()) {
                throw new InputException(at, "term (" + name + ") must be UPPER_SNAKE_CASE");
            }
            out.put(name, parseTerm(category, name, value, at));
        });
        return out;
    }

    private static Term parseTerm(Category category, String name, Node value, Position at) {
        if (value instanceof Node.Scalar s && s.value().isTextual()) {
            if (category == Category.MASSAGE_TYPE) {
                throw new InputException(at, "massage type (" + name + ") needs 'intense: true|false' and a 'description'");
            }
            return new Term(category, name, s.value().asText(), false, category == Category.WARNING ? "warning" : null);
        }
        if (!(value instanceof Node.Obj obj)) {
            throw new InputException(at, "term (" + name + ") needs a description");
        }
        List<String> allowed = switch (category) {
            case MASSAGE_TYPE -> List.of("description", "intense");
            case WARNING -> List.of("description", "indicator", "bySubject");
            default -> List.of("description");
        };
        obj.fields().forEach((k, v) -> {
            if (!allowed.contains(k)) {
                throw new InputException(obj.keys().get(k), "unknown key (" + k + ") for term " + name
                        + Suggestions.hint(k, allowed) + " Allowed: " + String.join(", ", allowed));
            }
        });
        String description = text(obj, "description", name);
        boolean intense = false;
        if (category == Category.MASSAGE_TYPE) {
            Node flag = obj.fields().get("intense");
            if (!(flag instanceof Node.Scalar s) || !s.value().isBoolean()) {
                throw new InputException(flag == null ? at : flag.at(), "massage type (" + name + ") needs 'intense: true' or 'intense: false'");
            }
            intense = s.value().asBoolean();
        }
        String indicator = null;
        if (category == Category.WARNING) {
            indicator = obj.fields().containsKey("indicator") ? text(obj, "indicator", name) : "warning";
            if (!INDICATORS.contains(indicator)) {
                throw new InputException(obj.fields().get("indicator").at(), "indicator (" + indicator + ") must be one of info, warning, critical");
            }
        }
        Map<String, String> bySubject = new LinkedHashMap<>();
        Node subjectsNode = obj.fields().get("bySubject");
        if (category == Category.WARNING && subjectsNode != null && !(subjectsNode instanceof Node.Scalar ns && ns.isNull())) {
            if (!(obj.fields().get("bySubject") instanceof Node.Obj subjects)) {
                throw new InputException(obj.fields().get("bySubject").at(), "bySubject of " + name + " must map subjects to indicators");
            }
            subjects.fields().forEach((subject, v) -> {
                Position vAt = subjects.keys().get(subject);
                String level = v instanceof Node.Scalar s && s.value().isTextual() ? s.value().asText() : null;
                if (level == null || !INDICATORS.contains(level)) {
                    throw new InputException(vAt, "indicator (" + (level == null ? Node.kind(v) : level) + ") of " + name
                            + " for " + subject + " must be one of info, warning, critical");
                }
                bySubject.put(subject, level);
            });
        }
        return new Term(category, name, description, intense, indicator, bySubject);
    }

    private static String text(Node.Obj obj, String key, String term) {
        Node n = obj.fields().get(key);
        if (n instanceof Node.Scalar s && s.value() != null && s.value().isTextual()) {
            return s.value().asText();
        }
        throw new InputException(n == null ? obj.at() : n.at(), "term (" + term + ") needs a text '" + key + "'");
    }

    /** The raw value of a scalar as text, for messages. */
    static String asText(JsonNode v) {
        return v == null ? "null" : v.asText();
    }
}
