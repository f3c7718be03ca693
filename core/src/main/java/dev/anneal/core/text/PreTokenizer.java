package dev.anneal.core.text;

import java.util.List;

/** How normalised text is cut into words before the vocabulary model sees them. */
enum PreTokenizer {

    /** Hugging Face's {@code Whitespace}: runs of word characters, and runs of other non-space characters. */
    WHITESPACE("Whitespace"),
    /** Hugging Face's {@code WhitespaceSplit}: runs of non-space characters. */
    WHITESPACE_SPLIT("WhitespaceSplit"),
    /** Hugging Face's {@code BertPreTokenizer}: split on spaces, and every punctuation character alone. */
    BERT("BertPreTokenizer");

    private final String jsonType;

    PreTokenizer(String jsonType) {
        this.jsonType = jsonType;
    }

    String jsonType() {
        return jsonType;
    }

    static PreTokenizer ofJsonType(String type) {
        for (PreTokenizer pre : values()) {
            if (pre.jsonType.equals(type)) {
                return pre;
            }
        }
        return null;
    }

    /** Appends the words of {@code text} to {@code words}. */
    void split(String text, List<String> words) {
        int start = -1;
        int startKind = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int kind = kind(cp);
            int next = i + Character.charCount(cp);
            if (kind == SPACE || kind != startKind || kind == ALONE) {
                if (start >= 0) {
                    words.add(text.substring(start, i));
                    start = -1;
                }
                if (kind == ALONE) {
                    words.add(text.substring(i, next));
                } else if (kind != SPACE) {
                    start = i;
                }
            }
            startKind = kind == SPACE || kind == ALONE ? 0 : kind;
            i = next;
        }
        if (start >= 0) {
            words.add(text.substring(start));
        }
    }

    private static final int SPACE = -1;
    private static final int WORD = 1;
    private static final int OTHER = 2;
    private static final int ALONE = 3;

    private int kind(int cp) {
        if (Characters.isWhitespace(cp)) {
            return SPACE;
        }
        return switch (this) {
            case WHITESPACE -> Characters.isWord(cp) ? WORD : OTHER;
            case WHITESPACE_SPLIT -> WORD;
            case BERT -> Characters.isBertPunctuation(cp) ? ALONE : WORD;
        };
    }
}
