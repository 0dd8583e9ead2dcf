package org.massageadvisor.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.massageadvisor.client.Position;

/** Reads a log line by line without holding it in memory (a 100,000-decision log is about 250 MB). */
final class LogReader implements DecisionLog.Lines {

    /** Returned for a last line that has no line end. */
    static final String INCOMPLETE = new String("(incomplete)");
    /** Returned for a line longer than {@link #MAX_LINE} (a decision line is a few KB; its explanation is not logged). */
    static final String TOO_LONG = new String("(too long)");
    static final int MAX_LINE = 1 << 20;

    private final Path log;
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
    private int number;

    LogReader(Path log) {
        this.log = log;
        try {
            this.in = new BufferedInputStream(Files.newInputStream(log), 1 << 16);
        } catch (IOException e) {
            throw org.massageadvisor.io.EnvironmentException.of(log.toString(), "cannot read the audit log", e);
        }
    }

    /** The next line without its line end, {@link #INCOMPLETE} for a last line without one, null at the end. */
    @Override
    public String next() {
        line.reset();
        try {
            int b;
            boolean tooLong = false;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    number++;
                    return tooLong ? TOO_LONG : line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() < MAX_LINE) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
            }
        } catch (IOException e) {
            throw org.massageadvisor.io.EnvironmentException.of(new Position(log.toString(), number + 1, 0).toString(), "cannot read the audit log", e);
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
