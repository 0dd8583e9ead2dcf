package org.massageadvisor.batch;

import java.nio.file.Path;
import java.util.List;
import org.massageadvisor.io.OutputGuard;

/**
 * What {@code advisor batch} was asked to do.
 *
 * @param errors the error report; null for the default beside {@code out}
 * @param threads evaluation threads, at least 1
 * @param progress whether to draw the progress bar (stderr is a terminal and not --quiet)
 * @param cache whether to evaluate identical profiles once (explanation off only)
 * @param audit the decision log to append every evaluated record to ({@code --audit}: a file, or a {@code postgresql://} URL); null for none
 * @param compact JSONL lines with codes only, no texts ({@code --compact})
 */
public record BatchOptions(List<Path> inputs, Path out, Path errors, Format format, boolean explain, int threads,
        boolean force, boolean progress, boolean cache, String audit, boolean compact) {

    /** The report's format. */
    public enum Format { JSONL, CSV }

    /** Without {@code --compact}. */
    public BatchOptions(List<Path> inputs, Path out, Path errors, Format format, boolean explain, int threads,
            boolean force, boolean progress, boolean cache, String audit) {
        this(inputs, out, errors, format, explain, threads, force, progress, cache, audit, false);
    }

    public BatchOptions {
        inputs = List.copyOf(inputs);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
    }

    /** The outputs ({@code --out}, the error report, {@code --audit}) against each other and the inputs as given. */
    public OutputGuard guard() {
        OutputGuard guard = new OutputGuard();
        inputs.forEach(i -> guard.input("input", i));
        return guard.output("--out", out).output(errors == null ? "the error report" : "--errors", errorsFile()).log("--audit", audit);
    }

    /** {@code --errors}, or {@code <out without extension>.errors.jsonl} (or {@code .errors.csv}) beside {@code out}. */
    public Path errorsFile() {
        if (errors != null) {
            return errors;
        }
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return out.resolveSibling(stem + ".errors." + (format == Format.CSV ? "csv" : "jsonl"));
    }
}
