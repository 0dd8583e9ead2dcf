package org.massageadvisor.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.massageadvisor.audit.LogUnavailableException;
import org.massageadvisor.client.InputException;
import org.massageadvisor.engine.Deadlines;
import org.massageadvisor.engine.RuleCompilationException;
import org.massageadvisor.engine.RuleRefusedException;
import org.massageadvisor.engine.RuleException;
import org.massageadvisor.engine.RuleLoopException;
import org.massageadvisor.io.EnvironmentException;
import org.massageadvisor.io.Terminal;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code advisor <subcommand>}. */
@Command(name = "advisor",
        mixinStandardHelpOptions = true,
        versionProvider = AdvisorCommand.Version.class,
        header = "How many days to leave between back massages, by rules clinicians can edit.",
        footerHeading = "%nSee README.md and docs/ for the rules, scenarios and file formats.%n")
public final class AdvisorCommand implements Runnable {

    /** The commands that answer one client or one folder of scenarios: their start-up is most of their time. */
    private static final java.util.Set<String> WARMED_UP = java.util.Set.of("evaluate", "explain", "test");

    /**
     * The subcommands, in the order help lists them. Only the one a run names is built (picocli reads
     * every option of every command it is given by reflection, a third of a one-client start); help, a
     * bare {@code advisor} and a misspelt name get them all.
     */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(
            EvaluateCommand.class,
            TestCommand.class,
            ExplainCommand.class,
            CheckCommand.class,
            BatchCommand.class,
            GenerateCommand.class,
            AuditCommand.class,
            WatchCommand.class,
            ServeCommand.class,
            UsersCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed");
    }

    public static void main(String[] args) {
        if (args.length > 0 && WARMED_UP.contains(args[0])) {
            // One-client commands: the rule engine's classes load while picocli parses and the profile is read.
            org.massageadvisor.engine.EngineWarmUp.start();
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the program in-process with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err, args);
        // --deadline sets a system property for this run only: in-process callers (tests, a service) keep theirs.
        String deadline = System.getProperty(Deadlines.PROPERTY);
        try {
            return cl.execute(args);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
            if (deadline == null) {
                System.clearProperty(Deadlines.PROPERTY);
            } else {
                System.setProperty(Deadlines.PROPERTY, deadline);
            }
        }
    }

    /** Standard output and error go through {@link Terminal}: no control character from a file reaches the terminal raw. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new AdvisorCommand());
        Class<?> named = args.length == 0 ? null : SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(args[0])).findFirst().orElse(null);
        for (Class<?> sub : named == null || named == CommandLine.HelpCommand.class ? SUBCOMMANDS : java.util.List.of(named)) {
            cl.addSubcommand(sub);
        }
        cl.setOut(Terminal.escaping(out));
        cl.setErr(Terminal.escaping(err));
        cl.setExecutionExceptionHandler(AdvisorCommand::handle);
        cl.setParameterExceptionHandler(AdvisorCommand::usageError);
        // Help fills a terminal's width (80 columns elsewhere), breaking lines between words only.
        cl.setUsageHelpAutoWidth(true);
        withExitCodes(cl);
        withVersion(cl);
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

    /** '-V' on any subcommand prints the same version as 'advisor --version', never nothing. */
    private static void withVersion(CommandLine cl) {
        cl.getCommandSpec().versionProvider(new Version());
        cl.getSubcommands().values().forEach(AdvisorCommand::withVersion);
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
            return ExitCodes.ENVIRONMENT;
        }
        if (e instanceof RuleCompilationException rc) {
            err.println(e instanceof RuleRefusedException ? "error: the rules are refused (a rule may only conclude):"
                    : "error: the rules do not compile:");
            rc.problems().forEach(p -> err.println("  " + p));
            return ExitCodes.RULES_BROKEN;
        }
        if (e instanceof RuleException) {
            err.println("error: " + e.getMessage());
            return ExitCodes.RULES_BROKEN;
        }
        if (e instanceof org.massageadvisor.batch.BatchRunner.Stopped) {
            return 130;
        }
        if (e instanceof EnvironmentException) {
            err.println("error: " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
        if (EnvironmentException.isEnvironment(e)) {
            err.println("error: " + EnvironmentException.reason(e) + (e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null
                    ? " (" + fs.getFile() + ")" : ""));
            return ExitCodes.ENVIRONMENT;
        }
        err.println("internal error: " + e + " (a bug; please report it with the command that caused it)");
        return ExitCodes.INTERNAL_ERROR;
    }

    /**
     * The program's version (the one the decision log records), the Drools it runs the rules with, and
     * the Java running it; Maven filters the first two into version.properties.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                org.massageadvisor.audit.ProgramVersion.get(),
                "Drools " + droolsVersion(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
            };
        }

        static String droolsVersion() {
            try (java.io.InputStream in = Version.class.getResourceAsStream("/org/massageadvisor/version.properties")) {
                java.util.Properties p = new java.util.Properties();
                if (in != null) {
                    p.load(in);
                }
                String v = p.getProperty("drools", "unknown");
                return v.startsWith("${") ? "unknown" : v;
            } catch (java.io.IOException e) {
                return "unknown";
            }
        }
    }
}
