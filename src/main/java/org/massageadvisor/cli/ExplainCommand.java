package org.massageadvisor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.massageadvisor.client.Client;
import org.massageadvisor.io.EnvironmentException;
import org.massageadvisor.io.OutputGuard;
import org.massageadvisor.client.ProfileReader;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.explain.Explanation;
import org.massageadvisor.explain.ExplanationRenderer;
import org.massageadvisor.recommendation.Recommendation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "explain", mixinStandardHelpOptions = true,
        header = "Show why: a narrative, warning cards and tips, each rule that fired and each that did not.")
final class ExplainCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Parameters(paramLabel = "FILE", description = "The client profile, .json or .yaml.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text, markdown, json or html (one self-contained page). Default: from the --out extension "
                + "(.md, .json, .html), else text.")
    String format;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to this file instead of standard output.")
    Path out;

    @Option(names = "--force", description = "Overwrite --out if it exists.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        new OutputGuard().input("FILE", file).folder("--rules", rules.dir()).output("--out", out).check();
        ProfileReader.checkFile(file);
        ExplanationRenderer.Format chosen = json ? ExplanationRenderer.Format.json : ExplanationRenderer.Format.valueOf(
                OutputFiles.format(spec, format, out, Map.of("md", "markdown", "markdown", "markdown", "json", "json",
                        "html", "html", "htm", "html", "txt", "text"), "text", "text", "markdown", "json", "html"));
        OutputFiles.refuseOverwrite(out, force);
        Evaluator evaluator = rules.evaluator();
        Client client = new ProfileReader(evaluator.ruleBase().vocabulary()).readFile(file);
        Recommendation r = evaluator.evaluate(client, true);
        String text = ExplanationRenderer.render(Explanation.of(r, client, evaluator.ruleBase()),
                chosen);
        if (out == null) {
            spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
            spec.commandLine().getOut().flush();
        } else {
            try {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw EnvironmentException.of(out.toString(), "cannot write", e);
            }
        }
        return ExitCodes.OK;
    }
}
