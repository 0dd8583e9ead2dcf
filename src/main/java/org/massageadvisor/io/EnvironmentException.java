package org.massageadvisor.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The machine, not the input or the program, stopped a command: a full disk, a permission, a read-only
 * folder, a folder where a file was expected. Exit code 5; the message names the file and what to fix.
 */
public class EnvironmentException extends RuntimeException {

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code what} failed on {@code path} because of {@code e}, said plainly. */
    public static EnvironmentException of(String path, String what, IOException e) {
        return new EnvironmentException(path + ": " + what + ": " + reason(e), e);
    }

    /** Whether an exception is the machine's doing (an I/O failure), not bad input or a bug. */
    public static boolean isEnvironment(Throwable e) {
        return e instanceof IOException || e instanceof UncheckedIOException;
    }

    /** A readable reason: "permission denied", "no space left on device", ... rather than a class name. */
    public static String reason(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            e = u.getCause();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return lower(fs.getReason());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : lower(e.getMessage());
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
