package org.massageadvisor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.massageadvisor.audit.AuditReplay;
import org.massageadvisor.audit.AuditVerifier;
import org.massageadvisor.audit.ChainTransfer;
import org.massageadvisor.audit.DecisionLog;
import org.massageadvisor.audit.DecisionLogs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        header = "Check, replay, query and move a decision log (written by 'evaluate --audit' or 'batch --audit').",
        description = "LOG is a JSON-lines file, or a PostgreSQL log named postgresql://USER@HOST:PORT/DATABASE "
                + "(password from PGPASSWORD or ~/.pgpass, never in the URL).",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Replay.class, AuditCommand.Query.class, AuditCommand.Export.class,
            AuditCommand.Import.class})
final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: verify, replay, query, export or import");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            header = "Check the hash chain; name the first edited, removed or reordered line (exit 1).")
    static final class Verify implements Callable<Integer> {

        @Parameters(paramLabel = "LOG", description = "The decision log: a JSON-lines file or a postgresql:// URL.")
        String log;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (DecisionLog l = DecisionLogs.openExisting(log)) {
                AuditVerifier.Result result = AuditVerifier.verify(l);
                spec.commandLine().getOut().println(result);
                return result.intact() ? ExitCodes.OK : ExitCodes.FAILED;
            }
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            header = "Re-run every logged decision with its archived rule set (any difference: exit 1), "
                    + "or with --against DIR preview what another rules folder would change.")
    static final class Replay implements Callable<Integer> {

        @Parameters(paramLabel = "LOG", description = "The decision log: a JSON-lines file (rule sets in <log dir>/rulesets) or a postgresql:// URL.")
        String log;

        @Option(names = "--against", paramLabel = "DIR", description = "A rules folder to compare with (e.g. an edited copy of rules-drl).")
        Path against;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (DecisionLog l = DecisionLogs.openExisting(log)) {
                AuditVerifier.Result chain = AuditVerifier.verify(l);
                if (!chain.intact()) {
                    out.println(chain);
                    out.println("replay: not replayed, the log is not intact");
                    return ExitCodes.FAILED;
                }
                AuditReplay.Report report = against == null ? AuditReplay.replay(l) : AuditReplay.replayAgainst(l, against);
                printReplay(out, report, against != null);
                return against == null && !report.differences().isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
            }
        }
    }

    static void printReplay(PrintWriter out, AuditReplay.Report report, boolean against) {
        if (!against) {
            out.println("replayed " + report.decisions() + " decisions with their archived rule sets: "
                    + report.differences().size() + " differ");
        } else {
            out.println("replayed " + report.decisions() + " decisions against " + report.against() + ": "
                    + report.differences().size() + " would change");
        }
        if (!report.differences().isEmpty()) {
            out.println();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"line", "client", "logged", "now", "rule change"});
            for (AuditReplay.Difference d : report.differences()) {
                rows.add(new String[] {Integer.toString(d.line()), d.client() == null ? "" : d.client(), d.before(), d.after(), d.ruleChange()});
            }
            out.println(table(rows));
            out.println("By rule change:");
            for (Map.Entry<String, Integer> e : report.byRuleChange().entrySet()) {
                out.printf("  %5d  %s%n", e.getValue(), e.getKey());
            }
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            header = "List the decisions for a client (or with a warning, or a rule that fired, in a date range); "
                    + "with --counts count them by warning and by rule; with --against DIR list those a rule change would alter.")
    static final class Query implements Callable<Integer> {

        @Parameters(paramLabel = "LOG", description = "The decision log: a JSON-lines file or a postgresql:// URL.")
        String log;

        @Option(names = "--client", paramLabel = "ID", description = "Only this client's decisions.")
        String client;

        @Option(names = "--warning", paramLabel = "CODE", description = "Only decisions that carry this warning code (e.g. CONSULT_DOCTOR).")
        String warning;

        @Option(names = "--rule", paramLabel = "NAME", description = "Only decisions in which this rule fired (its full name).")
        String rule;

        @Option(names = "--from", paramLabel = "DATE", description = "Only decisions on or after this day (YYYY-MM-DD, UTC) or instant.")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "Only decisions up to and including this day (YYYY-MM-DD, UTC), or before this instant.")
        String to;

        @Option(names = "--counts", description = "Count the matching decisions by warning code and by rule fired, instead of listing them.")
        boolean counts;

        @Option(names = "--against", paramLabel = "DIR",
                description = "Replay the whole log against this rules folder and list the decisions it would change (as 'audit replay --against').")
        Path against;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (against != null && (counts || client != null || warning != null || rule != null || from != null || to != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--against replays the whole log; it takes no other option");
            }
            DecisionLog.Filter filter = new DecisionLog.Filter(client, warning, rule, instant("--from", from, false), instant("--to", to, true));
            try (DecisionLog l = DecisionLogs.openExisting(log)) {
                if (against != null) {
                    printReplay(out, AuditReplay.replayAgainst(l, against), true);
                } else if (counts) {
                    DecisionLog.Counts c = l.count(filter);
                    out.println(c.decisions() + " decisions" + range());
                    out.println("By warning (decisions that carry it):");
                    c.byWarning().forEach((code, n) -> out.printf("  %7d  %s%n", n, code));
                    out.println("By rule (decisions in which it fired):");
                    c.byRule().forEach((name, n) -> out.printf("  %7d  %s%n", n, name));
                } else {
                    List<DecisionLog.Found> found = l.find(filter);
                    List<String[]> rows = new ArrayList<>();
                    rows.add(new String[] {"seq", "time", "client", "decision", "ruleset"});
                    for (DecisionLog.Found f : found) {
                        String version = f.rulesetVersion() == null ? "" : f.rulesetVersion().substring(0, Math.min(19, f.rulesetVersion().length()));
                        rows.add(new String[] {Long.toString(f.seq()), f.timestamp(), f.client() == null ? "" : f.client(), f.summary(), version});
                    }
                    out.print(table(rows));
                    out.println(found.size() + " decisions" + range());
                }
            }
            return ExitCodes.OK;
        }

        private Instant instant(String option, String text, boolean endOfDay) {
            if (text == null) {
                return null;
            }
            try {
                if (text.length() == 10) {
                    LocalDate day = LocalDate.parse(text);
                    return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        option + " (" + text + ") is not a date (YYYY-MM-DD) or an instant (YYYY-MM-DDTHH:MM:SSZ)");
            }
        }

        private String range() {
            return (from == null ? "" : " from " + from) + (to == null ? "" : " to " + to);
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            header = "Copy a log, chain and rule sets unchanged, to a new JSON-lines file (e.g. from PostgreSQL).")
    static final class Export implements Callable<Integer> {

        @Parameters(paramLabel = "LOG", description = "The decision log to copy: a postgresql:// URL or a file.")
        String log;

        @Option(names = "--to", paramLabel = "FILE", required = true, description = "The new JSON-lines file (rule sets go to <its dir>/rulesets).")
        Path to;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (DecisionLogs.isDatabase(to.toString())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--to names a file; to copy into a database use 'audit import'");
            }
            return transfer(spec, log, to.toString());
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            header = "Copy a JSON-lines log, chain and rule sets unchanged, into an empty log (e.g. a PostgreSQL one).")
    static final class Import implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The JSON-lines decision log to copy; it must verify.")
        Path file;

        @Option(names = "--to", paramLabel = "LOG", required = true, description = "The empty log to copy into: a postgresql:// URL (or a new file).")
        String to;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return transfer(spec, file.toString(), to);
        }
    }

    private static int transfer(CommandSpec spec, String from, String to) {
        try (DecisionLog source = DecisionLogs.openExisting(from)) {
            ChainTransfer.Result r = ChainTransfer.copy(source, to);
            spec.commandLine().getOut().println("copied " + r.decisions() + " decisions and " + r.ruleSets() + " rule sets from " + source.name()
                    + " to " + to + " (last hash " + r.head() + ")");
        }
        return ExitCodes.OK;
    }

    private static String table(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
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
