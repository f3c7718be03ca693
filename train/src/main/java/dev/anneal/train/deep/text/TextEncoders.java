package dev.anneal.train.deep.text;

import dev.anneal.core.config.TextConfig;
import dev.anneal.train.deep.TabularLayout;

/** Builds the encoder a text column's settings ask for. */
public final class TextEncoders {

    private TextEncoders() {
    }

    /** The encoder of {@code text}'s {@code encoder} settings, for its vocabulary and length. */
    public static TextEncoder create(TabularLayout.TextInput text) {
        TextConfig.Encoder e = text.encoder();
        return switch (e.type()) {
            case BAG -> new BagEncoder(text.vocabSize(), e.dim());
            case CNN -> new CnnEncoder(text.vocabSize(), e.dim(), e.widths(), e.filters());
            case TRANSFORMER -> new TransformerTextEncoder(text.vocabSize(), text.maxLength(), e.dim(), e.layers(),
                    e.heads(), e.pooling());
            case PRETRAINED -> PretrainedTextEncoder.builder().setFile(e.model()).optOnnx(e.onnx())
                    .optTrainable(e.trainable()).build();
        };
    }
}
