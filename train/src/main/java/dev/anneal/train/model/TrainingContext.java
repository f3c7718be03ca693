package dev.anneal.train.model;

import dev.anneal.core.metrics.Metric;
import dev.anneal.train.progress.Progress;
import java.nio.file.Path;

/**
 * What a family needs to know about the run besides its data: the seed, the selection metric (for
 * choosing regularisation or epochs on validation), the threads it may use, the device setting
 * ({@code auto}, {@code cpu}, {@code gpu}, {@code gpu:0,1}), where to report progress, and the folder a
 * family that trains in epochs checkpoints into and resumes from ({@code null}: no checkpoints).
 */
public record TrainingContext(long seed, Metric selectionMetric, int threads, String device, Progress progress,
        Path checkpoint) {

    /** A context without checkpoints. */
    public TrainingContext(long seed, Metric selectionMetric, int threads, String device, Progress progress) {
        this(seed, selectionMetric, threads, device, progress, null);
    }
}
