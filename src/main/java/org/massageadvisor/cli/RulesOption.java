package org.massageadvisor.cli;

import java.nio.file.Path;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import picocli.CommandLine.Option;

/** {@code --rules DIR}, shared by every subcommand. */
public final class RulesOption {

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "rules-drl",
            description = "The rules folder: DRL files and vocabulary.yaml (default: ${DEFAULT-VALUE}).")
    Path dir;

    public Path dir() {
        return dir;
    }

    /** Reads and compiles the rules folder (exit 3 on a compile error, 2 on a bad vocabulary). */
    public RuleBase load() {
        return RuleBase.load(dir);
    }

    public Evaluator evaluator() {
        return new Evaluator(load());
    }
}
