package org.massageadvisor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.massageadvisor.check.CheckReport;
import org.massageadvisor.check.Checker;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.engine.LiveRuleBase;
import org.massageadvisor.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "watch", mixinStandardHelpOptions = true,
        header = "Watch the rules folder; on each change recompile, check, and go live only if the check passes.",
        description = "Keeps serving the last good rules when an edit fails its check, and prints why. Prints, for each "
            + "reload, the time from the file being saved to the new rules being live. On a terminal, a progress line on "
            + "stderr shows which check step is running.")
final class WatchCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Mixin
    CheckOptions check;

    @Option(names = "--debounce", paramLabel = "MS", defaultValue = "100",
            description = "Wait until the folder is quiet this long before reloading (default: ${DEFAULT-VALUE} ms).")
    long debounce;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        rules.dir();
        Progress progress = check.progress(err);
        AtomicReference<CheckReport> lastReport = new AtomicReference<>();
        LiveRuleBase.Gate gate = candidate -> {
            // The progress line names the version being checked: "checking 1a2b3c4d: verify  42% ...".
            String version = candidate.version().replaceFirst("^sha256:", "");
            Progress named = progress.prefixed("checking " + version.substring(0, Math.min(version.length(), 8)) + ": ");
            CheckReport report = new Checker(check.toOptions(), named).check(candidate);
            lastReport.set(report);
            return report.errors();
        };
        try (LiveRuleBase live = new LiveRuleBase(rules.dir(), gate, reload -> print(reload, out, err))) {
            progress.step("compiling " + rules.dir(), 0, "");
            LiveRuleBase.Reload first = live.reload();
            progress.close();
            if (!first.live()) {
                // The first rules must pass too: there is nothing older to fall back on.
                if (lastReport.get() != null) {
                    CheckCommand.print(lastReport.get(), out);
                    return lastReport.get().exitCode();
                }
                return ExitCodes.RULES_BROKEN;
            }
            out.println("watching " + rules.dir() + " (Ctrl-C to stop)");
            out.flush();
            live.watch(Duration.ofMillis(debounce));
            new CountDownLatch(1).await();
        }
        return ExitCodes.OK;
    }

    static void print(LiveRuleBase.Reload reload, PrintWriter out, PrintWriter err) {
        String latency = reload.latencyMillis() < 0 ? "" : " " + reload.latencyMillis() + " ms after the file was saved";
        if (reload.live()) {
            out.println("live: " + reload.version() + latency);
            out.flush();
        } else {
            err.println("refused " + (reload.version() == null ? "the edit" : reload.version()) + latency
                    + (reload.serving() == null ? "; no rules are live yet" : "; still serving " + reload.serving()) + ". Why:");
            reload.reasons().forEach(r -> err.println("  " + r));
            err.flush();
        }
    }
}
