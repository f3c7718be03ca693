package dev.anneal.train.deep;

import dev.anneal.train.deep.nets.FtTransformerBuilder;

/** The {@code ft_transformer} family: the FT-Transformer of Gorishniy et al. 2021: one token per feature and a [CLS] token through pre-norm transformer layers. */
public final class FtTransformerFamily extends DeepFamily {

    public FtTransformerFamily() {
        super("ft_transformer", new FtTransformerBuilder());
    }
}
