package dev.anneal.core.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fits a word-level vocabulary on training texts: the most frequent words, ties broken by the word. */
final class WordVocabulary {

    static final String PAD = "[PAD]";
    static final String UNK = "[UNK]";
    static final String CLS = "[CLS]";
    static final String HTML_TAG = "<[^>]*>";
    private static final List<String> SPECIALS = List.of(PAD, UNK, CLS);

    private WordVocabulary() {
    }

    static Tokenizer fit(String[] texts, int vocabSize, int minFrequency, int maxLength) {
        List<String> specials = SPECIALS;
        if (vocabSize <= specials.size()) {
            throw new IllegalArgumentException("vocab_size must exceed the " + specials.size() + " special tokens, got "
                    + vocabSize);
        }
        // The tokenizer with specials only: its normaliser and pre-tokenizer cut the words to count.
        Tokenizer base = build(specials, maxLength);
        Map<String, int[]> counts = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            words.clear();
            base.words(text, words);
            for (String word : words) {
                counts.computeIfAbsent(word, w -> new int[1])[0]++;
            }
        }
        specials.forEach(counts::remove);
        List<String> kept = new ArrayList<>();
        counts.forEach((word, count) -> {
            if (count[0] >= minFrequency) {
                kept.add(word);
            }
        });
        kept.sort(Comparator.<String>comparingInt(w -> -counts.get(w)[0]).thenComparing(Comparator.naturalOrder()));
        List<String> tokens = new ArrayList<>(specials);
        tokens.addAll(kept.subList(0, Math.min(kept.size(), vocabSize - specials.size())));
        return build(tokens, maxLength);
    }

    private static Tokenizer build(List<String> tokens, int maxLength) {
        return TokenizerFile.parse(TokenizerFile.wordLevel(tokens, SPECIALS, UNK, CLS, maxLength), "fitted tokenizer");
    }
}
