package org.massageadvisor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.massageadvisor.batch.Benchmark;
import org.massageadvisor.progress.TerminalProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Measure evaluation throughput, rule-base builds and an end-to-end batch (see docs/performance.md).")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Option(names = "--profiles", paramLabel = "N", defaultValue = "20000", description = "Distinct profiles to cycle through (default: ${DEFAULT-VALUE}).")
    int profiles;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "5", description = "Length of one throughput measurement (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Measurements per figure; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--batch-records", paramLabel = "N", defaultValue = "1000000",
            description = "Records for the end-to-end batch run, 0 to skip it (default: ${DEFAULT-VALUE}).")
    long batchRecords;

    @Option(names = "--jar", paramLabel = "FILE", description = "The packaged advisor.jar for the child-JVM runs (default: the jar running this).")
    Path jar;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "target/bench", description = "Scratch folder (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--quiet", description = "No progress line on stderr, even on a terminal.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path self = jar;
        if (self == null) {
            Path code = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            self = Files.isRegularFile(code) ? code : null;
        }
        Files.createDirectories(work);
        new Benchmark(new Benchmark.Settings(rules.dir(), profiles, seconds, Math.max(1, runs), batchRecords, self, work),
                spec.commandLine().getOut(), TerminalProgress.onTerminal(spec.commandLine().getErr(), quiet)).run();
        return ExitCodes.OK;
    }
}
