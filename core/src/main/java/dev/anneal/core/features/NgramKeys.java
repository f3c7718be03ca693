package dev.anneal.core.features;

/**
 * One {@code long} per n-gram of token ids: ids are written in base {@code vocabSize + 1} (digits
 * {@code id + 1}), so n-grams of different lengths never share a key.
 */
record NgramKeys(int vocabSize, int maxGram) {

    NgramKeys {
        if (Math.pow(vocabSize + 1.0, maxGram) >= Long.MAX_VALUE) {
            throw new IllegalArgumentException(maxGram + "-grams over " + vocabSize + " tokens do not fit a long key");
        }
    }

    long key(int[] ids, int from, int length) {
        long key = 0;
        for (int i = from; i < from + length; i++) {
            key = key * (vocabSize + 1L) + ids[i] + 1;
        }
        return key;
    }

    /** The ids of the n-gram whose key is {@code key}. */
    int[] ids(long key) {
        int[] reversed = new int[maxGram];
        int length = 0;
        for (long rest = key; rest > 0; rest /= vocabSize + 1L) {
            reversed[length++] = (int) (rest % (vocabSize + 1L)) - 1;
        }
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = reversed[length - 1 - i];
        }
        return ids;
    }
}
