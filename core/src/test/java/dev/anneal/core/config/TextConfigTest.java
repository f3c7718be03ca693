package dev.anneal.core.config;

import static dev.anneal.core.config.ConfigFiles.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text settings of a column: what the loader reads, its defaults and its errors. */
class TextConfigTest {

    @TempDir
    Path dir;

    private ProjectConfig load(String yaml) {
        return ConfigFiles.load(new ConfigFiles(dir).write("exp.yaml", MINIMAL + yaml), OptionalLong.empty());
    }

    @Test
    void readsTextSettingsAndFillsTheRestWithDefaults() {
        ProjectConfig config = load("""
                columns:
                  review:
                    type: text
                    max_length: 64
                    tokenizer: tok/tokenizer.json
                    encoder: {type: cnn, widths: [2, 5], filters: 16}
                    tfidf: {max_features: 500, ngrams: 1}
                """);
        TextConfig text = config.column("review").text();
        assertEquals(64, text.maxLength());
        assertEquals(TextConfig.DEFAULT.vocabSize(), text.vocabSize());
        assertEquals(dir.resolve("tok/tokenizer.json"), text.tokenizer());
        assertEquals(TextConfig.EncoderType.CNN, text.encoder().type());
        assertEquals(List.of(2, 5), text.encoder().widths());
        assertEquals(16, text.encoder().filters());
        assertEquals(new TextConfig.TfIdf(500, 2, 1, true, 2048), text.tfidf());
        assertNull(load("columns: {review: {type: text}}\n").column("review").text());
    }

    @Test
    void reportsEveryBadTextSettingWithItsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("""
                columns:
                  price:
                    type: numeric
                    max_length: 1
                    encoder: {type: lstm, dim: 10, heads: 3, pooling: max, model: x.pt}
                    tfidf: {ngram: 2}
                """));
        assertEquals(List.of(
                "columns.price: text settings (max_length, vocab_size, min_frequency, tokenizer, encoder, tfidf) need"
                        + " type: text, got type: numeric",
                "columns.price.max_length: must be in [2, 100000], got 1",
                "columns.price.encoder.type: expected one of [bag, cnn, transformer, pretrained], got 'lstm'",
                "columns.price.encoder.pooling: expected one of [mean, cls], got 'max'",
                "columns.price.encoder.model: only used with type: pretrained",
                "columns.price.tfidf.ngram: unknown key; did you mean 'ngrams'? (allowed: max_features, min_df, ngrams,"
                        + " sublinear_tf, max_length)"),
                e.problems());
    }
}
