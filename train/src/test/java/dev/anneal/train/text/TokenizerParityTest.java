package dev.anneal.train.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.anneal.core.text.Tokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerParityTest {

    static final String[] EDGE_CASES = {
        "", "   ", "Hello, World!!", "<b>bold</b> and <br /><br />breaks", "a < b and c > d", "unclosed <tag",
        "Great 😀😀 coffee!!! 👍🏽", "Café crème brûlée ÉCOLE", "ΣΊΣΥΦΟΣ σοφός", "İstanbul", "ﬁne ＡＢＣ　full width",
        "日本語のテキスト", "tabs\tand\nnewlines\r\n", "under_score snake_case 3.14 1,000", "[CLS] literal [UNK] [PAD]x",
        "x".repeat(10_000), "word ".repeat(2_000), "don't won't can't", "e-mail: someone@example.com http://x.y/z?q=1",
        "\u200b zero width \u00a0 nbsp", "a\u0301 combining", "ok  ", "🙂", "##", "price $5.99 (50% off)",
    };

    @Test
    void aFittedTokenizerGivesTheIdsOfHuggingFacesLibrary(@TempDir Path dir) throws Exception {
        String[] texts = TextSamples.reviews();
        Tokenizer tokenizer = Tokenizer.fitWords(texts, 5000, 2, 128);
        Path file = dir.resolve("tokenizer.json");
        tokenizer.write(file);
        Tokenizer reread = Tokenizer.read(file);
        try (HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(file)) {
            for (String text : concat(texts, EDGE_CASES)) {
                int[] ours = tokenizer.encode(text);
                long[] theirs = reference.encode(text).getIds();
                assertArrayEquals(Arrays.stream(theirs).mapToInt(Math::toIntExact).toArray(), ours, text);
                assertArrayEquals(ours, reread.encode(text), text);
            }
        }
    }

    @Test
    void truncationKeepsTheSpecialTokensWithinTheMaximum(@TempDir Path dir) throws Exception {
        Tokenizer tokenizer = Tokenizer.fitWords(TextSamples.reviews(), 2000, 2, 16);
        Path file = dir.resolve("tokenizer.json");
        tokenizer.withMaxLength(8).write(file);
        try (HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(file)) {
            String text = "one two three four five six seven eight nine ten";
            Encoding encoding = reference.encode(text);
            int[] ours = Tokenizer.read(file).encode(text);
            assertEquals(8, ours.length);
            assertArrayEquals(Arrays.stream(encoding.getIds()).mapToInt(Math::toIntExact).toArray(), ours);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
