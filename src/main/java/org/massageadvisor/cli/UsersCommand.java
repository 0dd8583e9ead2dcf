package org.massageadvisor.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.users.Passwords;
import org.massageadvisor.users.Role;
import org.massageadvisor.users.User;
import org.massageadvisor.users.UserNames;
import org.massageadvisor.users.UserStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "users", mixinStandardHelpOptions = true,
        header = "Add, list or remove the people who may use the workbench (served under /workbench).",
        description = {
            "Users live in <state>/users.json with their role and a bcrypt hash of their password, never the password.",
            "Roles: viewer (reads), author (checks, previews and proposes changes), reviewer (also approves or rejects",
            "other people's proposals). A running 'advisor serve' sees changes at the next login. See docs/workbench.md."},
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class})
final class UsersCommand implements Runnable {

    @Option(names = "--state", paramLabel = "DIR", defaultValue = ".advisor", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The service's state folder, as given to 'serve --state' (default: ${DEFAULT-VALUE}).")
    Path state;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: add, list or remove");
    }

    UserStore store() {
        return new UserStore(state, new Passwords(), Clock.systemUTC());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            header = "Add a user; the password is read from standard input (not echoed on a terminal).",
            description = "The password is at least " + Passwords.MIN_LENGTH + " characters and at most " + Passwords.MAX_BYTES
                    + " bytes. Without a terminal, the first line of standard input is the password.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "1-" + UserNames.MAX + " letters, digits, '.', '_' or '-'.")
        String name;
        @Option(names = "--role", paramLabel = "ROLE", required = true, description = "author, reviewer or viewer.")
        String role;
        @Option(names = "--replace", description = "Change the role and password of an existing user.")
        boolean replace;

        @Override
        public Integer call() throws IOException {
            Role r = valid(() -> Role.parse(role), "--role");
            valid(() -> UserNames.check(name), "NAME");
            char[] password = readPassword(spec.commandLine().getErr());
            try {
                User u = valid(() -> parent.store().add(name, r, password, replace), "password");
                PrintWriter out = spec.commandLine().getOut();
                out.println("added " + u.name() + " (" + u.role().key() + ") to " + parent.store().file());
                return ExitCodes.OK;
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, header = "List the users and their roles (never a password or hash).")
    static final class ListUsers implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (User u : parent.store().list()) {
                out.println(u.name() + "\t" + u.role().key() + "\tadded " + u.created());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, header = "Remove a user; their open sessions end at their next request.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            if (!parent.store().remove(name)) {
                spec.commandLine().getErr().println("error: no user '" + name + "' in " + parent.store().file());
                return ExitCodes.BAD_INPUT;
            }
            spec.commandLine().getOut().println("removed " + name);
            return ExitCodes.OK;
        }
    }

    /** On a terminal, asks without echo; otherwise reads one line of standard input. */
    static char[] readPassword(PrintWriter err) throws IOException {
        Console console = System.console();
        if (console != null && console.reader() != null && isTerminal(console)) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Password again: ");
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw new InputException(Position.of("password"), "the two passwords differ (or input ended)");
            }
            Arrays.fill(again, '\0');
            return first;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null) {
            throw new InputException(Position.of("password"), "no password on standard input (give it as the first line)");
        }
        return line.toCharArray();
    }

    /** Java 22+ returns a console even when redirected; only a real terminal hides what is typed. */
    private static boolean isTerminal(Console console) {
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private static <T> T valid(java.util.function.Supplier<T> action, String what) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new InputException(Position.of(what), e.getMessage());
        }
    }
}
