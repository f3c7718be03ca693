package dev.anneal.train.deep;

/**
 * One epoch of the learning curve ({@code learning_curve.json}): mean training loss, validation loss and
 * selection metric, the learning rate it started with, its duration (validation included) and its
 * training throughput (rows per second of the optimisation pass alone).
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double validationMetric,
        double learningRate, double seconds, double rowsPerSecond) {
}
