package org.massageadvisor.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.massageadvisor.audit.AuditReplay;
import org.massageadvisor.audit.AuditVerifier;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        header = "Check a decision log (written by 'evaluate --audit' or 'batch --audit') and replay its decisions.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Replay.class})
final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: verify or replay");
    }

    private static void requireFile(Path log) {
        if (!Files.isRegularFile(log)) {
            throw new InputException(Position.of(log.toString()), "no such audit log");
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            header = "Check the hash chain; name the first edited, removed or reordered line (exit 1).",
            description = "Reads no rules folder (the log's lines and hashes are all it checks), so it takes no --rules.")
    static final class Verify implements Callable<Integer> {

        @Parameters(paramLabel = "LOG", description = "The decision log (JSON lines).")
        Path log;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            requireFile(log);
            AuditVerifier.Result result = AuditVerifier.verify(log);
            spec.commandLine().getOut().println(result);
            return result.intact() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            header = "Re-run every logged decision with its archived rule set (any difference: exit 1), "
                    + "or with --against DIR preview what another rules folder would change.")
    static final class Replay implements Callable<Integer> {

        @Parameters(paramLabel = "LOG", description = "The decision log (JSON lines); its rule sets are in <log dir>/rulesets.")
        Path log;

        @Option(names = {"--against", "--rules"}, paramLabel = "DIR",
                description = "A rules folder to compare with (e.g. an edited copy of rules-drl). Without it, each decision is "
                    + "replayed with the rule set archived for it.")
        Path against;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            requireFile(log);
            PrintWriter out = spec.commandLine().getOut();
            AuditVerifier.Result chain = AuditVerifier.verify(log);
            if (!chain.intact()) {
                out.println(chain);
                out.println("replay: not replayed, the log is not intact");
                return ExitCodes.FAILED;
            }
            AuditReplay.Report report = against == null ? AuditReplay.replay(log) : AuditReplay.replayAgainst(log, against);
            if (against == null) {
                out.println("replayed " + report.decisions() + " decisions with their archived rule sets: "
                        + report.differences().size() + " differ");
            } else {
                out.println("replayed " + report.decisions() + " decisions against " + report.against() + ": "
                        + report.differences().size() + " would change");
            }
            if (!report.differences().isEmpty()) {
                out.println();
                out.println(table(report));
                out.println("By rule change:");
                for (Map.Entry<String, Integer> e : report.byRuleChange().entrySet()) {
                    out.printf("  %5d  %s%n", e.getValue(), e.getKey());
                }
            }
            return against == null && !report.differences().isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
        }

        private static String table(AuditReplay.Report report) {
            String[] head = {"line", "client", "logged", "now", "rule change"};
            int[] width = new int[head.length];
            java.util.List<String[]> rows = new java.util.ArrayList<>();
            rows.add(head);
            for (AuditReplay.Difference d : report.differences()) {
                rows.add(new String[] {Integer.toString(d.line()), d.client() == null ? "" : d.client(), d.before(), d.after(), d.ruleChange()});
            }
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    width[i] = Math.max(width[i], row[i].length());
                }
            }
            StringBuilder b = new StringBuilder();
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    b.append(i == row.length - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
                }
                b.append(System.lineSeparator());
            }
            return b.toString();
        }
    }
}
