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
}
