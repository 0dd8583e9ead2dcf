package org.massageadvisor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command blocks of a Markdown page: fenced blocks whose first line starts with {@code $ }. Each
 * {@code $ command} line is followed by its output; an {@code (exit N)} line ends an output with its
 * exit code, a {@code ...} line says only the start is shown. HTML comments just above the fence
 * say {@code <!-- smoke: setup COMMAND -->} (run first, unseen) or {@code <!-- smoke: skip (why) -->}.
 */
final class DocBlocks {

    private static final Pattern EXIT = Pattern.compile("\\(exit (\\d+)\\)");
    private static final Pattern SETUP = Pattern.compile("<!-- smoke: setup (.+) -->");
    private static final Pattern SKIP = Pattern.compile("<!-- smoke: skip (.+) -->");
    static final String MORE = "...";

    /**
     * @param lineNumber the 1-based line of the {@code $} line
     * @param output the shown output, without the exit and {@code ...} lines and trailing blank lines
     * @param explicitExit the page shows the exit code (always shown when it is not 0)
     * @param prefix only the start of the output is shown
     * @param blankAfter a blank line follows the output on the page
     */
    record Command(String line, int lineNumber, List<String> output, int exitCode, boolean explicitExit, boolean prefix,
            boolean blankAfter) {
    }

    /**
     * @param fenceLine the 1-based line of the opening fence
     * @param firstLine the 0-based index of the block's first line inside the fence
     * @param lastLine the 0-based index of its last line inside the fence
     */
    record Block(int fenceLine, int firstLine, int lastLine, List<String> setup, String skip, List<Command> commands) {
    }

    private DocBlocks() {
    }

    static List<Block> parse(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            if (!lines.get(i).trim().startsWith("```")) {
                i++;
                continue;
            }
            int open = i;
            int close = open + 1;
            while (close < lines.size() && !lines.get(close).trim().startsWith("```")) {
                close++;
            }
            if (close > open + 1 && lines.get(open + 1).startsWith("$ ")) {
                blocks.add(block(lines, open, close));
            }
            i = close + 1;
        }
        return blocks;
    }

    private static Block block(List<String> lines, int open, int close) {
        List<String> setup = new ArrayList<>();
        String skip = null;
        for (int j = open - 1; j >= 0 && lines.get(j).startsWith("<!-- smoke:"); j--) {
            Matcher s = SETUP.matcher(lines.get(j).trim());
            Matcher k = SKIP.matcher(lines.get(j).trim());
            if (s.matches()) {
                setup.add(0, s.group(1));
            } else if (k.matches()) {
                skip = k.group(1);
            } else {
                throw new IllegalArgumentException("line " + (j + 1) + ": unknown smoke directive: " + lines.get(j));
            }
        }
        List<Command> commands = new ArrayList<>();
        int j = open + 1;
        while (j < close) {
            String command = lines.get(j).substring(2);
            int at = j + 1;
            List<String> output = new ArrayList<>();
            j++;
            while (j < close && !lines.get(j).startsWith("$ ")) {
                output.add(stripEnd(lines.get(j)));
                j++;
            }
            boolean blankAfter = !output.isEmpty() && output.get(output.size() - 1).isEmpty();
            while (!output.isEmpty() && output.get(output.size() - 1).isEmpty()) {
                output.remove(output.size() - 1);
            }
            int exit = 0;
            boolean explicitExit = false;
            if (!output.isEmpty()) {
                Matcher m = EXIT.matcher(output.get(output.size() - 1));
                if (m.matches()) {
                    exit = Integer.parseInt(m.group(1));
                    explicitExit = true;
                    output.remove(output.size() - 1);
                }
            }
            boolean prefix = !output.isEmpty() && output.get(output.size() - 1).equals(MORE);
            if (prefix) {
                output.remove(output.size() - 1);
            }
            commands.add(new Command(command, at, List.copyOf(output), exit, explicitExit, prefix, blankAfter));
        }
        return new Block(open + 1, open + 1, close - 1, List.copyOf(setup), skip, List.copyOf(commands));
    }

    /** Whether the printed lines are what the page shows, up to {@link ReadmeSmokeIT#VARYING} parts. */
    static boolean matches(Command c, List<String> printed) {
        List<String> shown = c.output();
        if (c.prefix() ? printed.size() < shown.size() : printed.size() != shown.size()) {
            return false;
        }
        for (int i = 0; i < shown.size(); i++) {
            if (!ReadmeSmokeIT.normalise(shown.get(i)).equals(ReadmeSmokeIT.normalise(printed.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /** The page's lines for a command and what it printed, in the same form as before (update mode). */
    static List<String> render(Command c, List<String> printed, int exitCode) {
        List<String> out = new ArrayList<>();
        out.add("$ " + c.line());
        List<String> shown = c.prefix() ? printed.subList(0, Math.min(printed.size(), Math.max(1, c.output().size()))) : printed;
        for (int i = 0; i < shown.size(); i++) {
            // A line that differs only in what varies from run to run is left as it was: no churn in the diff.
            boolean same = i < c.output().size()
                    && ReadmeSmokeIT.normalise(c.output().get(i)).equals(ReadmeSmokeIT.normalise(shown.get(i)));
            out.add(same ? c.output().get(i) : shown.get(i));
        }
        if (c.prefix()) {
            out.add(MORE);
        }
        if (exitCode != 0 || c.explicitExit()) {
            out.add("(exit " + exitCode + ")");
        }
        if (c.blankAfter()) {
            out.add("");
        }
        return out;
    }

    static String stripEnd(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
