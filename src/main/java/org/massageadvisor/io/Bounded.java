package org.massageadvisor.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;

/**
 * Files read only after their size is checked against a cap, so a huge file is refused in
 * milliseconds instead of being parsed for minutes; text is UTF-8 and a leading byte-order mark (as
 * Excel's "CSV UTF-8" writes) is skipped.
 */
public final class Bounded {

    /** A client profile, a scenario, {@code vocabulary.yaml}, {@code invariants.yaml} or {@code terminology.yaml}. */
    public static final long DOCUMENT = 1L << 20;
    /** One DRL file or decision table. */
    public static final long RULE_FILE = 1L << 20;
    /** The whole rules folder: every file that is read from it, together. */
    public static final long RULES_FOLDER = 16L << 20;
    /** One batch record: a JSONL line or a CSV row. */
    public static final int RECORD = 1 << 20;

    private Bounded() {
    }

    /** The file's size, refused with exit 2 when it is over {@code cap} bytes. */
    public static long checkSize(Path file, long cap, String what) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw EnvironmentException.of(file.toString(), "cannot read", e);
        }
        if (size > cap) {
            throw new InputException(Position.of(file.toString()), what + " is " + human(size) + "; the limit is " + human(cap)
                    + " (is this the right file?)");
        }
        return size;
    }

    /** A reader for a text file of at most {@code cap} bytes, without its byte-order mark. */
    public static Reader reader(Path file, long cap, String what) {
        checkSize(file, cap, what);
        try {
            return withoutBom(Files.newInputStream(file));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException(Position.of(file.toString()), "not UTF-8 text (is it a binary file?)");
        } catch (IOException e) {
            throw EnvironmentException.of(file.toString(), "cannot read", e);
        }
    }

    /** The whole text of a file of at most {@code cap} bytes, without its byte-order mark. */
    public static String readString(Path file, long cap, String what) {
        checkSize(file, cap, what);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException(Position.of(file.toString()), "not UTF-8 text (is it a binary file?)");
        } catch (IOException e) {
            throw EnvironmentException.of(file.toString(), "cannot read", e);
        }
    }

    /** UTF-8 (malformed bytes are an error, not replaced) with a leading byte-order mark skipped. */
    public static Reader withoutBom(InputStream in) throws IOException {
        Reader decoded = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        PushbackReader reader = new PushbackReader(new BufferedReader(decoded, 1 << 16), 1);
        int first = reader.read();
        if (first >= 0 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    /** 1.0 MB, 512 KB, 12 bytes. */
    public static String human(long bytes) {
        if (bytes >= 1L << 20) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        if (bytes >= 1L << 10) {
            return (bytes >> 10) + " KB";
        }
        return bytes + " bytes";
    }

    /** Lines of at most {@code cap} characters: a longer line is skipped to its end and reported, never held whole. */
    public static final class Lines {

        /** One line: its text, or null when it was {@link #tooLong}. */
        public record Line(String text, long length) {
            public boolean tooLong() {
                return text == null;
            }
        }

        private final Reader in;
        private final int cap;
        private final char[] buffer = new char[1 << 16];
        private int pos;
        private int limit;
        private final StringBuilder line = new StringBuilder(256);

        public Lines(Reader in, int cap) {
            this.in = in;
            this.cap = cap;
        }

        /** The next line without its end ({@code \n} or {@code \r\n}); null at the end of the input. */
        public Line next() throws IOException {
            line.setLength(0);
            long length = 0;
            boolean any = false;
            while (true) {
                if (pos == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        break;
                    }
                }
                any = true;
                int start = pos;
                while (pos < limit && buffer[pos] != '\n') {
                    pos++;
                }
                int n = pos - start;
                if (length + n <= cap) {
                    line.append(buffer, start, n);
                }
                length += n;
                if (pos < limit) {
                    pos++;
                    break;
                }
            }
            if (!any) {
                return null;
            }
            if (length > cap) {
                return new Line(null, length);
            }
            if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                line.setLength(line.length() - 1);
            }
            return new Line(line.toString(), length);
        }
    }
}
