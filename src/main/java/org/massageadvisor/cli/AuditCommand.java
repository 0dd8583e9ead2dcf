package org.massageadvisor.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.massageadvisor.audit.AuditKey;
import org.massageadvisor.audit.AuditLog;
import org.massageadvisor.audit.AuditReplay;
import org.massageadvisor.audit.AuditVerifier;
import org.massageadvisor.audit.ChainTransfer;
import org.massageadvisor.audit.DecisionLog;
import org.massageadvisor.audit.DecisionLogs;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        header = "Check, replay, query, move, anchor and repair a decision log (written by 'evaluate --audit' or 'batch --audit').",
        description = "LOG is a JSON-lines file, or a PostgreSQL log named postgresql://USER@HOST:PORT/DATABASE "
                + "(password from PGPASSWORD or ~/.pgpass, never in the URL). repair works on a file log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Replay.class, AuditCommand.Query.class, AuditCommand.Export.class,
            AuditCommand.Import.class, AuditCommand.Anchor.class, AuditCommand.Repair.class})
final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: verify, replay, query, export, import, anchor or repair");
    }

    private static void requireFile(Path log) {
        if (!Files.isRegularFile(log)) {
            throw new InputException(Position.of(log.toString()), "no such audit log");
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            header = "Check the hash chain; name the first edited, removed or reordered line (exit 1).",
            description = "Plain: proves the lines are in order and unedited since the chain was last computed. --key: also that "
                + "whoever wrote each line held the key. --expect-head: also that no line was cut off the end. See docs/audit.md. "
                + "It reads no rules folder (the log's lines and hashes are all it checks), so it takes no --rules.")
    static final class Verify implements Callable<Integer> {

        @Parameters(paramLabel = "LOG", description = "The decision log: a JSON-lines file or a postgresql:// URL.")
        String log;

        @Option(names = "--key", paramLabel = "FILE", description = "The key the log was written with (--audit-key): every line's mac must match.")
        Path key;

        @Option(names = "--expect-head", paramLabel = "SEQ:HASH",
                description = "A head printed earlier by 'advisor audit anchor': the log must still hold that decision with that hash.")
        String expectHead;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            AuditVerifier.Head head = null;
            if (expectHead != null) {
                try {
                    head = AuditVerifier.Head.parse(expectHead);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--expect-head: " + e.getMessage());
                }
            }
            AuditVerifier.Result result;
            try (DecisionLog l = DecisionLogs.openExisting(log)) {
                result = AuditVerifier.verify(l, key == null ? null : AuditKey.read(key), head);
            }
            String mode = (key == null ? "" : ", every mac matches the key") + (head == null ? "" : ", head " + head + " present");
            spec.commandLine().getOut().println(result + (result.intact() ? mode : ""));
            return result.intact() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    @Command(name = "anchor", mixinStandardHelpOptions = true,
            header = "Print the log's head (SEQ:HASH) to keep somewhere else; 'audit verify --expect-head' checks it later.",
            description = "The chain alone cannot show lines cut off the end; a head kept elsewhere (a ticket, an e-mail, "
                + "another machine) can. The log is verified first (exit 1 if it is not intact).")
    static final class Anchor implements Callable<Integer> {

        @Parameters(paramLabel = "LOG", description = "The decision log: a JSON-lines file or a postgresql:// URL.")
        String log;

        @Option(names = "--key", paramLabel = "FILE", description = "Verify the macs with this key before printing the head.")
        Path key;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            AuditKey k = key == null ? null : AuditKey.read(key);
            AuditVerifier.Result result;
            try (DecisionLog l = DecisionLogs.openExisting(log)) {
                result = AuditVerifier.verify(l, k, null);
            }
            if (!result.intact()) {
                spec.commandLine().getOut().println(result);
                return ExitCodes.FAILED;
            }
            spec.commandLine().getOut().println(result.lines() + ":" + result.lastHash());
            return ExitCodes.OK;
        }
    }

    @Command(name = "repair", mixinStandardHelpOptions = true,
            header = "Cut off a partial last line left by a crash or a full disk, and say what was removed.",
            description = "Only an incomplete last line (one without a line end) is removed; a log that is broken anywhere else "
                + "is left as it is and reported (exit 1): that is for a person to look at, not for repair.")
    static final class Repair implements Callable<Integer> {

        @Parameters(paramLabel = "LOG", description = "The decision log (JSON lines).")
        Path log;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (log.toString().startsWith("postgresql:")) {
                throw new InputException(Position.of("LOG"), "a PostgreSQL log has nothing to repair: a row is committed whole or not at all"
                        + " ('advisor audit verify URL' checks it)");
            }
            requireFile(log);
            PrintWriter out = spec.commandLine().getOut();
            AuditLog.Repair repair = AuditLog.repair(log);
            if (repair.removedBytes() == 0) {
                out.println(log + ": nothing to repair; the log ends with a whole line (decision #" + repair.lastSeq() + ")");
            } else {
                out.println(log + ": removed " + repair.removedLines() + " incomplete line (" + repair.removedBytes() + " bytes)"
                        + (repair.lastSeq() < 0 ? "; the line before it is not a log entry either"
                                : repair.lastSeq() == 0 ? "; the log is now empty" : " after decision #" + repair.lastSeq()
                                        + "; the log now ends at #" + repair.lastSeq()));
            }
            AuditVerifier.Result result = AuditVerifier.verify(log);
            out.println(result);
            return result.intact() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            header = "Re-run every logged decision with its archived rule set (any difference: exit 1), "
                    + "or with --against DIR preview what another rules folder would change.")
    static final class Replay implements Callable<Integer> {

        @Parameters(paramLabel = "LOG", description = "The decision log: a JSON-lines file (rule sets in <log dir>/rulesets) or a postgresql:// URL.")
        String log;

        @Option(names = {"--against", "--rules"}, paramLabel = "DIR",
                description = "A rules folder to compare with (e.g. an edited copy of rules-drl). Without it, each decision is "
                    + "replayed with the rule set archived for it.")
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
                return DecisionLog.Filter.bound(text, endOfDay);
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
