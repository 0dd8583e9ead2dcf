package org.massageadvisor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How every command that writes a file behaves: it never replaces an existing file without
 * {@code --force}, and the format follows the file's extension unless {@code --format} names one.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /** @throws InputException if {@code out} exists and {@code force} is false */
    static void refuseOverwrite(Path out, boolean force) {
        if (out != null) {
            org.massageadvisor.batch.AtomicOutput.refuseOverwrite(out, force);
        }
    }

    /**
     * The format to write: {@code --format} when given, else the one {@code out}'s extension names,
     * else {@code fallback}. Names are compared without case; the result is a key of {@code byExtension}'s values.
     *
     * @param byExtension extension (no dot, lower case) to format name
     * @param allowed the format names {@code --format} accepts, for the error message
     */
    static String format(CommandSpec spec, String explicit, Path out, Map<String, String> byExtension, String fallback,
            String... allowed) {
        if (explicit != null) {
            String f = explicit.toLowerCase(Locale.ROOT);
            for (String a : allowed) {
                if (a.equals(f)) {
                    return f;
                }
            }
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format must be " + String.join(" or ", allowed) + " (" + explicit + ")");
        }
        if (out != null) {
            String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
            int dot = name.lastIndexOf('.');
            if (dot > 0 && byExtension.containsKey(name.substring(dot + 1))) {
                return byExtension.get(name.substring(dot + 1));
            }
        }
        return fallback;
    }
}
