package dev.anneal.train.deep.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;

/** The token-embedding table every anneal text encoder starts with, and the masked mean they share. */
final class TokenEmbedding {

    private TokenEmbedding() {
    }

    /** A {@code [vocabSize, dim]} table initialised from N(0, 1/sqrt(dim)). */
    static Parameter table(int vocabSize, int dim) {
        return Parameter.builder()
                .setName("token_embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabSize, dim))
                .optInitializer(new NormalInitializer((float) (1 / Math.sqrt(dim))))
                .build();
    }

    /** {@code [batch, length, dim]} embeddings of INT64 {@code ids}; the gradient reaches the table. */
    static NDArray lookup(ParameterStore store, Parameter table, NDArray ids, boolean training) {
        return Embedding.embedding(ids, store.getValue(table, ids.getDevice(), training), SparseFormat.DENSE)
                .singletonOrThrow();
    }

    /** The mean of {@code [batch, length, dim]} over the positions where {@code mask} is 1. */
    static NDArray meanUnderMask(NDArray values, NDArray mask) {
        NDArray summed = values.mul(mask.expandDims(2)).sum(new int[] {1});
        return summed.div(mask.sum(new int[] {1}, true).maximum(1f));
    }
}
