package org.massageadvisor.io;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Text bound for a terminal with its control characters made visible, so a value read from a file (an
 * id with a carriage return, an ANSI escape, a right-to-left override) cannot move the cursor, recolour
 * or hide text and so fake a recommendation. Line ends and tabs are kept; everything else below a
 * space, DEL, the C1 controls and the bidirectional overrides become {@code \r}, {@code \u001b}, ...
 * Inside JSON these are the same escapes JSON uses, so printed JSON still means the same.
 */
public final class Terminal {

    private Terminal() {
    }

    /** The text with every control character except line end and tab escaped. */
    public static String escape(CharSequence text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escaped(c);
            if (escaped != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text.toString() : out.toString();
    }

    /** As {@link #escape} and the line end too: for one value shown inside a line (an id, a file name). */
    public static String oneLine(CharSequence text) {
        return text == null ? null : escape(text).replace("\n", "\\n").replace("\t", "\\t");
    }

    /** The escape for one character, or null if it prints as itself. */
    static String escaped(char c) {
        switch (c) {
            case '\n', '\t':
                return null;
            case '\r':
                return "\\r";
            case '\b':
                return "\\b";
            case '\f':
                return "\\f";
            default:
                break;
        }
        boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
        boolean bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f;
        return control || bidi ? String.format("\\u%04x", (int) c) : null;
    }

    /** A writer for a terminal: everything written through it is escaped; {@link #raw()} is for the progress bar's own {@code \r}. */
    public static final class Printer extends PrintWriter {

        private final PrintWriter raw;

        private Printer(PrintWriter raw) {
            super(new Escaping(raw), true);
            this.raw = raw;
        }

        /** The unescaped writer underneath, for output that draws on the terminal on purpose. */
        public PrintWriter raw() {
            flush();
            return raw;
        }
    }

    /** Wraps a writer so that all text through it is escaped (already wrapped: returned as it is). */
    public static PrintWriter escaping(PrintWriter w) {
        return w instanceof Printer ? w : new Printer(w);
    }

    /** The writer to draw on directly (a progress bar): the raw one under an escaping writer. */
    public static PrintWriter raw(PrintWriter w) {
        return w instanceof Printer p ? p.raw() : w;
    }

    private static final class Escaping extends FilterWriter {

        Escaping(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            String e = escaped((char) c);
            if (e == null) {
                out.write(c);
            } else {
                out.write(e);
            }
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            out.write(escape(java.nio.CharBuffer.wrap(buf, off, len)));
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            out.write(escape(s.substring(off, off + len)));
        }
    }
}
