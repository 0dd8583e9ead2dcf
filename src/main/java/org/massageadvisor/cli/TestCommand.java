package org.massageadvisor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.massageadvisor.check.Coverage;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.scenario.ScenarioResult;
import org.massageadvisor.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "test", mixinStandardHelpOptions = true,
        header = "Run scenario files against the rules: one line a scenario, then 'N passed, N failed'.",
        description = "A scenario file that cannot be read (bad YAML, an unknown key or term) is an ERROR, counted once, "
            + "apart from the failures: the last line is then 'N passed, N failed, N errors' and the exit code 2.")
final class TestCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Parameters(paramLabel = "DIR", arity = "0..*", defaultValue = "scenarios",
            description = "Scenario files or folders (default: ${DEFAULT-VALUE}).")
    List<Path> roots;

    @Option(names = "--coverage", description = "Then list each rule with the number of scenarios it fired in; flag rules none fires.")
    boolean coverage;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Evaluator evaluator = rules.evaluator();
        ScenarioRunner runner = new ScenarioRunner(evaluator);
        List<ScenarioResult> results = new ArrayList<>();
        List<Path> files = ScenarioRunner.discover(roots);
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        int errors = 0;
        for (Path file : files) {
            ScenarioResult result = runner.run(file);
            results.add(result);
            if (result.passed()) {
                passed++;
                out.println("PASS  " + result.file() + "  " + result.name());
            } else if (result.isError()) {
                errors++;
                out.println("ERROR " + result.error());
            } else {
                failed++;
                out.println("FAIL  " + result.file() + "  " + result.name());
                result.failures().forEach(f -> out.println("      " + f));
            }
        }
        if (coverage) {
            printCoverage(Coverage.of(evaluator.ruleBase(), results), out);
        }
        out.println(tally(passed, failed, errors));
        return errors > 0 ? ExitCodes.BAD_INPUT : failed > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /**
     * The last line: {@code N passed, N failed}, and {@code , N errors} only when some scenario could not be
     * read, so the line always starts with the same parseable pair.
     */
    static String tally(int passed, int failed, int errors) {
        return passed + " passed, " + failed + " failed" + (errors == 0 ? "" : ", " + errors + (errors == 1 ? " error" : " errors"));
    }

    /** Each rule with the number of scenarios it fired in, in declaration order; rules none fires are flagged. */
    static void printCoverage(Coverage coverage, PrintWriter out) {
        out.println();
        out.println("Coverage (scenarios in which each rule fired):");
        coverage.scenariosByRule().forEach((rule, n) -> out.printf("%5d  %s  %s:%d%s%n", n, rule.name(), rule.file(), rule.line(),
                n == 0 ? "  UNCOVERED" : ""));
        int total = coverage.scenariosByRule().size();
        out.println((total - coverage.uncovered().size()) + " of " + total + " rules fired in some scenario"
                + (coverage.uncovered().isEmpty() ? "" : "; " + coverage.uncovered().size() + " never fired"));
        out.println();
    }
}
