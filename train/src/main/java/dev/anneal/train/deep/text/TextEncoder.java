package dev.anneal.train.deep.text;

import ai.djl.nn.Block;

/**
 * A network block that turns one text column's token ids into one embedding per row.
 *
 * <p>Input: {@code NDList(ids, mask)} with {@code ids} an INT64 {@code [batch, length]} array of token ids
 * ({@code 0} is {@code [PAD]}) and {@code mask} a FLOAT32 {@code [batch, length]} array, 1 at real tokens
 * and 0 at padding. Output: {@code NDList(embedding)}, FLOAT32 {@code [batch, outputDim()]}. Batches are
 * padded to their longest row, so {@code length} varies from batch to batch.
 */
public interface TextEncoder extends Block {

    /** The width of the embedding each row gets. */
    int outputDim();
}
