package org.massageadvisor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.massageadvisor.scenario.ScenarioResult;
import org.massageadvisor.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "test", mixinStandardHelpOptions = true,
        header = "Run scenario files against the rules: one line a scenario, then 'N passed, N failed'.")
final class TestCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Parameters(paramLabel = "DIR", arity = "0..*", defaultValue = "scenarios",
            description = "Scenario files or folders (default: ${DEFAULT-VALUE}).")
    List<Path> roots;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ScenarioRunner runner = new ScenarioRunner(rules.evaluator());
        List<Path> files = ScenarioRunner.discover(roots);
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        boolean errors = false;
        for (Path file : files) {
            ScenarioResult result = runner.run(file);
            if (result.passed()) {
                passed++;
                out.println("PASS  " + result.file() + "  " + result.name());
            } else if (result.isError()) {
                failed++;
                errors = true;
                out.println("ERROR " + result.error());
            } else {
                failed++;
                out.println("FAIL  " + result.file() + "  " + result.name());
                result.failures().forEach(f -> out.println("      " + f));
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return errors ? ExitCodes.BAD_INPUT : failed > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
