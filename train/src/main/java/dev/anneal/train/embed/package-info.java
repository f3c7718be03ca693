/**
 * Writers for {@code anneal embed}'s output: one embedding per input row, with the row's id, streamed to
 * HDF5, NumPy {@code .npy} or CSV and published atomically. The layouts are documented in
 * {@code docs/embeddings.md}.
 */
package dev.anneal.train.embed;
