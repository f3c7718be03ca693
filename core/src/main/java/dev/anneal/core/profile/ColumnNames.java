package dev.anneal.core.profile;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a column's name says: its words ({@code customerId}, {@code customer_id} and {@code Customer-ID}
 * all give {@code customer}, {@code id}), and whether it names a key. Names are hints that back up what
 * the values show (a unique integer column named like a key is an identifier, not a measurement).
 */
public final class ColumnNames {

    /** Words that make a column a key or code rather than a quantity. */
    public static final Set<String> KEY_WORDS = Set.of("id", "code", "key", "number", "no", "num", "nr", "acct",
            "uuid", "guid");

    private ColumnNames() {
    }

    /** The lower-case words of {@code column}, split at case changes and at anything but letters and digits. */
    public static List<String> words(String column) {
        String spaced = column.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return java.util.Arrays.stream(spaced.split("[^a-z0-9]+")).filter(word -> !word.isEmpty()).toList();
    }

    /** Whether one of the words of {@code column} is in {@code words}. */
    public static boolean hasWord(String column, Set<String> words) {
        return words(column).stream().anyMatch(words::contains);
    }
}
