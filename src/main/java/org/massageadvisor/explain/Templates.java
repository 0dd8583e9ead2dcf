package org.massageadvisor.explain;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Mustache templates on the class path (compiled once, cached by the factory). {@link #HTML} escapes
 * every {@code {{value}}} for HTML (mustache.java's default); {@link #MARKDOWN} escapes for Markdown
 * instead, so that a value can never start markup of its own.
 */
public final class Templates {

    /** Templates beside this class, HTML-escaped. */
    public static final Templates HTML = new Templates(new DefaultMustacheFactory("org/massageadvisor/explain"));
    /** Templates beside this class, Markdown-escaped. */
    public static final Templates MARKDOWN = new Templates(new MarkdownFactory("org/massageadvisor/explain"));

    private final MustacheFactory factory;

    public Templates(MustacheFactory factory) {
        this.factory = factory;
    }

    /** Renders {@code name.mustache} with the given scope. */
    public String render(String name, Object scope) {
        Mustache template = factory.compile(name + ".mustache");
        StringWriter out = new StringWriter();
        template.execute(out, scope);
        return out.toString();
    }

    /** Escapes the characters that would start Markdown markup, and keeps a value on one line (table cells). */
    static String markdown(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '!', '~', '&' -> b.append('\\').append(c);
                case '\n', '\r' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** mustache.java with Markdown escaping in place of HTML escaping. */
    static final class MarkdownFactory extends DefaultMustacheFactory {
        MarkdownFactory(String root) {
            super(root);
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(markdown(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
