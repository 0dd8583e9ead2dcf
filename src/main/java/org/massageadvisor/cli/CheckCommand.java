package org.massageadvisor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.MetadataCheck;
import org.massageadvisor.scenario.ScenarioResult;
import org.massageadvisor.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Compile, lint and verify the rules folder, then run the scenarios against it.")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Option(names = "--scenarios", paramLabel = "DIR", defaultValue = "scenarios",
            description = "Scenario folder to run (default: ${DEFAULT-VALUE}).")
    Path scenarios;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RuleBase ruleBase = rules.load();
        out.println("compile: ok, " + ruleBase.rules().size() + " rules in " + ruleBase.files().drlFiles().size()
                + " files (" + ruleBase.version() + ")");
        List<String> problems = new ArrayList<>();
        MetadataCheck.check(ruleBase).forEach(p -> problems.add(p.toString()));
        problems.forEach(p -> out.println("lint: " + p));
        out.println("lint: " + (problems.isEmpty() ? "ok" : problems.size() + " problems"));
        ScenarioRunner runner = new ScenarioRunner(new Evaluator(ruleBase));
        int failed = 0;
        List<Path> files = ScenarioRunner.discover(List.of(scenarios));
        for (Path file : files) {
            ScenarioResult result = runner.run(file);
            if (!result.passed()) {
                failed++;
                out.println("scenario: FAIL " + result.file() + ": "
                        + (result.isError() ? result.error() : String.join("; ", result.failures())));
            }
        }
        out.println("scenarios: " + (files.size() - failed) + " passed, " + failed + " failed");
        return problems.isEmpty() && failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
