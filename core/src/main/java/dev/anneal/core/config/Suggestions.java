package dev.anneal.core.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt keys and names: the closest allowed word within a small edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    /** The allowed word closest to {@code typed}, if it is close enough to be a plausible typo. */
    public static Optional<String> closest(String typed, Collection<String> allowed) {
        String lower = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int distance = editDistance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int tolerated = Math.max(1, Math.min(3, typed.length() / 3));
        if (bestDistance <= tolerated) {
            return Optional.ofNullable(best);
        }
        return prefixMatch(lower, allowed);
    }

    /** The one allowed word that starts with what was typed or that it starts with ("churn" for "churned"). */
    private static Optional<String> prefixMatch(String lower, Collection<String> allowed) {
        if (lower.length() < 3) {
            return Optional.empty();
        }
        List<String> matches = allowed.stream()
                .filter(candidate -> {
                    String other = candidate.toLowerCase(Locale.ROOT);
                    return other.length() >= 3 && (other.startsWith(lower) || lower.startsWith(other));
                })
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** "; did you mean 'x'?" or the empty string. */
    public static String didYouMean(String typed, Collection<String> allowed) {
        return closest(typed, allowed).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    /** Damerau-Levenshtein distance (optimal string alignment): a swap of two letters counts once. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
