package org.massageadvisor.cli;

/** The exit codes: 0-3 for what the user did (docs/contract.md), 4 for a bug, 5 for the machine (docs/cli.md). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int RULES_BROKEN = 3;
    public static final int INTERNAL_ERROR = 4;
    /** Disk full, permission denied, a read-only folder, a folder where a file was expected: fix the machine, not the input. */
    public static final int ENVIRONMENT = 5;

    /** For picocli's exitCodeList in every --help. */
    public static final String[] LIST = {
        "0:success",
        "1:a scenario or check failed",
        "2:bad usage or bad input (the message names the file, record or line, and field)",
        "3:the rules are broken: they do not compile, a rule does more than conclude (file, line and column named), or they looped, ran past the deadline or threw (the rule named)",
        "4:an internal error (a bug: please report it with the command that caused it)",
        "5:the machine stopped the command (disk full, permission denied, read-only folder, a folder where a file was expected)",
    };

    private ExitCodes() {
    }
}
