/**
 * The deep tabular architectures ({@code mlp}, {@code resnet}, {@code ft_transformer}) as
 * {@link dev.anneal.train.deep.NetworkBuilder}s, and the input block they share.
 *
 * <p>Every network reads float rows laid out as a {@link dev.anneal.train.deep.TabularLayout}: scaled
 * numbers first, then category indices. {@link dev.anneal.train.deep.nets.TabularInputBlock} turns such a
 * row into either one flat feature vector (MLP, ResNet) or one token per feature plus a [CLS] token
 * (FT-Transformer), with the categorical embeddings and the numeric embeddings of Gorishniy et al.
 * (2021, 2022) inside the network, so that they train with it and travel in its parameters.
 */
package dev.anneal.train.deep.nets;
