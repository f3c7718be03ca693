package dev.anneal.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * How one text column becomes model input: its tokenizer (fitted on the training rows, or a given
 * {@code tokenizer.json}), the encoder the deep families learn it with, and the TF-IDF features the
 * XGBoost and linear baselines see.
 *
 * @param maxLength the most tokens per row the deep encoders see, special tokens included
 * @param vocabSize the size of a fitted vocabulary, special tokens included
 * @param minFrequency the fewest occurrences in the training rows for a word to enter a fitted vocabulary
 * @param tokenizer a {@code tokenizer.json} to use instead of fitting one, or {@code null}
 */
public record TextConfig(int maxLength, int vocabSize, int minFrequency, Path tokenizer, Encoder encoder,
        TfIdf tfidf) {

    public static final TextConfig DEFAULT = new TextConfig(256, 20_000, 2, null, Encoder.DEFAULT, TfIdf.DEFAULT);

    /** The deep families' text encoder. */
    public enum EncoderType { BAG, CNN, TRANSFORMER, PRETRAINED }

    /**
     * @param dim the embedding width of tokens (and of the row's text embedding, except for {@code cnn}
     *     where it is {@code filters * widths.size()}, and {@code pretrained}, where the model decides)
     * @param layers transformer encoder layers
     * @param heads transformer attention heads ({@code dim} must divide by it)
     * @param widths cnn kernel widths
     * @param filters cnn filters per width
     * @param pooling transformer pooling: {@code mean} over the real tokens, or the {@code cls} token
     * @param model a TorchScript file for {@code pretrained}
     * @param trainable fine-tune the pretrained model (otherwise it is frozen)
     * @param onnx the same pretrained model exported to ONNX (opset 17), which bundles embed; without it a
     *     network with a pretrained encoder cannot be exported
     */
    public record Encoder(EncoderType type, int dim, int layers, int heads, List<Integer> widths, int filters,
            String pooling, Path model, boolean trainable, Path onnx) {

        public static final Encoder DEFAULT = new Encoder(EncoderType.BAG, 64, 2, 4, List.of(2, 3, 4), 64, "mean",
                null, false, null);

        public Encoder {
            widths = List.copyOf(widths);
        }
    }

    /**
     * TF-IDF over word n-grams, fitted on the training rows.
     *
     * @param maxFeatures the most frequent n-grams kept
     * @param minDf the fewest training rows an n-gram must appear in
     * @param ngramMax n-grams of 1 up to this many words
     * @param sublinearTf {@code 1 + log(tf)} instead of the raw count
     * @param maxLength the most tokens per row read for TF-IDF
     */
    public record TfIdf(int maxFeatures, int minDf, int ngramMax, boolean sublinearTf, int maxLength) {

        public static final TfIdf DEFAULT = new TfIdf(20_000, 2, 2, true, 2048);
    }
}
