package org.massageadvisor.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleException;
import org.massageadvisor.recommendation.Recommendation;

/** Finds scenario files under folders and runs each against an {@link Evaluator}. */
public final class ScenarioRunner {

    private final Evaluator evaluator;
    private final ScenarioReader reader;

    public ScenarioRunner(Evaluator evaluator) {
        this.evaluator = evaluator;
        this.reader = new ScenarioReader(evaluator.ruleBase().vocabulary(), evaluator.ruleBase().rules().keySet());
    }

    /** Every {@code .yaml}/{@code .yml} file under the given files or folders, in path order. */
    public static List<Path> discover(List<Path> roots) {
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isRegularFile(root)) {
                out.add(root);
                continue;
            }
            if (!Files.isDirectory(root)) {
                throw new InputException(Position.of(root.toString()), "no such scenario file or folder");
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(ScenarioRunner::isScenario).sorted().forEach(out::add);
            } catch (IOException | UncheckedIOException e) {
                throw new InputException(Position.of(root.toString()), "cannot read the folder: " + e.getMessage());
            }
        }
        return out;
    }

    static boolean isScenario(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith(".");
    }

    public ScenarioResult run(Path file) {
        Scenario scenario;
        try {
            scenario = reader.read(file);
        } catch (InputException e) {
            return new ScenarioResult(file.toString(), file.getFileName().toString(), List.of(), e.getMessage(), null);
        }
        return run(scenario);
    }

    public ScenarioResult run(Scenario scenario) {
        try {
            Recommendation r = evaluator.evaluate(scenario.given());
            return new ScenarioResult(scenario.file(), scenario.name(), scenario.expect().check(r), null, r);
        } catch (RuleException e) {
            // Broken rules, not a bad scenario: exit 3 like a compile error, naming the scenario that showed it.
            throw new RuleException(scenario.file() + ": " + e.getMessage(), e.rule(), e);
        }
    }
}
