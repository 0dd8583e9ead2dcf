package org.massageadvisor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import picocli.CommandLine.Option;

/** {@code --rules DIR}, shared by every subcommand. */
public final class RulesOption {

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "rules-drl",
            description = "The rules folder: DRL files and vocabulary.yaml (default: ${DEFAULT-VALUE}).")
    Path dir;

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
