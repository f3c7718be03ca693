package dev.anneal.train.model;

import dev.anneal.core.metrics.Metric;
import dev.anneal.train.progress.Progress;

/**
 * What a family needs to know about the run besides its data: the seed, the selection metric (for
 * choosing regularisation on validation), the threads it may use and where to report progress.
 */
public record TrainingContext(long seed, Metric selectionMetric, int threads, Progress progress) {
}
