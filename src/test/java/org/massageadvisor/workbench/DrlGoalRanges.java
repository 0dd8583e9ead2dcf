package org.massageadvisor.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * These tests edit the goal ranges as DRL text ({@code new BaseRange( 3, 7 )}); the shipped rules now hold
 * them in {@code goal-ranges.csv}. This puts the same rules back as {@code goal-ranges.drl} in a copy.
 */
final class DrlGoalRanges {

    private DrlGoalRanges() {
    }

    /** Replaces the copy's goal-ranges table by the same rules in DRL; returns the folder. */
    static Path install(Path rules) {
        try (InputStream in = DrlGoalRanges.class.getResourceAsStream("goal-ranges.drl")) {
            Files.deleteIfExists(rules.resolve("goal-ranges.csv"));
            Files.write(rules.resolve("goal-ranges.drl"), in.readAllBytes());
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
