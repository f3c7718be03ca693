package dev.anneal.train.deep;

import ai.djl.training.tracker.Tracker;

/**
 * The learning-rate schedule: linear warm-up over {@code warmupEpochs}, then constant, cosine decay to
 * zero over the remaining epochs, or constant with halvings on a validation plateau (called by the loop).
 */
final class LearningRate implements Tracker {

    private final TrainingParams params;
    private final int stepsPerEpoch;
    private double plateauFactor = 1;

    LearningRate(TrainingParams params, int stepsPerEpoch) {
        this.params = params;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /** Halves the rate (schedule {@code plateau}). */
    void halve() {
        plateauFactor /= 2;
    }

    /** The product of the halvings so far, for a checkpoint. */
    double plateauFactor() {
        return plateauFactor;
    }

    void plateauFactor(double factor) {
        plateauFactor = factor;
    }

    @Override
    public float getNewValue(int numUpdate) {
        double base = params.learningRate();
        long warmupSteps = (long) params.warmupEpochs() * stepsPerEpoch;
        if (numUpdate < warmupSteps) {
            return (float) (base * (numUpdate + 1) / warmupSteps);
        }
        return (float) switch (params.schedule()) {
            case "cosine" -> {
                long total = Math.max(1, (long) params.epochs() * stepsPerEpoch - warmupSteps);
                double progress = Math.min(1, (numUpdate - warmupSteps) / (double) total);
                yield base * 0.5 * (1 + Math.cos(Math.PI * progress));
            }
            case "plateau" -> base * plateauFactor;
            default -> base;
        };
    }

    /** The rate at the start of {@code epoch} (0-based), for the learning curve. */
    double atEpoch(int epoch) {
        return getNewValue(epoch * stepsPerEpoch);
    }
}
