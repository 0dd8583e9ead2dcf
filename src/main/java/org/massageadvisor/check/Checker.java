package org.massageadvisor.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleCompilationException;
import org.massageadvisor.engine.RuleFiles;
import org.massageadvisor.engine.RuleInfo;
import org.massageadvisor.engine.RuleSource;
import org.massageadvisor.progress.Progress;
import org.massageadvisor.scenario.ScenarioResult;
import org.massageadvisor.scenario.ScenarioRunner;
import org.massageadvisor.text.Numbers;

/**
 * {@code advisor check}, as a library (the watcher gates reloads with it): compile, lint, verify the
 * whole input space against {@code invariants.yaml} (with gap and conflict analysis), run the
 * scenarios, then coverage. Each step reports with file and line; a step that cannot run because an
 * earlier one failed is skipped.
 */
public final class Checker {

    /**
     * @param scenarios scenario files or folders; empty skips the scenario and coverage steps
     * @param allowUncovered report rules no scenario fires as warnings instead of errors
     * @param verify run the full-space verification
     * @param threads threads for the verification
     */
    public record Options(List<Path> scenarios, boolean allowUncovered, boolean verify, int threads) {

        public Options {
            scenarios = List.copyOf(scenarios);
        }
    }

    /**
     * The most profiles verification walks through: about 25 s on 2 idle cores at the measured cost.
     * Past it, conditions are combined up to the largest bound that fits (the report says which).
     */
    public static final long PROFILE_BUDGET = 2_000_000L;

    private final Options options;
    private final Progress progress;

    public Checker(Options options) {
        this(options, Progress.NONE);
    }

    /** @param progress told of each step as it starts and of the verification's profiles as they are checked */
    public Checker(Options options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Reads and checks a rules folder.
     *
     * @throws InputException if there is no such folder (the rules' own problems are findings)
     */
    public CheckReport check(Path dir) {
        try {
            return checkFolder(dir);
        } finally {
            progress.close();
        }
    }

    private CheckReport checkFolder(Path dir) {
        progress.step("compile " + dir, 0, "rules");
        RuleFiles files = RuleFiles.read(dir);
        RuleBase ruleBase;
        try {
            ruleBase = RuleBase.compile(files, Vocabulary.load(dir.resolve(Vocabulary.FILE_NAME)));
        } catch (RuleCompilationException e) {
            List<Finding> findings = e.problems().stream()
                    .map(p -> Finding.of(Finding.Severity.ERROR, p))
                    .toList();
            return compileFailed(dir, files, findings);
        } catch (InputException e) {
            Finding f = Finding.at(Finding.Severity.ERROR, e.position().file(), e.position().line(), e.position().column(),
                    e.getMessage().substring(e.position().toString().length() + 2));
            return compileFailed(dir, files, List.of(f));
        }
        return checkCompiled(ruleBase);
    }

    private static CheckReport compileFailed(Path dir, RuleFiles files, List<Finding> findings) {
        List<StageReport> stages = new ArrayList<>();
        stages.add(new StageReport(CheckReport.COMPILE, "the rules do not compile", findings, false));
        for (String name : List.of("lint", "verify", "scenarios", "coverage")) {
            stages.add(StageReport.skipped(name, "the rules do not compile"));
        }
        return new CheckReport(dir.toString(), files.version(), stages, null, null);
    }

    /** Checks an already compiled rule base (its compile step passed). */
    public CheckReport check(RuleBase ruleBase) {
        try {
            return checkCompiled(ruleBase);
        } finally {
            progress.close();
        }
    }

    private CheckReport checkCompiled(RuleBase ruleBase) {
        progress.step("lint", 0, "rules");
        List<StageReport> stages = new ArrayList<>();
        stages.add(new StageReport(CheckReport.COMPILE, ruleBase.rules().size() + " rules in "
                + ruleBase.files().sources().size() + " files", List.of(), false));
        List<Finding> lint = Linter.lint(ruleBase);
        long lintErrors = lint.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
        stages.add(new StageReport("lint", lintErrors == 0 ? "no problems" + notes(lint)
                : lintErrors + (lintErrors == 1 ? " problem" : " problems") + notes(lint),
                lint, false));
        CheckReport.Space space = null;
        if (options.verify()) {
            VerifyStep step = verify(ruleBase);
            stages.add(step.report());
            space = step.space();
        } else {
            stages.add(StageReport.skipped("verify", "--skip-verification was given"));
        }
        if (options.scenarios().isEmpty()) {
            stages.add(StageReport.skipped("scenarios", "no scenario folder"));
            stages.add(StageReport.skipped("coverage", "no scenarios"));
        } else {
            List<ScenarioResult> results = scenarios(ruleBase, stages);
            stages.add(coverage(ruleBase, results));
        }
        return new CheckReport(ruleBase.files().dir().toString(), ruleBase.version(), stages, space, ruleBase);
    }

    private static String notes(List<Finding> findings) {
        long notes = findings.stream().filter(f -> f.severity() == Finding.Severity.NOTE).count();
        return notes == 0 ? "" : ", " + notes + " notes";
    }

    private record VerifyStep(StageReport report, CheckReport.Space space) {
    }

    private VerifyStep verify(RuleBase ruleBase) {
        RuleFiles files = ruleBase.files();
        String invariantsFile = files.display(InvariantReader.FILE_NAME);
        List<Finding> findings = new ArrayList<>();
        List<Invariant> invariants = List.of();
        InvariantReader reader = new InvariantReader(ruleBase.vocabulary(), ruleBase.rules().keySet());
        if (files.files().containsKey(InvariantReader.FILE_NAME)) {
            try {
                invariants = reader.read(files.text(InvariantReader.FILE_NAME), invariantsFile);
            } catch (InputException e) {
                findings.add(Finding.at(Finding.Severity.ERROR, e.position().file(), e.position().line(), e.position().column(),
                        e.getMessage().substring(e.position().toString().length() + 2)));
                return new VerifyStep(new StageReport("verify", "the invariants file is malformed", findings, false), null);
            }
        } else {
            findings.add(Finding.at(Finding.Severity.WARNING, invariantsFile, 0, 0,
                    "no invariants file: only gaps and conflicts are looked for"));
        }
        List<String> drl = files.sources().stream().map(RuleSource::drl).toList();
        InputSpace inputSpace = InputSpace.bounded(ruleBase.vocabulary(), InputSpace.weekBuckets(drl, reader.weekThresholds()),
                InputSpace.ageBuckets(drl, reader.ageThresholds()),
                InputSpace.termClasses(ruleBase.vocabulary(), drl, reader.termTests()), PROFILE_BUDGET);
        progress.step("verify", inputSpace.size(), "profiles");
        Verifier.Result result = new Verifier(ruleBase, invariants, inputSpace, options.threads(), progress).run();
        for (Verifier.Violation v : result.violations()) {
            Invariant inv = v.invariant();
            findings.add(Finding.at(Finding.Severity.ERROR, inv.at().file(), inv.at().line(), inv.at().column(),
                    "invariant \"" + inv.name() + "\" (" + inv.whenText() + ") is violated for " + Numbers.count(v.count())
                            + " profiles; the smallest:")
                    .withExample(v.smallest().profile(), v.smallest().firedRules(), v.smallest().details()));
        }
        if (result.gaps() != null) {
            findings.add(Finding.at(Finding.Severity.ERROR, files.dir().toString(), 0, 0,
                    "gap: " + Numbers.count(result.gaps().count()) + " profiles get no base range and no referral (so no interval); the smallest:")
                    .withExample(result.gaps().smallest().profile(), result.gaps().smallest().firedRules(), result.gaps().smallest().details()));
        }
        for (Verifier.Conflict c : result.conflicts()) {
            RuleInfo a = ruleBase.rule(c.ruleA());
            findings.add(Finding.at(Finding.Severity.ERROR, a.file(), a.line(), 0,
                    "conflict: rules \"" + c.ruleA() + "\" (" + c.effectA() + ") and \"" + c.ruleB() + "\" (" + c.effectB()
                            + ", " + where(ruleBase.rule(c.ruleB())) + ") both fire for " + Numbers.count(c.count()) + " profiles; the smallest:")
                    .withExample(c.smallest().profile(), c.smallest().firedRules(), c.smallest().details()));
        }
        if (result.errors() != null) {
            findings.add(Finding.at(Finding.Severity.ERROR, files.dir().toString(), 0, 0,
                    Numbers.count(result.errors().count()) + " profiles cannot be evaluated; the smallest:")
                    .withExample(result.errors().smallest().profile(), result.errors().smallest().firedRules(), result.errors().smallest().details()));
        }
        String summary = invariants.size() + " invariants over " + Numbers.count(result.profiles()) + " profiles ("
                + inputSpace.conditionCoverage() + ", crossed with every class of every other field) in "
                + Numbers.count(result.millis()) + " ms (" + result.threads() + " threads): " + result.violations().size() + " violated, "
                + Numbers.count(result.gaps() == null ? 0 : result.gaps().count()) + " gap profiles, " + result.conflicts().size() + " conflicts";
        return new VerifyStep(new StageReport("verify", summary, findings, false),
                new CheckReport.Space(result.profiles(), result.dimensions(), result.millis(), result.threads()));
    }

    private static String where(RuleInfo rule) {
        return rule.file() == null ? "?" : rule.file() + ":" + rule.line();
    }

    private List<ScenarioResult> scenarios(RuleBase ruleBase, List<StageReport> stages) {
        List<Finding> findings = new ArrayList<>();
        List<ScenarioResult> results = new ArrayList<>();
        List<Path> files;
        try {
            files = ScenarioRunner.discover(options.scenarios().stream().filter(Files::exists).toList());
        } catch (InputException e) {
            stages.add(new StageReport("scenarios", "cannot read the scenarios", List.of(Finding.at(Finding.Severity.ERROR,
                    e.position().file(), e.position().line(), e.position().column(), e.getMessage())), false));
            return results;
        }
        for (Path missing : options.scenarios().stream().filter(p -> !Files.exists(p)).toList()) {
            findings.add(Finding.at(Finding.Severity.ERROR, missing.toString(), 0, 0, "no such scenario file or folder"));
        }
        ScenarioRunner runner = new ScenarioRunner(new Evaluator(ruleBase));
        progress.step("scenarios", files.size(), "scenarios");
        int failed = 0;
        int errors = 0;
        for (Path file : files) {
            ScenarioResult r = runner.run(file);
            results.add(r);
            progress.advance(1);
            if (r.isError()) {
                errors++;
                findings.add(Finding.at(Finding.Severity.ERROR, null, 0, 0, r.error()));
            } else if (!r.passed()) {
                failed++;
                findings.add(new Finding(Finding.Severity.ERROR, r.file(), null, null, "scenario \"" + r.name() + "\" failed",
                        null, null, r.failures()));
            }
        }
        int passed = files.size() - failed - errors;
        stages.add(new StageReport("scenarios", passed + " passed, " + failed + " failed"
                + (errors == 0 ? "" : ", " + errors + (errors == 1 ? " error" : " errors")), findings, false));
        return results;
    }

    private StageReport coverage(RuleBase ruleBase, List<ScenarioResult> results) {
        Coverage coverage = Coverage.of(ruleBase, results);
        List<Finding> findings = new ArrayList<>();
        Finding.Severity severity = options.allowUncovered() ? Finding.Severity.WARNING : Finding.Severity.ERROR;
        for (RuleInfo rule : coverage.uncovered()) {
            findings.add(Finding.at(severity, rule.file(), rule.line(), 0, "rule \"" + rule.name() + "\" fires in no scenario"));
        }
        int total = coverage.scenariosByRule().size();
        return new StageReport("coverage", (total - findings.size()) + " of " + total + " rules fire in some scenario",
                findings, false);
    }
}
