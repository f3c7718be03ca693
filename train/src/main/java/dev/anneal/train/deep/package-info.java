/**
 * Deep tabular model families on DJL/PyTorch ({@code mlp}, {@code resnet}, {@code ft_transformer}): the
 * shared training loop, losses, learning-rate schedules and device selection; the architectures are in
 * {@code dev.anneal.train.deep.nets}.
 */
package dev.anneal.train.deep;
