package dev.anneal.train.run;

import dev.anneal.core.Task;
import dev.anneal.core.data.Target;
import dev.anneal.core.metrics.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores predictions on a split with every metric of the task. For binary tasks it also reports F1 at
 * the threshold that maximised F1 on validation ({@code f1_tuned}, with {@code tuned_threshold}), so
 * the test figure uses a threshold chosen without looking at test.
 */
final class Evaluation {

    /** The default decision threshold of a binary classifier. */
    static final double DEFAULT_THRESHOLD = 0.5;

    private Evaluation() {
    }

    /** The F1-optimal threshold on validation, or NaN for tasks without one. */
    static double tunedThreshold(Target validation, double[] predictions) {
        return validation.task() == Task.BINARY ? Metrics.bestF1Threshold(validation.classIndex(), predictions) : Double.NaN;
    }

    static Map<String, Double> score(Target target, double[] predictions, double tunedThreshold) {
        Map<String, Double> metrics = new LinkedHashMap<>(Metrics.evaluate(target.task(), target.classIndex(),
                target.values(), predictions, target.classCount(), DEFAULT_THRESHOLD));
        if (target.task() == Task.BINARY) {
            Map<String, Double> tuned = Metrics.binary(target.classIndex(), predictions, tunedThreshold);
            metrics.put("f1_tuned", tuned.get("f1"));
            metrics.put("tuned_threshold", tunedThreshold);
        }
        return metrics;
    }
}
