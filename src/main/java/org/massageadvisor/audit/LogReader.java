package org.massageadvisor.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;

/** Reads a log line by line without holding it in memory (a 100,000-decision log is about 250 MB). */
final class LogReader implements DecisionLog.Lines {

    /** Returned for a last line that has no line end. */
    static final String INCOMPLETE = new String("(incomplete)");

    private final Path log;
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
    private int number;

    LogReader(Path log) {
        this.log = log;
        try {
            this.in = new BufferedInputStream(Files.newInputStream(log), 1 << 16);
        } catch (IOException e) {
            throw new InputException(Position.of(log.toString()), "cannot read the audit log: " + e.getMessage());
        }
    }

    /** The next line without its line end, {@link #INCOMPLETE} for a last line without one, null at the end. */
    @Override
    public String next() {
        line.reset();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    number++;
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new InputException(new Position(log.toString(), number + 1, 0), "cannot read the audit log: " + e.getMessage());
        }
        if (line.size() > 0) {
            number++;
            return INCOMPLETE;
        }
        return null;
    }

    /** The number of the line {@link #next()} returned last (1-based). */
    @Override
    public int number() {
        return number;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Read-only; nothing was lost.
        }
    }
}
