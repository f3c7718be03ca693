package dev.anneal.train.model;

import dev.anneal.core.metrics.Metric;
import dev.anneal.train.progress.Progress;

/**
 * What a family needs to know about the run besides its data: the seed, the selection metric (for
 * choosing regularisation or epochs on validation), the threads it may use, the device setting
 * ({@code auto}, {@code cpu}, {@code gpu}, {@code gpu:0,1}) and where to report progress.
 */
public record TrainingContext(long seed, Metric selectionMetric, int threads, String device, Progress progress) {
}
