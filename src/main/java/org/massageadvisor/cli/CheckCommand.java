package org.massageadvisor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.massageadvisor.check.CheckReport;
import org.massageadvisor.check.Checker;
import org.massageadvisor.check.Checker;
import org.massageadvisor.check.Finding;
import org.massageadvisor.check.StageReport;
import org.massageadvisor.text.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Compile, lint and verify the rules folder, then run the scenarios and measure their coverage.",
        description = {
            "Steps, in order: compile; lint (unknown terms in DRL literals, duplicate rule names, missing "
                + "@source/@description/@evidence/@reviewed, unmentioned vocabulary terms as notes); verify "
                + "(invariants.yaml over every profile the vocabulary allows, gaps and base-range conflicts); "
                + "scenarios; coverage (every rule must fire in some scenario). On a terminal, a progress line on stderr "
                + "shows the step running and the share of the input space verified.",
            "See docs/authoring.md."})
final class CheckCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Mixin
    CheckOptions check;

    @Option(names = "--json", description = "Print the report as JSON, for tools.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CheckReport report = new Checker(check.toOptions(), check.progress(spec.commandLine().getErr())).check(rules.dir());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Render.json(report, true));
        } else {
            print(report, out);
        }
        return report.exitCode();
    }

    /** The human report: a line a step, its findings under it, a verdict last. */
    static void print(CheckReport report, PrintWriter out) {
        out.println("check " + report.rules() + " (" + report.rulesetVersion() + ")");
        for (StageReport stage : report.stages()) {
            out.printf("%-10s %-8s %s%n", stage.name(), stage.status(), stage.summary());
            for (Finding f : stage.findings()) {
                out.println("  " + f.severity().name().toLowerCase(java.util.Locale.ROOT) + ": "
                        + (f.location().isEmpty() ? "" : f.location() + ": ") + f.message());
                if (f.example() != null) {
                    out.println("      profile: " + Finding.profileText(f.example()));
                }
                if (f.firedRules() != null) {
                    out.println("      fired:   " + (f.firedRules().isEmpty() ? "(no rule)" : String.join("; ", quoted(f.firedRules()))));
                }
                if (f.details() != null) {
                    f.details().forEach(d -> out.println("      " + d));
                }
            }
        }
        if (report.space() != null) {
            out.println("input space: " + Numbers.count(report.space().profiles()) + " profiles = " + String.join(" x ",
                    report.space().dimensions().entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()));
        }
        int code = report.exitCode();
        out.println(code == 0 ? "check: ok" : code == ExitCodes.RULES_BROKEN
                ? "check: FAILED, the rules do not compile (exit 3)" : "check: FAILED (exit 1)");
    }

    private static List<String> quoted(List<String> names) {
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add("\"" + n + "\""));
        return out;
    }
}
