package dev.anneal.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniform random sample of a file's rows of fixed size (reservoir sampling, seeded), kept for the
 * measurements that need whole rows: correlations, outlier rates and leakage. Long values are cut, since
 * nothing measured on the sample reads past the first characters of a text.
 */
final class RowSample {

    private static final int MAX_VALUE_LENGTH = 256;

    private final int capacity;
    private final SplittableRandom random;
    private final List<String[]> rows = new ArrayList<>();
    private long seen;

    RowSample(int capacity, long seed) {
        this.capacity = capacity;
        this.random = new SplittableRandom(seed);
    }

    /** Offers one row; the array is copied when kept. */
    void offer(String[] row) {
        seen++;
        if (rows.size() < capacity) {
            rows.add(copy(row));
            return;
        }
        long slot = random.nextLong(seen);
        if (slot < capacity) {
            rows.set((int) slot, copy(row));
        }
    }

    /** The kept rows, in no meaningful order. */
    List<String[]> rows() {
        return rows;
    }

    private static String[] copy(String[] row) {
        String[] kept = new String[row.length];
        for (int i = 0; i < row.length; i++) {
            String value = row[i];
            kept[i] = value != null && value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) : value;
        }
        return kept;
    }
}
