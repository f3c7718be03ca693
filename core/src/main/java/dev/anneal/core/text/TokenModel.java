package dev.anneal.core.text;

import java.util.Map;

/**
 * The vocabulary model of a tokenizer: turns one pre-tokenized word into ids. Word-level looks the word
 * up whole; WordPiece splits it greedily into the longest pieces of the vocabulary, later pieces carrying
 * the continuation prefix ({@code ##}), and maps a word it cannot split to the unknown token.
 */
record TokenModel(Kind kind, Map<String, Integer> vocab, int unkId, String continuationPrefix, int maxWordChars) {

    enum Kind { WORD_LEVEL, WORD_PIECE }

    /** Writes the ids of {@code word} into {@code ids} from {@code size} on (room for one per char); returns the new size. */
    int encode(String word, int[] ids, int size) {
        if (kind == Kind.WORD_LEVEL) {
            ids[size] = vocab.getOrDefault(word, unkId);
            return size + 1;
        }
        if (word.codePointCount(0, word.length()) > maxWordChars) {
            ids[size] = unkId;
            return size + 1;
        }
        int start = size;
        int from = 0;
        while (from < word.length()) {
            int to = word.length();
            Integer found = null;
            while (to > from) {
                String piece = from == 0 ? word.substring(0, to) : continuationPrefix + word.substring(from, to);
                found = vocab.get(piece);
                if (found != null) {
                    break;
                }
                to -= Character.isLowSurrogate(word.charAt(to - 1)) ? 2 : 1;
            }
            if (found == null) {
                ids[start] = unkId;
                return start + 1;
            }
            ids[size++] = found;
            from = to;
        }
        return size;
    }
}
