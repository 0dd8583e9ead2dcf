package org.massageadvisor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.massageadvisor.engine.Deadlines;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --rules DIR} and {@code --deadline TIME}, shared by every subcommand that evaluates. */
public final class RulesOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "rules-drl",
            description = "The rules folder: DRL files and vocabulary.yaml (default: ${DEFAULT-VALUE}).")
    Path dir;

    /** Sets the {@code advisor.deadline} property every evaluator of this run reads (AdvisorCommand restores it after). */
    @Option(names = "--deadline", paramLabel = "TIME",
            description = "How long one evaluation may run before it is stopped and the rule firing is named (exit 3):"
                    + " 1s, 1.5s, 250ms (default: 1s, or the advisor.deadline system property).")
    void deadline(String value) {
        try {
            Deadlines.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--deadline: " + e.getMessage());
        }
        System.setProperty(Deadlines.PROPERTY, value);
    }

    /**
     * The rules folder.
     *
     * @throws InputException if there is none, with how to point at one
     */
    public Path dir() {
        if (!Files.isDirectory(dir)) {
            throw new InputException(Position.of(dir.toString()), "no rules folder here; run advisor in the project folder, "
                    + "or point at the rules with --rules DIR");
        }
        return dir;
    }

    /** Reads and compiles the rules folder (exit 3 on a compile error, 2 on a bad vocabulary). */
    public RuleBase load() {
        return RuleBase.load(dir());
    }

    public Evaluator evaluator() {
        return new Evaluator(load());
    }
}
