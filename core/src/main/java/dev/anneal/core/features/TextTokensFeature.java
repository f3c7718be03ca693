package dev.anneal.core.features;

import dev.anneal.core.config.TextConfig;
import dev.anneal.core.data.Column;
import dev.anneal.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text column as the token ids a neural text encoder reads: {@code maxLength} outputs per row holding
 * {@code id + 1} for each token and {@code 0} after the last one (so the padding mask is {@code > 0} and
 * does not depend on the tokenizer having a padding token). Ids below 2^24 are exact in a float. A
 * missing text is the empty text.
 *
 * @param encoder how the network reads these ids (the column's {@code encoder} settings)
 */
public record TextTokensFeature(String column, Tokenizer tokenizer, TextConfig.Encoder encoder)
        implements FittedFeature {

    @Override
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < tokenizer.maxLength(); i++) {
            names.add(column + "__token_" + i);
        }
        return names;
    }

    @Override
    public void transform(Column input, float[] out, int stride, int offset) {
        for (int row = 0; row < input.size(); row++) {
            int[] ids = tokenizer.encode(input.format(row));
            int at = row * stride + offset;
            for (int i = 0; i < ids.length; i++) {
                out[at + i] = ids[i] + 1;
            }
            Arrays.fill(out, at + ids.length, at + tokenizer.maxLength(), 0f);
        }
    }
}
