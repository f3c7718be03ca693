package dev.anneal.core.features;

import dev.anneal.core.config.TextConfig;
import dev.anneal.core.data.Column;
import dev.anneal.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fits a text column's feature on the training rows: token ids for neural encoders, TF-IDF otherwise. */
final class TextFeatures {

    private TextFeatures() {
    }

    static FittedFeature fit(FeatureSpec spec, Column column) {
        TextConfig text = spec.text();
        String[] texts = new String[column.size()];
        for (int row = 0; row < texts.length; row++) {
            texts[row] = column.format(row);
        }
        if (spec.textAsTokens()) {
            // A given tokenizer's own truncation is its model's limit (learned positions stop there).
            int length = text.tokenizer() == null ? text.maxLength()
                    : Math.min(text.maxLength(), Tokenizer.read(text.tokenizer()).maxLength());
            return new TextTokensFeature(spec.column(), tokenizer(text, texts, length, text.vocabSize(),
                    text.minFrequency()), text.encoder());
        }
        TextConfig.TfIdf tfidf = text.tfidf();
        // Every word that can reach min_df documents: a word's document count never exceeds its count.
        Tokenizer tokenizer = tokenizer(text, texts, tfidf.maxLength(), Integer.MAX_VALUE, tfidf.minDf());
        return fitTfIdf(spec.column(), tokenizer, texts, tfidf);
    }

    private static Tokenizer tokenizer(TextConfig text, String[] texts, int maxLength, int vocabSize, int minFrequency) {
        if (text.tokenizer() != null) {
            return Tokenizer.read(text.tokenizer()).withMaxLength(maxLength);
        }
        return Tokenizer.fitWords(texts, vocabSize, minFrequency, maxLength);
    }

    /** Keeps the {@code maxFeatures} most frequent n-grams found in at least {@code minDf} rows. */
    static TfIdfFeature fitTfIdf(String column, Tokenizer tokenizer, String[] texts, TextConfig.TfIdf settings) {
        NgramKeys keys = new NgramKeys(tokenizer.vocabSize(), settings.ngramMax());
        Set<Integer> special = tokenizer.specialIds();
        Map<Long, int[]> stats = new HashMap<>();
        Set<Long> inRow = new HashSet<>();
        for (String text : texts) {
            int[] ids = tokenizer.encode(text);
            inRow.clear();
            for (int length = 1; length <= settings.ngramMax(); length++) {
                for (int start = 0; start + length <= ids.length; start++) {
                    if (containsAny(ids, start, length, special)) {
                        continue;
                    }
                    long key = keys.key(ids, start, length);
                    // {document frequency, term count}
                    int[] stat = stats.computeIfAbsent(key, k -> new int[2]);
                    stat[1]++;
                    if (inRow.add(key)) {
                        stat[0]++;
                    }
                }
            }
        }
        List<Long> kept = new ArrayList<>();
        stats.forEach((key, stat) -> {
            if (stat[0] >= settings.minDf()) {
                kept.add(key);
            }
        });
        kept.sort(Comparator.<Long>comparingInt(k -> -stats.get(k)[1]).thenComparing(Comparator.naturalOrder()));
        List<Long> chosen = kept.subList(0, Math.min(kept.size(), settings.maxFeatures()));
        int[][] ngrams = new int[chosen.size()][];
        double[] idf = new double[chosen.size()];
        for (int i = 0; i < ngrams.length; i++) {
            ngrams[i] = keys.ids(chosen.get(i));
            idf[i] = Math.log((1.0 + texts.length) / (1.0 + stats.get(chosen.get(i))[0])) + 1;
        }
        return new TfIdfFeature(column, tokenizer, ngrams, idf, settings.sublinearTf());
    }

    private static boolean containsAny(int[] ids, int start, int length, Set<Integer> special) {
        for (int i = start; i < start + length; i++) {
            if (special.contains(ids[i])) {
                return true;
            }
        }
        return false;
    }
}
