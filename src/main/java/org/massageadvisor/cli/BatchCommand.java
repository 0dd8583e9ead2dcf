package org.massageadvisor.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.massageadvisor.batch.BatchOptions;
import org.massageadvisor.batch.BatchRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "batch", mixinStandardHelpOptions = true,
        header = "Recommend intervals for many clients (CSV, JSONL, folders of JSON/YAML) into one report.",
        description = "Records keep input order for any number of threads. A bad record goes to the error report "
            + "and the batch goes on; the exit code is then 2. The report appears under its name only when the batch "
            + "is complete. A summary is printed on stderr. See docs/batch.md.")
final class BatchCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Parameters(paramLabel = "INPUT", arity = "1..*",
            description = "CSV files (header row; ';' between terms in a cell), JSONL files, JSON/YAML profiles, or folders of them.")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The report to write.")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "jsonl (default: one CONTRACT recommendation a line) or csv (id,status,minDays,maxDays,warnings,tips).")
    String format;

    @Option(names = "--errors", paramLabel = "FILE",
            description = "The error report, one line a rejected record (default: <out stem>.errors.jsonl, or .errors.csv with --format csv, beside --out).")
    Path errors;

    @Option(names = "--explain", description = "Add each recommendation's explanation (slower, much larger).")
    boolean explain;

    @Option(names = "--threads", paramLabel = "N", description = "Evaluation threads (default: all cores).")
    Integer threads;

    @Option(names = "--force", description = "Overwrite --out and the error report if they exist.")
    boolean force;

    @Option(names = "--no-cache", negatable = false,
            description = "Evaluate every record, even when an identical profile was evaluated before (the cache is off with --explain anyway).")
    boolean noCache;

    @Option(names = "--audit", paramLabel = "LOG",
            description = "Append every evaluated record's decision, in input order, to this hash-chained log (as 'evaluate --audit'; "
                + "rejected records are not logged; a postgresql://USER@HOST:PORT/DATABASE URL logs to that database). "
                + "An interrupted batch leaves the decisions of the chunks done so far.")
    String audit;

    @Option(names = "--quiet", description = "No progress bar, even on a terminal.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BatchOptions.Format f;
        if (format.equalsIgnoreCase("jsonl")) {
            f = BatchOptions.Format.JSONL;
        } else if (format.equalsIgnoreCase("csv")) {
            f = BatchOptions.Format.CSV;
        } else {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be jsonl or csv (" + format + ")");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1 (" + n + ")");
        }
        boolean progress = !quiet && System.console() != null;
        BatchOptions options = new BatchOptions(inputs, out, errors, f, explain, n, force, progress, !noCache, audit);
        long rejected = new BatchRunner(rules.evaluator(), options, spec.commandLine().getErr()).run();
        return rejected > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }
}
