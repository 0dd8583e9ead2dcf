package org.massageadvisor.cli;

import java.nio.file.Path;
import java.util.List;
import org.massageadvisor.check.Checker;
import org.massageadvisor.progress.Progress;
import org.massageadvisor.progress.TerminalProgress;
import picocli.CommandLine.Option;

/** What {@code check} runs, shared by {@code check} and by {@code watch}, which runs the check before every reload. */
final class CheckOptions {

    @Option(names = "--scenarios", paramLabel = "DIR", defaultValue = "scenarios", split = ",",
            description = "Scenario files or folders the check runs (default: ${DEFAULT-VALUE}).")
    List<Path> scenarios;

    @Option(names = "--allow-uncovered", description = "Report rules no scenario fires as warnings, not errors.")
    boolean allowUncovered;

    @Option(names = "--skip-verification", description = "Skip the full-space verification (quick edits; not before release).")
    boolean skipVerification;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the verification (default: the number of cores).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress line on stderr, even on a terminal.")
    boolean quiet;

    /** Progress on {@code err} when that is a terminal and --quiet is not given; else none. */
    Progress progress(java.io.PrintWriter err) {
        return TerminalProgress.onTerminal(err, quiet);
    }

    Checker.Options toOptions() {
        return new Checker.Options(scenarios, allowUncovered, !skipVerification,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    }
}
