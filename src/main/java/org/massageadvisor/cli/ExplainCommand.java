package org.massageadvisor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.ProfileReader;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.recommendation.Recommendation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "explain", mixinStandardHelpOptions = true,
        header = "Show why: each rule that fired for a client, in order, with the guidance it encodes.")
final class ExplainCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Parameters(paramLabel = "FILE", description = "The client profile, .json or .yaml.")
    Path file;

    @Option(names = "--json", description = "Print the full recommendation with its explanation as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Evaluator evaluator = rules.evaluator();
        Client client = new ProfileReader(evaluator.ruleBase().vocabulary()).readFile(file);
        Recommendation r = evaluator.evaluate(client, true);
        if (json) {
            spec.commandLine().getOut().println(Render.json(r, true));
        } else {
            Render.explanation(r, spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
