package org.massageadvisor.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.massageadvisor.audit.LogUnavailableException;
import org.massageadvisor.client.InputException;
import org.massageadvisor.engine.RuleCompilationException;
import org.massageadvisor.engine.RuleLoopException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code advisor <subcommand>}. */
@Command(name = "advisor",
        mixinStandardHelpOptions = true,
        versionProvider = AdvisorCommand.Version.class,
        header = "How many days to leave between back massages, by rules clinicians can edit.",
        subcommands = {
            EvaluateCommand.class,
            TestCommand.class,
            ExplainCommand.class,
            CheckCommand.class,
            BatchCommand.class,
            GenerateCommand.class,
            BenchCommand.class,
            AuditCommand.class,
            WatchCommand.class,
            CommandLine.HelpCommand.class,
        },
        footerHeading = "%nSee README.md and docs/ for the rules, scenarios and file formats.%n")
public final class AdvisorCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the program in-process with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        return cl.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new AdvisorCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(AdvisorCommand::handle);
        cl.setParameterExceptionHandler(AdvisorCommand::usageError);
        withExitCodes(cl);
        return cl;
    }

    /** Every command's --help lists the exit codes, from one list. */
    private static void withExitCodes(CommandLine cl) {
        java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
        for (String entry : ExitCodes.LIST) {
            int colon = entry.indexOf(':');
            codes.put("  " + entry.substring(0, colon), entry.substring(colon + 1));
        }
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        cl.getSubcommands().values().forEach(AdvisorCommand::withExitCodes);
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("advisor: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCodes.BAD_INPUT;
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof InputException) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof LogUnavailableException) {
            // The decision log's database is down or too slow: the message says which and why; nothing was acknowledged.
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof RuleCompilationException rc) {
            err.println("error: the rules do not compile:");
            rc.problems().forEach(p -> err.println("  " + p));
            return ExitCodes.RULES_BROKEN;
        }
        if (e instanceof RuleLoopException) {
            err.println("error: " + e.getMessage());
            return ExitCodes.RULES_BROKEN;
        }
        err.println("internal error: " + e + " (a bug; please report it with the command that caused it)");
        return ExitCodes.INTERNAL_ERROR;
    }

    /** The version Maven filtered into version.properties, the same one the decision log records. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {org.massageadvisor.audit.ProgramVersion.get()};
        }
    }
}
