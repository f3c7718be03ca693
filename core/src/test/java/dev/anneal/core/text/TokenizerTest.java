package dev.anneal.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void fittedVocabularyKeepsTheMostFrequentWordsAndMapsTheRestToUnk() {
        Tokenizer tokenizer = Tokenizer.fitWords(new String[] {"a a a b b c", "A b <br/>d"}, 5, 1, 16);
        // [PAD] [UNK] [CLS] then a (4), b (3): c and d do not fit the size of 5.
        assertEquals(5, tokenizer.vocabSize());
        int unk = tokenizer.id("[UNK]").getAsInt();
        int cls = tokenizer.id("[CLS]").getAsInt();
        assertArrayEquals(new int[] {cls, tokenizer.id("a").getAsInt(), tokenizer.id("b").getAsInt(), unk},
                tokenizer.encode("A<i>B</i> c"));
        assertTrue(tokenizer.id("br").isEmpty(), "HTML tags are stripped before counting");
    }

    @Test
    void minFrequencyDropsRareWords() {
        Tokenizer tokenizer = Tokenizer.fitWords(new String[] {"x y y"}, 100, 2, 16);
        assertTrue(tokenizer.id("y").isPresent());
        assertTrue(tokenizer.id("x").isEmpty());
    }

    @Test
    void truncationCountsTheClsToken() {
        Tokenizer tokenizer = Tokenizer.fitWords(new String[] {"one two three four"}, 100, 1, 3);
        assertEquals(3, tokenizer.encode("one two three four").length);
        assertEquals(5, tokenizer.withMaxLength(5).encode("one two three four").length);
        assertThrows(AnnealException.class, () -> tokenizer.withMaxLength(1));
    }

    @Test
    void unsupportedOrBrokenFilesAreRefusedWithTheirSource() {
        String bpe = "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0},\"unk_token\":\"a\"},"
                + "\"pre_tokenizer\":{\"type\":\"Whitespace\"}}";
        AnnealException e = assertThrows(AnnealException.class, () -> Tokenizer.parse(bpe, "my.json"));
        assertTrue(e.getMessage().startsWith("my.json: model.type 'BPE' is not supported"), e.getMessage());
        String duplicate = "{\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"a\":0,\"b\":0},\"unk_token\":\"a\"},"
                + "\"pre_tokenizer\":{\"type\":\"Whitespace\"}}";
        e = assertThrows(AnnealException.class, () -> Tokenizer.parse(duplicate, "dup.json"));
        assertTrue(e.getMessage().contains("id 0 is given to two tokens"), e.getMessage());
        e = assertThrows(AnnealException.class, () -> Tokenizer.parse("{", "cut.json"));
        assertTrue(e.getMessage().startsWith("cut.json: not JSON"), e.getMessage());
    }

    @Test
    void wordPieceSplitsIntoTheLongestKnownPieces() {
        String json = "{\"normalizer\":{\"type\":\"BertNormalizer\",\"lowercase\":true},"
                + "\"pre_tokenizer\":{\"type\":\"BertPreTokenizer\"},"
                + "\"post_processor\":{\"type\":\"BertProcessing\",\"cls\":[\"[CLS]\",2],\"sep\":[\"[SEP]\",3]},"
                + "\"model\":{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\","
                + "\"max_input_chars_per_word\":100,\"vocab\":{\"[PAD]\":0,\"[UNK]\":1,\"[CLS]\":2,\"[SEP]\":3,"
                + "\"play\":4,\"##ing\":5,\"##s\":6,\"!\":7,\"cafe\":8}}}";
        Tokenizer tokenizer = Tokenizer.parse(json, "bert");
        assertArrayEquals(new int[] {2, 4, 5, 4, 6, 7, 8, 1, 3}, tokenizer.encode("Playing PLAYS! Café xyz"));
    }
}
