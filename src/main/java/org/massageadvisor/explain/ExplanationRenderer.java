package org.massageadvisor.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
        b.append(wrap(e.narrative(), 100, "")).append('\n');
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

    public static String markdown(Explanation e) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(e.id() == null ? "" : "Client " + md(e.id()) + ": ").append(md(e.headline())).append("\n\n");
        b.append(md(e.narrative())).append("\n\n");
        if (!e.warnings().isEmpty()) {
            b.append("## Warnings\n\n");
            for (Explanation.Card c : e.warnings()) {
                b.append("> **").append(c.indicator().toUpperCase(java.util.Locale.ROOT)).append("** ").append(md(c.summary())).append("  \n");
                b.append("> ").append(md(c.detail()));
                if (c.source() != null) {
                    b.append("  \n> *Source: ").append(md(sourceText(c.source()))).append('*');
                }
                b.append("\n\n");
            }
        }
        if (!e.tips().isEmpty()) {
            b.append("## Tips\n\n");
            for (IssuedTip t : e.tips()) {
                b.append("- ").append(md(t.message())).append('\n');
            }
            b.append('\n');
        }
        b.append("## Rules that fired, in order\n\n| # | rule | where | interval | effect |\n|---|---|---|---|---|\n");
        for (Explanation.Step s : e.firings()) {
            b.append("| ").append(s.n()).append(" | ").append(cell(s.rule())).append(" | ").append(cell(where(s))).append(" | ")
                    .append(s.after() == null ? "" : cell((s.before() == null ? "" : s.before() + " → ") + s.after())).append(" | ")
                    .append(cell(s.effect())).append(" |\n");
        }
        b.append("\n## Rules that did not fire\n\n");
        for (Map.Entry<String, List<NotFiredAnalysis.NotFired>> c : e.notFired().entrySet()) {
            b.append("**").append(md(c.getKey())).append("**\n\n");
            for (NotFiredAnalysis.NotFired n : c.getValue()) {
                b.append("- ").append(md(n.rule())).append(n.reason() == null ? "" : ": " + md(n.reason())).append('\n');
            }
            b.append('\n');
        }
        b.append("Rule set `").append(e.rulesetVersion()).append("`\n");
        return b.toString();
    }

    /** One page with its own styles and no outside resources; every value is escaped. */
    public static String html(Explanation e) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(h("Back massage interval" + (e.id() == null ? "" : " for " + e.id()))).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}\n")
                .append("h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}\n")
                .append(".card{border-left:.4rem solid #888;background:#f6f6f6;padding:.6rem 1rem;margin:.8rem 0}\n")
                .append(".card.info{border-color:#2b7bb9}.card.warning{border-color:#d98a00}.card.critical{border-color:#c0392b}\n")
                .append(".indicator{font-size:.8rem;text-transform:uppercase;font-weight:bold}.source{font-size:.85rem;color:#555}\n")
                .append("table{border-collapse:collapse;font-size:.85rem}td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top;text-align:left}\n")
                .append("details{margin-top:1.5rem}code{font-size:.8rem;word-break:break-all}\n</style>\n</head>\n<body>\n");
        b.append("<h1>").append(h((e.id() == null ? "" : "Client " + e.id() + ": ") + e.headline())).append("</h1>\n");
        b.append("<p class=\"narrative\">").append(h(e.narrative())).append("</p>\n");
        if (!e.warnings().isEmpty()) {
            b.append("<h2>Warnings</h2>\n");
            for (Explanation.Card c : e.warnings()) {
                b.append("<div class=\"card ").append(h(c.indicator())).append("\"><div class=\"indicator\">").append(h(c.indicator()))
                        .append("</div><strong>").append(h(c.summary())).append("</strong><p>").append(h(c.detail())).append("</p>");
                if (c.source() != null) {
                    b.append("<div class=\"source\">Source: ").append(h(sourceText(c.source()))).append("</div>");
                }
                b.append("</div>\n");
            }
        }
        if (!e.tips().isEmpty()) {
            b.append("<h2>Tips</h2>\n<ul>\n");
            for (IssuedTip t : e.tips()) {
                b.append("<li>").append(h(t.message())).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("<details>\n<summary>For the therapist: the rules behind this advice</summary>\n");
        b.append("<h2>Rules that fired, in order</h2>\n<table>\n<tr><th>#</th><th>rule</th><th>guidance</th><th>interval</th><th>effect</th></tr>\n");
        for (Explanation.Step s : e.firings()) {
            b.append("<tr><td>").append(s.n()).append("</td><td>").append(h(s.rule())).append("<br><code>").append(h(where(s)))
                    .append("</code></td><td>").append(h(s.metadata().getOrDefault("source", ""))).append("</td><td>")
                    .append(s.after() == null ? "" : h((s.before() == null ? "" : s.before() + " → ") + s.after())).append("</td><td>")
                    .append(h(s.effect())).append("</td></tr>\n");
        }
        b.append("</table>\n<h2>Rules that did not fire</h2>\n");
        for (Map.Entry<String, List<NotFiredAnalysis.NotFired>> c : e.notFired().entrySet()) {
            b.append("<h3>").append(h(c.getKey())).append("</h3>\n<ul>\n");
            for (NotFiredAnalysis.NotFired n : c.getValue()) {
                b.append("<li>").append(h(n.rule())).append(n.reason() == null ? "" : ": <code>" + h(n.reason()) + "</code>").append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("<p class=\"source\">Rule set <code>").append(h(e.rulesetVersion())).append("</code></p>\n</details>\n</body>\n</html>\n");
        return b.toString();
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

    /** HTML-escapes text for element content and attribute values. */
    static String h(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Markdown-escapes the characters that would start markup. */
    static String md(String s) {
        return s == null ? "" : s.replaceAll("([\\\\`*_\\[\\]<>|#])", "\\\\$1");
    }

    private static String cell(String s) {
        return md(s).replace("\n", " ");
    }

    static String wrap(String text, int width, String indent) {
        StringBuilder out = new StringBuilder(indent);
        int col = indent.length();
        for (String word : text.split(" ")) {
            if (col > indent.length() && col + 1 + word.length() > width) {
                out.append('\n').append(indent);
                col = indent.length();
            } else if (col > indent.length()) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
        }
        return out.toString();
    }
}
