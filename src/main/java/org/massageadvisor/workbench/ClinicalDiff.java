package org.massageadvisor.workbench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * What a change does to the rules, in the words a clinician reviews it in: rules added, removed or
 * renamed, metadata changed, and the numbers themselves ("range for CHRONIC_PAIN: 3-7 days -> 4-7
 * days"). DRL is read with Drools' own parser; CSV decision tables are compared row by row, keyed by
 * the rule name column or the first column.
 */
final class ClinicalDiff {

    private static final Pattern CONCLUSION = Pattern.compile("new\\s+(BaseRange|Adjustment|Floor|RecoveryMargin|Referral|Warning|Tip)\\s*\\(");
    private static final Pattern GOAL = Pattern.compile("goal\\s*==\\s*\"([A-Z_0-9]+)\"");
    private static final Pattern WHEN_THEN = Pattern.compile("(?s)\\bwhen\\b(.*?)\\bthen\\b");
    private static final Pattern CODE = Pattern.compile("\\(\\s*\"([A-Z_0-9]+)\"");
    private static final int MAX_TEXT = 160;

    private ClinicalDiff() {
    }

    /** The changes between two versions of one file; null content is an absent file. */
    static List<ClinicalChange> of(String path, byte[] before, byte[] after) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (before == null && after == null) {
            return List.of();
        }
        String a = before == null ? null : new String(before, StandardCharsets.UTF_8);
        String b = after == null ? null : new String(after, StandardCharsets.UTF_8);
        if (lower.endsWith(".drl")) {
            return drl(path, a, b);
        }
        if (lower.endsWith(".csv")) {
            return csv(path, a, b);
        }
        if (a == null) {
            return List.of(new ClinicalChange(path, null, "file added"));
        }
        if (b == null) {
            return List.of(new ClinicalChange(path, null, "file removed"));
        }
        if (lower.endsWith(".xlsx")) {
            return List.of(new ClinicalChange(path, null, "spreadsheet changed (open both versions to compare)"));
        }
        return lines(path, a, b);
    }

    // ---------------------------------------------------------------- DRL

    /** One rule as compared: its metadata, attributes, conditions and conclusions. */
    private record Rule(String name, Map<String, String> metadata, Map<String, String> attributes, String when, List<String> conclusions,
            String body) {

        /** The goal its conditions name, e.g. CHRONIC_PAIN, or null. */
        String goal() {
            Matcher m = GOAL.matcher(when);
            return m.find() ? m.group(1) : null;
        }
    }

    private static List<ClinicalChange> drl(String path, String before, String after) {
        Map<String, Rule> a;
        Map<String, Rule> b;
        try {
            a = before == null ? Map.of() : rules(before);
            b = after == null ? Map.of() : rules(after);
        } catch (IllegalArgumentException e) {
            return List.of(new ClinicalChange(path, null, "file changed; " + e.getMessage()));
        }
        List<ClinicalChange> out = new ArrayList<>();
        if (before == null) {
            out.add(new ClinicalChange(path, null, "file added"));
        } else if (after == null) {
            out.add(new ClinicalChange(path, null, "file removed"));
        }
        Set<String> removed = new LinkedHashSet<>(a.keySet());
        removed.removeAll(b.keySet());
        Set<String> added = new LinkedHashSet<>(b.keySet());
        added.removeAll(a.keySet());
        // A rule removed and another added with the same body: a rename.
        for (String old : List.copyOf(removed)) {
            for (String now : List.copyOf(added)) {
                if (a.get(old).body().equals(b.get(now).body())) {
                    out.add(new ClinicalChange(path, now, "rule renamed: \"" + old + "\" -> \"" + now + "\""));
                    removed.remove(old);
                    added.remove(now);
                    break;
                }
            }
        }
        for (String name : removed) {
            out.add(new ClinicalChange(path, name, "rule removed: \"" + name + "\"" + concluding(a.get(name))));
        }
        for (String name : added) {
            out.add(new ClinicalChange(path, name, "rule added: \"" + name + "\"" + concluding(b.get(name))));
        }
        for (String name : a.keySet()) {
            if (b.containsKey(name)) {
                out.addAll(changed(path, a.get(name), b.get(name)));
            }
        }
        return out;
    }

    private static String concluding(Rule r) {
        return r.conclusions().isEmpty() ? "" : " (" + String.join("; ", r.conclusions().stream().map(c -> describe(r, c)).toList()) + ")";
    }

    private static List<ClinicalChange> changed(String path, Rule a, Rule b) {
        List<ClinicalChange> out = new ArrayList<>();
        String name = a.name();
        Set<String> keys = new LinkedHashSet<>(a.metadata().keySet());
        keys.addAll(b.metadata().keySet());
        for (String k : keys) {
            String x = a.metadata().get(k);
            String y = b.metadata().get(k);
            if (!Objects.equals(x, y)) {
                out.add(new ClinicalChange(path, name, "@" + k + ": " + shown(x) + " -> " + shown(y)));
            }
        }
        Set<String> attributes = new LinkedHashSet<>(a.attributes().keySet());
        attributes.addAll(b.attributes().keySet());
        for (String k : attributes) {
            String x = a.attributes().get(k);
            String y = b.attributes().get(k);
            if (!Objects.equals(x, y)) {
                out.add(new ClinicalChange(path, name, k + ": " + (x == null ? "(none)" : x) + " -> " + (y == null ? "(none)" : y)));
            }
        }
        if (!a.when().equals(b.when())) {
            out.add(new ClinicalChange(path, name, "conditions: " + clip(a.when()) + " -> " + clip(b.when())));
        }
        if (!a.conclusions().equals(b.conclusions())) {
            if (a.conclusions().size() == b.conclusions().size()) {
                for (int i = 0; i < a.conclusions().size(); i++) {
                    String x = a.conclusions().get(i);
                    String y = b.conclusions().get(i);
                    if (!x.equals(y)) {
                        out.add(new ClinicalChange(path, name, change(a, x, b, y)));
                    }
                }
            } else {
                out.add(new ClinicalChange(path, name, "conclusions: " + String.join("; ", a.conclusions().stream().map(c -> describe(a, c)).toList())
                        + " -> " + String.join("; ", b.conclusions().stream().map(c -> describe(b, c)).toList())));
            }
        } else if (!a.body().equals(b.body()) && a.when().equals(b.when())) {
            out.add(new ClinicalChange(path, name, "the consequence changed (no conclusion differs)"));
        }
        return out;
    }

    /** One conclusion before and after, e.g. "range for CHRONIC_PAIN: 3-7 days -> 4-7 days". */
    private static String change(Rule a, String x, Rule b, String y) {
        String typeX = type(x);
        String typeY = type(y);
        if (typeX.equals(typeY) && (typeX.equals("BaseRange") || typeX.equals("Adjustment") || typeX.equals("Floor"))) {
            String goal = b.goal() != null ? b.goal() : a.goal();
            return label(typeX) + (goal == null ? "" : " for " + goal) + ": " + numbers(typeX, x) + " -> " + numbers(typeY, y);
        }
        String before = describe(a, x);
        String after = describe(b, y);
        return before.equals(after) ? clip(x) + " -> " + clip(y) : before + " -> " + after;
    }

    private static String describe(Rule r, String conclusion) {
        String type = type(conclusion);
        if (type.equals("BaseRange") || type.equals("Adjustment") || type.equals("Floor")) {
            return label(type) + (r.goal() == null ? "" : " for " + r.goal()) + " " + numbers(type, conclusion);
        }
        Matcher code = CODE.matcher(conclusion);
        if ((type.equals("Tip") || type.equals("Warning")) && code.find()) {
            return type.toLowerCase(Locale.ROOT) + " " + code.group(1);
        }
        return clip(conclusion);
    }

    private static String label(String type) {
        return switch (type) {
            case "BaseRange" -> "range";
            case "Adjustment" -> "adjustment";
            case "Floor" -> "floor";
            default -> type;
        };
    }

    /** {@code 3-7 days} for a range or floor, {@code min +0, max -2 days} for an adjustment; the arguments as written otherwise. */
    private static String numbers(String type, String conclusion) {
        String args = conclusion.substring(conclusion.indexOf('(') + 1, conclusion.lastIndexOf(')')).strip();
        String[] parts = args.split("\\s*,\\s*");
        if (parts.length == 2 && parts[0].matches("-?\\d+") && parts[1].matches("-?\\d+")) {
            int min = Integer.parseInt(parts[0]);
            int max = Integer.parseInt(parts[1]);
            if (type.equals("Adjustment")) {
                return "min " + signed(min) + ", max " + signed(max) + " days";
            }
            return (min == max ? min : min + "-" + max) + " days";
        }
        return "(" + args + ")";
    }

    private static String signed(int n) {
        return n >= 0 ? "+" + n : Integer.toString(n);
    }

    private static String type(String conclusion) {
        Matcher m = CONCLUSION.matcher(conclusion);
        return m.find() ? m.group(1) : "";
    }

    /** The rules of a DRL text by name, read with Drools' parser. */
    private static Map<String, Rule> rules(String text) {
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException | RuntimeException e) {
            throw new IllegalArgumentException("it does not parse as DRL");
        }
        if (pkg == null || parser.hasErrors()) {
            throw new IllegalArgumentException("it does not parse as DRL");
        }
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (RuleDescr r : pkg.getRules()) {
            Map<String, String> metadata = new LinkedHashMap<>();
            for (AnnotationDescr an : r.getAnnotations()) {
                Object v = an.getSingleValue();
                metadata.put(an.getName(), v == null ? "" : unquote(v.toString()));
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (Map.Entry<String, AttributeDescr> e : r.getAttributes().entrySet()) {
                attributes.put(e.getKey(), e.getValue().getValue());
            }
            String source = r.getStartCharacter() >= 0 && r.getEndCharacter() > r.getStartCharacter() && r.getEndCharacter() <= text.length()
                    ? text.substring(r.getStartCharacter(), r.getEndCharacter()) : "";
            Matcher when = WHEN_THEN.matcher(source);
            String lhs = when.find() ? normalise(when.group(1)) : "";
            String consequence = r.getConsequence() == null ? "" : r.getConsequence().toString();
            rules.put(r.getName(), new Rule(r.getName(), metadata, attributes, lhs, conclusions(consequence),
                    lhs + " => " + normalise(consequence)));
        }
        return rules;
    }

    /** Each {@code new X( ... )} a consequence concludes, with its arguments, whitespace normalised. */
    private static List<String> conclusions(String consequence) {
        List<String> out = new ArrayList<>();
        Matcher m = CONCLUSION.matcher(consequence);
        while (m.find()) {
            int depth = 1;
            int i = m.end();
            while (i < consequence.length() && depth > 0) {
                char c = consequence.charAt(i);
                if (c == '"') {
                    i = consequence.indexOf('"', i + 1);
                    if (i < 0) {
                        break;
                    }
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                i++;
            }
            if (i < 0) {
                break;
            }
            out.add(normalise(consequence.substring(m.start(), i)));
        }
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static String normalise(String s) {
        return s.replaceAll("//[^\n]*", " ").replaceAll("\\s+", " ").replaceAll("\\s*([(),])\\s*", "$1").strip();
    }

    private static String shown(String v) {
        return v == null ? "(none)" : "\"" + clip(v) + "\"";
    }

    private static String clip(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 3) + "...";
    }

    // ---------------------------------------------------------------- CSV decision tables

    /** One table's rows by key, with the column labels. */
    private record Table(List<String> labels, Map<String, List<String>> rows) {
    }

    private static List<ClinicalChange> csv(String path, String before, String after) {
        List<ClinicalChange> out = new ArrayList<>();
        if (before == null) {
            out.add(new ClinicalChange(path, null, "table added"));
        } else if (after == null) {
            out.add(new ClinicalChange(path, null, "table removed"));
        }
        Table a;
        Table b;
        try {
            a = before == null ? new Table(List.of(), Map.of()) : table(before);
            b = after == null ? new Table(List.of(), Map.of()) : table(after);
        } catch (IOException | RuntimeException e) {
            out.add(new ClinicalChange(path, null, "table changed (it cannot be read as CSV)"));
            return out;
        }
        List<String> labels = b.labels().isEmpty() ? a.labels() : b.labels();
        for (String key : a.rows().keySet()) {
            if (!b.rows().containsKey(key)) {
                out.add(new ClinicalChange(path, key, "row removed: " + rowText(a.labels(), a.rows().get(key))));
            }
        }
        for (String key : b.rows().keySet()) {
            if (!a.rows().containsKey(key)) {
                out.add(new ClinicalChange(path, key, "row added: " + rowText(b.labels(), b.rows().get(key))));
            }
        }
        for (String key : a.rows().keySet()) {
            List<String> x = a.rows().get(key);
            List<String> y = b.rows().get(key);
            if (y == null || x.equals(y)) {
                continue;
            }
            int min = column(labels, "min days");
            int max = column(labels, "max days");
            int goal = column(labels, "goal");
            boolean rangeChanged = min >= 0 && max >= 0 && (!cell(x, min).equals(cell(y, min)) || !cell(x, max).equals(cell(y, max)));
            if (rangeChanged) {
                String subject = goal >= 0 ? cell(y, goal) : key;
                out.add(new ClinicalChange(path, key, "range for " + subject + ": " + range(cell(x, min), cell(x, max)) + " -> "
                        + range(cell(y, min), cell(y, max))));
            }
            for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
                if (rangeChanged && (i == min || i == max)) {
                    continue;
                }
                if (!cell(x, i).equals(cell(y, i))) {
                    String label = i < labels.size() && !labels.get(i).isBlank() ? labels.get(i) : "column " + (i + 1);
                    out.add(new ClinicalChange(path, key, label + " for " + key + ": " + shownCell(cell(x, i)) + " -> " + shownCell(cell(y, i))));
                }
            }
        }
        return out;
    }

    private static String range(String min, String max) {
        return (min.equals(max) ? min : min + "-" + max) + " days";
    }

    private static String shownCell(String v) {
        return v.isEmpty() ? "(empty)" : clip(v);
    }

    private static String rowText(List<String> labels, List<String> row) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            if (!row.get(i).isBlank()) {
                parts.add((i < labels.size() && !labels.get(i).isBlank() ? labels.get(i) + " " : "") + clip(row.get(i)));
            }
        }
        return String.join(", ", parts);
    }

    private static int column(List<String> labels, String name) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).strip().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String cell(List<String> row, int i) {
        return i >= 0 && i < row.size() ? row.get(i).strip() : "";
    }

    /**
     * A Drools CSV decision table: after the {@code RuleTable} row come the keyword row (CONDITION,
     * ACTION, NAME...), the object type row, the code row and the label row, then one row per rule.
     * Rows are keyed by the NAME column if there is one, else by their first non-empty cell. A file
     * with no RuleTable row is compared as plain rows keyed by their first cell.
     */
    private static Table table(String text) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(text)) {
            while (it.hasNext()) {
                rows.add(List.of(it.next()));
            }
        }
        int keywords = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).stream().anyMatch(c -> c.strip().toUpperCase(Locale.ROOT).startsWith("RULETABLE"))) {
                keywords = i + 1;
                break;
            }
        }
        List<String> labels = List.of();
        int nameColumn = -1;
        int first = 0;
        if (keywords > 0 && keywords < rows.size()) {
            List<String> kw = rows.get(keywords);
            for (int i = 0; i < kw.size(); i++) {
                if (kw.get(i).strip().equalsIgnoreCase("NAME")) {
                    nameColumn = i;
                }
            }
            labels = keywords + 3 < rows.size() ? rows.get(keywords + 3) : List.of();
            first = keywords + 4;
        }
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (int i = first; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            String key = nameColumn >= 0 ? cell(row, nameColumn) : row.stream().map(String::strip).filter(c -> !c.isEmpty()).findFirst().orElse("");
            String unique = key;
            for (int n = 2; byKey.containsKey(unique); n++) {
                unique = key + " (" + n + ")";
            }
            byKey.put(unique, row);
        }
        return new Table(labels, byKey);
    }

    // ---------------------------------------------------------------- other text files

    private static List<ClinicalChange> lines(String path, String before, String after) {
        List<String> a = List.of(before.split("\r?\n"));
        List<String> b = List.of(after.split("\r?\n"));
        List<ClinicalChange> out = new ArrayList<>();
        Set<String> inB = new LinkedHashSet<>(b);
        Set<String> inA = new LinkedHashSet<>(a);
        a.stream().filter(l -> !l.isBlank() && !inB.contains(l)).limit(10).forEach(l -> out.add(new ClinicalChange(path, null, "line removed: " + clip(l.strip()))));
        b.stream().filter(l -> !l.isBlank() && !inA.contains(l)).limit(10).forEach(l -> out.add(new ClinicalChange(path, null, "line added: " + clip(l.strip()))));
        if (out.isEmpty()) {
            out.add(new ClinicalChange(path, null, "layout changed (no line differs in content)"));
        }
        return out;
    }
}
