package org.massageadvisor.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.massageadvisor.audit.AuditKey;
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

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "jsonl (one recommendation a line, as 'evaluate --json' prints it) or csv "
                + "(id,status,minDays,maxDays,warnings,tips,earliest,latest). Default: from the --out extension (.csv gives csv), else jsonl.")
    String format;

    @Option(names = "--errors", paramLabel = "FILE",
            description = "The error report, one line a rejected record (default: <out stem>.errors.jsonl, or .errors.csv for a csv report, beside --out).")
    Path errors;

    @Option(names = "--compact",
            description = "JSONL lines with codes only: id, status, interval, warning codes and subjects, tip codes, rulesetVersion "
                + "(the texts are in the vocabulary). About a fifth of the size; see docs/batch.md.")
    boolean compact;

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

    @Option(names = "--audit-key", paramLabel = "FILE",
            description = "Seal each logged line with an HMAC-SHA256 under this key file ('audit verify --key' checks it; see docs/audit.md).")
    Path auditKey;

    @Option(names = "--quiet", description = "No progress bar, even on a terminal.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BatchOptions.Format f = OutputFiles.format(spec, format, out, Map.of("csv", "csv", "jsonl", "jsonl", "ndjson", "jsonl"),
                "jsonl", "jsonl", "csv").equals("csv") ? BatchOptions.Format.CSV : BatchOptions.Format.JSONL;
        if (compact && (f != BatchOptions.Format.JSONL || explain)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--compact is a JSONL form without texts; it goes with neither --format csv nor --explain");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1 (" + n + ")");
        }
        boolean progress = !quiet && System.console() != null;
        if (auditKey != null && audit == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--audit-key needs --audit LOG");
        }
        BatchOptions options = new BatchOptions(inputs, out, errors, f, explain, n, force, progress, !noCache, audit, compact);
        AuditKey key = auditKey == null ? null : AuditKey.read(auditKey);
        BatchRunner runner = new BatchRunner(rules.evaluator(), options, spec.commandLine().getErr()).auditKey(key);
        long rejected = runner.run();
        // Rules that failed on a record outrank bad records: the rule base needs fixing (exit 3).
        return runner.ruleErrors() > 0 ? ExitCodes.RULES_BROKEN : rejected > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }
}
