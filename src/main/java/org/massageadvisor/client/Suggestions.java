package org.massageadvisor.client;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the closest known word to a misspelt one, for "did you mean" hints. Levenshtein distance is a
 * dozen lines; a library for it would not earn its place (see docs/dependencies.md).
 */
public final class Suggestions {

    private Suggestions() {
    }

    /** The known word nearest to {@code word}, if it is near enough to be a plausible typo. */
    public static Optional<String> closest(String word, Collection<String> known) {
        String w = word.toUpperCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(w, candidate.toUpperCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed = Math.max(2, Math.max(w.length(), best.length()) / 2);
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** "; did you mean X?" or nothing. */
    public static String hint(String word, Collection<String> known) {
        return closest(word, known).map(s -> "; did you mean " + s + "?").orElse("");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
