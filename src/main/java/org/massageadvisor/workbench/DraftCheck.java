package org.massageadvisor.workbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.massageadvisor.check.CheckReport;
import org.massageadvisor.check.Checker;
import org.massageadvisor.check.Finding;
import org.massageadvisor.check.StageReport;
import org.massageadvisor.client.InputException;
import org.massageadvisor.engine.RuleFiles;

/** Runs the check that gates a reload of the live rules on a draft, and reports its errors by file, line and column. */
final class DraftCheck {

    private final Checker.Options options;

    DraftCheck(Checker.Options options) {
        this.options = options;
    }

    CheckResult check(RuleFiles base, Map<String, String> changes) {
        try (Draft draft = Draft.of(base.files(), changes)) {
            return check(draft);
        }
    }

    CheckResult check(Draft draft) {
        CheckReport report;
        try {
            report = new Checker(options).check(draft.dir());
        } catch (InputException e) {
            // The draft as a whole is unreadable (no rule file left, a file too large): one problem, no position.
            String message = e.getMessage().replace(draft.dir().toString() + "/", "").replace(draft.dir().toString(), "the rules folder");
            return new CheckResult(false, List.of(new Problem(null, 0, 0, "compile", message)), "the rules cannot be read: " + message);
        }
        List<Problem> problems = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (StageReport stage : report.stages()) {
            steps.add(stage.name() + " " + stage.status());
            for (Finding f : stage.findings()) {
                if (f.severity() != Finding.Severity.ERROR) {
                    continue;
                }
                String message = f.message() + (f.example() == null ? "" : " " + Finding.profileText(f.example()))
                        + (f.details() == null || f.details().isEmpty() ? "" : " " + String.join("; ", f.details()));
                String path = draft.relative(f.file());
                problems.add(new Problem(path == null || path.isEmpty() ? null : path, f.line() == null ? 0 : f.line(),
                        f.column() == null ? 0 : f.column(), stage(stage.name()), message.replace(draft.dir().toString() + "/", "")));
            }
        }
        boolean passed = report.ok();
        String summary = (passed ? "passed" : problems.size() + (problems.size() == 1 ? " problem" : " problems")) + ": "
                + String.join(", ", steps);
        return new CheckResult(passed, problems, summary);
    }

    /** The check's step names as the workbench reports them: compile, lint, invariant, scenario. */
    private static String stage(String name) {
        return switch (name) {
            case "verify" -> "invariant";
            case "scenarios", "coverage" -> "scenario";
            default -> name;
        };
    }
}
