package org.massageadvisor.batch;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.io.EnvironmentException;

/**
 * A file that appears under its name only whole: it is written to a hidden temporary file beside it
 * and renamed into place by {@link #commit()}; {@link #abort()} (also called from a shutdown hook on
 * Ctrl-C or kill) deletes the temporary file, so an interrupted run leaves nothing under the name.
 */
public final class AtomicOutput {

    private final Path target;
    private final Path temp;
    private final boolean replace;
    private final OutputStream stream;
    private Writer writer;
    private boolean done;

    private AtomicOutput(Path target, Path temp, boolean replace) throws IOException {
        this.target = target;
        this.temp = temp;
        this.replace = replace;
        this.stream = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
    }

    /**
     * @throws InputException if {@code target} exists and {@code replace} is false, or its folder is not writable
     */
    static AtomicOutput create(Path target, boolean replace) {
        if (Files.isDirectory(target)) {
            throw new EnvironmentException(target + ": is a folder; give a file name to write the report to", null);
        }
        refuseOverwrite(target, replace);
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            return new AtomicOutput(target, temp, replace);
        } catch (IOException e) {
            throw EnvironmentException.of(target.toString(), "cannot write here", e);
        }
    }

    /** Refuses a folder (exit 5) and, without {@code replace}, an existing file (exit 2). */
    public static void refuseOverwrite(Path target, boolean replace) {
        if (Files.isDirectory(target)) {
            throw new EnvironmentException(target + ": is a folder; give a file name to write to", null);
        }
        if (!replace && Files.exists(target)) {
            throw new InputException(Position.of(target.toString()), "already exists; add --force to overwrite it");
        }
    }

    /** The output as text (UTF-8). Use either this or {@link #stream()} for one output, not both. */
    synchronized Writer writer() {
        if (writer == null) {
            writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        }
        return writer;
    }

    /** The output as bytes, for text already encoded as UTF-8. */
    OutputStream stream() {
        return stream;
    }

    private void close() throws IOException {
        if (writer != null) {
            writer.close();
        } else {
            stream.close();
        }
    }

    Path temp() {
        return temp;
    }

    /** Closes the temporary file and renames it to the target. */
    synchronized void commit() throws IOException {
        if (done) {
            throw new IOException("the output was already closed (interrupted?)");
        }
        done = true;
        close();
        StandardCopyOption[] options = replace
                ? new StandardCopyOption[] {StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING}
                : new StandardCopyOption[] {StandardCopyOption.ATOMIC_MOVE};
        try {
            Files.move(temp, target, options);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, replace ? new StandardCopyOption[] {StandardCopyOption.REPLACE_EXISTING} : new StandardCopyOption[0]);
        }
    }

    /** Deletes the temporary file; the target is left as it was. Safe to call twice or after commit. */
    synchronized void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            close();
        } catch (IOException e) {
            // Deleting is what matters.
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Nothing more to do while shutting down.
        }
    }
}
