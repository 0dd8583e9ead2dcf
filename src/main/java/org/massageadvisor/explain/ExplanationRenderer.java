package org.massageadvisor.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.massageadvisor.engine.NotFiredAnalysis;
import org.massageadvisor.recommendation.IssuedTip;

/** An {@link Explanation} as plain text, Markdown, JSON or one self-contained HTML page. */
public final class ExplanationRenderer {

    /** The output formats of {@code advisor explain --format}. */
    public enum Format { text, markdown, json, html }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private ExplanationRenderer() {
    }

    public static String render(Explanation e, Format format) {
        if (format == Format.markdown) {
            return markdown(e);
        }
        if (format == Format.json) {
            return json(e, true);
        }
        if (format == Format.html) {
            return html(e);
        }
        return text(e);
    }

    static String json(Object value, boolean pretty) {
        try {
            return (pretty ? JSON : COMPACT).writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write JSON", ex);
        }
    }

    public static String text(Explanation e) {
        StringBuilder b = new StringBuilder();
        b.append(e.id() == null ? "" : "Client " + e.id() + ": ").append(e.headline()).append("\n\n");
        b.append("Why:\n");
        for (String line : e.whyLines()) {
            b.append(wrap(line, 100, "  ", "    ")).append('\n');
        }
        if (!e.warnings().isEmpty()) {
            b.append("\nWarnings:\n");
            for (Explanation.Card c : e.warnings()) {
                b.append("  [").append(c.indicator()).append("] ").append(c.summary()).append('\n');
                b.append(wrap(c.detail(), 100, "      ")).append('\n');
                if (c.source() != null) {
                    b.append("      Source: ").append(sourceText(c.source())).append('\n');
                }
            }
        }
        if (!e.tips().isEmpty()) {
            b.append("\nTips:\n");
            for (IssuedTip t : e.tips()) {
                b.append("  - ").append(t.message()).append('\n');
            }
        }
        b.append("\nRules that fired, in order:\n");
        for (Explanation.Step s : e.firings()) {
            b.append(String.format("%2d. %s%n", s.n(), s.rule()));
            b.append("    where:    ").append(where(s)).append('\n');
            appendMeta(b, s.metadata(), "    ");
            b.append("    effect:   ").append(s.effect()).append('\n');
            if (s.after() != null) {
                b.append("    interval: ").append(s.before() == null ? "(none yet)" : s.before()).append(" -> ").append(s.after()).append('\n');
            }
            if (s.facts() != null && !s.facts().isEmpty()) {
                b.append("    matched:  ").append(json(s.facts(), false)).append('\n');
            }
        }
        b.append("\nRules that did not fire, by concern:\n");
        for (Map.Entry<String, List<NotFiredAnalysis.NotFired>> c : e.notFired().entrySet()) {
            b.append("  ").append(c.getKey()).append('\n');
            for (NotFiredAnalysis.NotFired n : c.getValue()) {
                b.append("    - ").append(n.rule()).append(n.line() == null ? "" : " (line " + n.line() + ")").append('\n');
                if (n.reason() != null) {
                    b.append("        ").append(n.reason()).append('\n');
                }
            }
        }
        b.append("\nRule set ").append(e.rulesetVersion()).append('\n');
        return b.toString();
    }

    /** Markdown from {@code explanation.md.mustache}; every value Markdown-escaped, code literals in code spans. */
    public static String markdown(Explanation e) {
        return Templates.MARKDOWN.render("explanation.md", model(e, Links.FILES));
    }

    /** One page with its own styles and no outside resources (from {@code explanation.html.mustache}); every value is escaped. */
    public static String html(Explanation e) {
        return html(e, Links.FILES);
    }

    /** The page, with rule links to the rule files (a clone) or to the service's rules page. */
    public static String html(Explanation e, Links links) {
        return Templates.HTML.render("explanation.html", model(e, links));
    }

    /** Where a rule's link points: its file in the rules folder, or its entry on the service's rules page. */
    public enum Links { FILES, SERVICE }

    /** What the templates show, as plain maps and lists. */
    static Map<String, Object> model(Explanation e, Links links) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "Back massage interval" + (e.id() == null ? "" : " for " + e.id()));
        m.put("heading", (e.id() == null ? "" : "Client " + e.id() + ": ") + e.headline());
        m.put("why", e.why().stream().map(r -> Map.of("text", r.text(), "final", r.step().equals("="))).toList());
        List<String> lines = e.whyLines();
        m.put("steps", lines.subList(0, lines.size() - 1));
        m.put("result", lines.get(lines.size() - 1));
        m.put("warnings", e.warnings().stream().map(c -> {
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("indicator", c.indicator());
            card.put("indicatorUpper", c.indicator().toUpperCase(java.util.Locale.ROOT));
            card.put("summary", c.summary());
            card.put("detail", c.detail());
            card.put("code", code(c.code()));
            if (c.source() != null) {
                card.put("source", sourceText(c.source()));
            }
            return card;
        }).toList());
        m.put("hasWarnings", !e.warnings().isEmpty());
        m.put("tips", e.tips().stream().map(IssuedTip::message).toList());
        m.put("hasTips", !e.tips().isEmpty());
        m.put("firings", e.firings().stream().map(s -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("n", s.n());
            f.put("rule", s.rule());
            f.put("where", code(where(s)));
            f.put("href", href(s.rule(), s.file(), s.line(), links));
            f.put("guidance", s.metadata().getOrDefault("source", ""));
            f.put("interval", s.after() == null ? "" : (s.before() == null ? "" : s.before() + " \u2192 ") + s.after());
            f.put("effect", s.effect());
            return f;
        }).toList());
        List<Map<String, Object>> notFired = new java.util.ArrayList<>();
        for (Map.Entry<String, List<NotFiredAnalysis.NotFired>> c : e.notFired().entrySet()) {
            notFired.add(Map.of("concern", c.getKey(), "rules", c.getValue().stream().map(n -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("rule", n.rule());
                r.put("href", href(n.rule(), n.file(), n.line(), links));
                if (n.reason() != null) {
                    r.put("reason", code(n.reason()));
                }
                return r;
            }).toList()));
        }
        m.put("notFired", notFired);
        m.put("rulesetVersion", code(e.rulesetVersion()));
        return m;
    }

    private static String href(String rule, String file, Integer line, Links links) {
        if (links == Links.SERVICE) {
            return "/rules#" + anchor(rule);
        }
        return file == null ? "#" : file.replace(" ", "%20") + (line == null ? "" : "#L" + line);
    }

    /** A rule's id on the rules page: its name, lower-case, runs of other characters as one '-'. */
    public static String anchor(String rule) {
        return "rule-" + rule.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** A code literal for a Markdown code span (which has no escapes): backticks and line breaks cannot appear in one. */
    private static String code(String s) {
        return s == null ? "" : s.replace('`', '\'').replace('\n', ' ').replace('\r', ' ');
    }

    private static String where(Explanation.Step s) {
        return (s.file() == null ? "(unknown file)" : s.file()) + (s.line() == null ? "" : ":" + s.line());
    }

    private static String sourceText(Explanation.Source s) {
        return (s.label() == null ? "" : s.label() + " ") + "(rule \"" + s.rule() + "\")";
    }

    private static void appendMeta(StringBuilder b, Map<String, String> meta, String indent) {
        if (meta.containsKey("source")) {
            b.append(indent).append("source:   ").append(meta.get("source")).append('\n');
        }
        if (meta.containsKey("evidence") || meta.containsKey("reviewed")) {
            b.append(indent).append("evidence: ").append(meta.getOrDefault("evidence", "?")).append(", reviewed ")
                    .append(meta.getOrDefault("reviewed", "?")).append('\n');
        }
    }

    static String wrap(String text, int width, String indent) {
        return wrap(text, width, indent, indent);
    }

    /** Wraps at spaces only (a path or code is never cut); later lines get {@code next} as indent. */
    static String wrap(String text, int width, String first, String next) {
        StringBuilder out = new StringBuilder(first);
        int col = first.length();
        boolean lineStart = true;
        for (String word : text.split(" ")) {
            if (!lineStart && col + 1 + word.length() > width) {
                out.append('\n').append(next);
                col = next.length();
                lineStart = true;
            } else if (!lineStart) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
            lineStart = false;
        }
        return out.toString();
    }
}
