package org.massageadvisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the shipped rules folder that a test may edit, and the edits tests make to them. */
public final class RuleFolders {

    /** Two rules that undo each other through truth maintenance: each firing re-enables the other. */
    public static final String FLIP_FLOP = """
            package org.massageadvisor.rules;

            import org.massageadvisor.client.Client;
            import org.massageadvisor.facts.*;

            global org.massageadvisor.facts.Conclusions conclusions;

            declare Flip
                client : Client
            end

            declare Flop
                client : Client
            end

            rule "Flip while there is no flop"
            when
                $client : Client()
                not Flop()
            then
                insertLogical( new Flip( $client ) );
            end

            rule "Flop while there is a flip"
            when
                $client : Client()
                Flip()
            then
                insertLogical( new Flop( $client ) );
            end
            """;

    /** A rule that concludes a base range ending before it starts, for relaxation only: the conclusion throws. */
    public static final String BACKWARDS_RANGE = """
            package org.massageadvisor.rules;

            import org.massageadvisor.client.Client;
            import org.massageadvisor.facts.*;
            global org.massageadvisor.facts.Conclusions conclusions;

            rule "Relaxation runs backwards"
                @source("planted") @description("planted") @evidence("none") @reviewed("2026-11-24")
            when
                Client( goal == "RELAXATION" )
            then
                conclusions.add( new BaseRange( 14, 7 ) );
            end
            """;

    private RuleFolders() {
    }

    /** Copies every file of {@code rules-drl/} into {@code target} (created if needed); returns target. */
    public static Path copyShipped(Path target) {
        copyTree(TestRules.RULES, target);
        return target;
    }

    /** The rule files that decision tables replaced, as they were in DRL (test resources), by file name. */
    public static final java.util.List<String> DRL_BEFORE_TABLES = java.util.List.of(
            "goal-ranges.drl", "precautions.drl", "body-response.drl", "massage-intensity.drl");

    /**
     * Copies the shipped rules with the decision tables swapped back for the DRL files they replaced
     * (same rules, same names): for tests of DRL editing, and to prove the tables behave identically.
     */
    public static Path copyShippedAsDrl(Path target) {
        copyShipped(target);
        try {
            for (String table : java.util.List.of("goal-ranges.csv", "precautions.csv", "body-response.csv", "massage-intensity.csv")) {
                Files.delete(target.resolve(table));
            }
            for (String drl : DRL_BEFORE_TABLES) {
                try (var in = RuleFolders.class.getResourceAsStream("/org/massageadvisor/drl-before-tables/" + drl)) {
                    Files.write(target.resolve(drl), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Copies a folder and everything under it. */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            Files.createDirectories(to);
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the one occurrence of {@code old} in a file; fails if it is not there exactly once. */
    public static void replace(Path file, String old, String replacement) {
        String text = read(file);
        int at = text.indexOf(old);
        if (at < 0 || text.indexOf(old, at + 1) >= 0) {
            throw new IllegalArgumentException("'" + old + "' is not in " + file + " exactly once");
        }
        write(file, text.substring(0, at) + replacement + text.substring(at + old.length()));
    }

    /** Adds a term line right under a category key of the folder's vocabulary.yaml. */
    public static void addTerm(Path rules, String categoryKey, String termLine) {
        replace(rules.resolve("vocabulary.yaml"), "\n" + categoryKey + ":\n", "\n" + categoryKey + ":\n  " + termLine + "\n");
    }

    /**
     * The 1-based line of a file that holds {@code rule "name"}, found by plain text search; in a CSV
     * decision table, the row whose first cell is the rule's name.
     */
    public static int lineOf(Path file, String ruleName) {
        String[] lines = read(file).split("\n", -1);
        boolean table = file.toString().endsWith(".csv");
        for (int i = 0; i < lines.length; i++) {
            if (table ? lines[i].startsWith(ruleName + ",") || lines[i].startsWith("\"" + ruleName + "\",")
                    : lines[i].startsWith("rule \"" + ruleName + "\"")) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no rule \"" + ruleName + "\" in " + file);
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
