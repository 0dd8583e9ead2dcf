package org.massageadvisor.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;

/**
 * Refuses, before anything is written, an output that would land on an input, on the audit log or on
 * another output: {@code --out LOG --audit LOG --force} would otherwise replace the decision log with a
 * report. Paths are compared as the files they are: links resolved, and for a file that does not exist
 * yet, its nearest existing folder resolved and the rest appended.
 */
public final class OutputGuard {

    /** A path a command reads or writes, the option it came from ({@code --out}, {@code input}, ...) and how it is used. */
    public record Role(String name, Path path, boolean written, boolean folder) {
    }

    private final List<Role> roles = new ArrayList<>();

    public OutputGuard input(String name, Path path) {
        if (path != null) {
            roles.add(new Role(name, path, false, false));
        }
        return this;
    }

    /** A folder nothing may be written into (the rules folder). */
    public OutputGuard folder(String name, Path path) {
        if (path != null) {
            roles.add(new Role(name, path, false, true));
        }
        return this;
    }

    /** A decision log named by a path or a {@code postgresql://} URL: only a file log is a path to guard. */
    public OutputGuard log(String name, String spec) {
        return spec == null || spec.startsWith("postgresql://") ? this : output(name, Path.of(spec));
    }

    public OutputGuard output(String name, Path path) {
        if (path != null) {
            roles.add(new Role(name, path, true, false));
        }
        return this;
    }

    /**
     * @throws InputException (exit 2) naming both options when an output is the same file as any other
     *     path, or lies inside a protected folder (the rules folder)
     */
    public void check() {
        List<Path> real = new ArrayList<>(roles.size());
        for (Role r : roles) {
            real.add(resolve(r.path()));
        }
        for (int i = 0; i < roles.size(); i++) {
            Role out = roles.get(i);
            if (!out.written()) {
                continue;
            }
            for (int j = 0; j < roles.size(); j++) {
                if (i == j) {
                    continue;
                }
                Role other = roles.get(j);
                boolean same = real.get(i).equals(real.get(j));
                boolean inside = other.folder() && real.get(i).startsWith(real.get(j));
                if (same || inside) {
                    throw new InputException(Position.of(out.path().toString()), out.name() + " " + (same ? "is the same file as " : "is inside ")
                            + other.name() + " (" + other.path() + "); writing it would destroy " + (other.written() ? "the other output" : "an input")
                            + ": choose another path");
                }
            }
        }
    }

    /** The real path of a file, or of its nearest existing ancestor with the rest of the path appended. */
    public static Path resolve(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        Path rest = null;
        while (existing != null) {
            try {
                Path real = existing.toRealPath();
                return rest == null ? real : real.resolve(rest);
            } catch (IOException e) {
                Path name = existing.getFileName();
                rest = rest == null ? name : name.resolve(rest);
                existing = existing.getParent();
            }
        }
        return absolute;
    }
}
