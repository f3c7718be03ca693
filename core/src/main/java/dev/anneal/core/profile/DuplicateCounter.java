package dev.anneal.core.profile;

/**
 * Counts rows that repeat an earlier row, and rows that repeat an earlier row's features with another
 * target, from 64-bit hashes of each row's features and target, in bounded memory.
 *
 * <p>Every distinct feature hash is remembered with the first target hash seen for it. When the table is
 * full, only hashes whose top {@code level} bits are zero are kept (a uniform sample of the distinct
 * rows: equal rows have equal hashes, so a duplicate is kept exactly when its original is) and the counts
 * are scaled by {@code 2^level}. Up to {@code maxEntries} distinct rows the counts are exact, apart from
 * 64-bit hash collisions.
 */
final class DuplicateCounter {

    /** Distinct rows remembered by default: about 48 MB at most. */
    static final int MAX_ENTRIES = 1 << 20;
    private static final int INITIAL_SLOTS = 1 << 12;

    private final int maxEntries;

    private long[] keys = new long[INITIAL_SLOTS];
    private long[] targets = new long[INITIAL_SLOTS];
    private int[] duplicates = new int[INITIAL_SLOTS];
    private int[] conflicts = new int[INITIAL_SLOTS];
    private int size;
    private int level;

    DuplicateCounter(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Adds one row by the hash of its features and the hash of its target. */
    void add(long featureHash, long targetHash) {
        long key = featureHash == 0 ? 1 : featureHash;
        if (!sampled(key)) {
            return;
        }
        int slot = find(key);
        if (keys[slot] == key) {
            if (targets[slot] == targetHash) {
                duplicates[slot]++;
            } else {
                conflicts[slot]++;
            }
            return;
        }
        keys[slot] = key;
        targets[slot] = targetHash;
        if (++size > keys.length / 2) {
            rehash(size > maxEntries ? keys.length : keys.length * 2);
        }
    }

    /** Rows equal to an earlier row, scaled up when sampled. */
    long duplicates() {
        return scaled(duplicates);
    }

    /** Rows whose features equal an earlier row's, with another target; scaled up when sampled. */
    long conflicts() {
        return scaled(conflicts);
    }

    /** Whether the counts are estimates from a sample of the distinct rows. */
    boolean estimated() {
        return level > 0;
    }

    private long scaled(int[] counts) {
        long total = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != 0) {
                total += counts[slot];
            }
        }
        return total << level;
    }

    private boolean sampled(long key) {
        return level == 0 || key >>> (64 - level) == 0;
    }

    private int find(long key) {
        int mask = keys.length - 1;
        int slot = (int) (mix(key) & mask);
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /**
     * Moves the entries into {@code slots} slots; when the table may not grow any more, first halves the
     * sample (the next level) and leaves out the entries outside it.
     */
    private void rehash(int slots) {
        if (slots == keys.length) {
            level++;
        }
        long[] oldKeys = keys;
        long[] oldTargets = targets;
        int[] oldDuplicates = duplicates;
        int[] oldConflicts = conflicts;
        keys = new long[slots];
        targets = new long[slots];
        duplicates = new int[slots];
        conflicts = new int[slots];
        size = 0;
        for (int old = 0; old < oldKeys.length; old++) {
            long key = oldKeys[old];
            if (key != 0 && sampled(key)) {
                int slot = find(key);
                keys[slot] = key;
                targets[slot] = oldTargets[old];
                duplicates[slot] = oldDuplicates[old];
                conflicts[slot] = oldConflicts[old];
                size++;
            }
        }
    }

    /** Spreads the bits of a hash so that neighbouring slots are independent. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** A 64-bit hash of {@code value} ({@code null} hashes apart from every string), folded into {@code seed}. */
    static long hash(long seed, String value) {
        long h = seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        if (value == null) {
            return mix(h ^ 0x5bd1e995L);
        }
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * 0x100000001b3L;
        }
        return mix(h ^ value.length());
    }
}
