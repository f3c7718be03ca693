package dev.anneal.train.linear;

import dev.anneal.core.Task;
import dev.anneal.core.config.ModelConfig;
import dev.anneal.core.config.Problems;
import dev.anneal.core.config.Suggestions;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.features.FeatureProfile;
import dev.anneal.core.metrics.Metric;
import dev.anneal.core.metrics.Metrics;
import dev.anneal.core.io.AtomicFiles;
import dev.anneal.train.export.ScoreGraph;
import dev.anneal.train.model.ModelFamily;
import dev.anneal.train.model.TrainedModel;
import dev.anneal.train.model.TrainingContext;
import dev.anneal.train.model.TrainingData;
import dev.anneal.train.progress.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code linear} family: logistic regression (binary or multinomial) or ridge regression, with the
 * L2 strength chosen on validation by the selection metric. The honest baseline every other family
 * must beat.
 */
public final class LinearFamily implements ModelFamily {

    private static final String L2 = "l2";
    private static final String MAX_ITER = "max_iter";
    private static final String TOL = "tol";
    private static final Set<String> PARAMS = new TreeSet<>(List.of(L2, MAX_ITER, TOL));
    /** From almost unregularised to strongly regularised, on standardised features. */
    private static final List<Double> DEFAULT_L2 = List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0);
    private static final int DEFAULT_MAX_ITER = 1000;
    private static final double DEFAULT_TOL = 1e-6;

    @Override
    public String type() {
        return "linear";
    }

    @Override
    public FeatureProfile featureProfile() {
        return FeatureProfile.LINEAR;
    }

    @Override
    public void checkParams(Map<String, Object> params, String path, Problems problems) {
        for (Map.Entry<String, Object> entry : params.entrySet()) {
            String at = path + "." + entry.getKey();
            Object value = entry.getValue();
            switch (entry.getKey()) {
                case L2 -> {
                    List<?> values = value instanceof List<?> list ? list : List.of(value);
                    if (values.isEmpty() || !values.stream().allMatch(v -> v instanceof Number n && n.doubleValue() > 0
                            && Double.isFinite(n.doubleValue()))) {
                        problems.add(at, "expected a positive number or a non-empty list of them, got " + value);
                    }
                }
                case MAX_ITER -> {
                    if (!(value instanceof Integer i) || i < 1) {
                        problems.add(at, "expected a positive integer, got " + value);
                    }
                }
                case TOL -> {
                    if (!(value instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
                        problems.add(at, "expected a positive number, got " + value);
                    }
                }
                default -> problems.add(at, "unknown parameter" + Suggestions.didYouMean(entry.getKey(), PARAMS)
                        + " (linear takes " + PARAMS + ")");
            }
        }
    }

    @Override
    public Map<String, Object> resolveParams(Map<String, Object> configured) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        List<Double> grid = l2Grid(configured);
        resolved.put(L2, grid.size() == 1 ? grid.get(0) : grid);
        resolved.put(MAX_ITER, configured.getOrDefault(MAX_ITER, DEFAULT_MAX_ITER));
        resolved.put(TOL, configured.getOrDefault(TOL, DEFAULT_TOL));
        return resolved;
    }

    @Override
    public TrainedModel train(TrainingData data, ModelConfig config, TrainingContext context) {
        List<Double> grid = l2Grid(config.params());
        int maxIter = ((Number) config.params().getOrDefault(MAX_ITER, DEFAULT_MAX_ITER)).intValue();
        double tol = ((Number) config.params().getOrDefault(TOL, DEFAULT_TOL)).doubleValue();
        Metric metric = context.selectionMetric();
        LinearModel best = null;
        double bestL2 = Double.NaN;
        double bestScore = Double.NaN;
        LinearModel previous = null;
        Map<String, Double> scores = new LinkedHashMap<>();
        try (Progress.Task task = context.progress().start(config.name(), grid.size())) {
            for (int i = 0; i < grid.size(); i++) {
                double l2 = grid.get(i);
                LinearModel model = fit(data, l2, maxIter, tol, previous);
                previous = model;
                double score = validationScore(data, model, metric);
                scores.put(Double.toString(l2), score);
                if (best == null || metric.isBetter(score, bestScore)) {
                    best = model;
                    bestL2 = l2;
                    bestScore = score;
                }
                task.update(i + 1, String.format(Locale.ROOT, "l2 %.0e %s %.5f", l2, metric.configName(), score));
            }
        }
        Map<String, Object> used = new LinkedHashMap<>();
        used.put(L2, bestL2);
        used.put("l2_tried", scores);
        used.put(MAX_ITER, maxIter);
        used.put(TOL, tol);
        return new Trained(best, used);
    }

    /** The grid from strong to weak regularisation, so each fit warm-starts from a smoother one. */
    private static List<Double> l2Grid(Map<String, Object> params) {
        Object value = params.get(L2);
        List<Double> grid = new ArrayList<>();
        if (value == null) {
            grid.addAll(DEFAULT_L2);
        } else if (value instanceof List<?> list) {
            list.forEach(v -> grid.add(((Number) v).doubleValue()));
        } else {
            grid.add(((Number) value).doubleValue());
        }
        grid.sort(Comparator.reverseOrder());
        return grid;
    }

    private static LinearModel fit(TrainingData data, double l2, int maxIter, double tol, LinearModel warmStart) {
        FeatureMatrix x = data.train();
        if (data.task() == Task.REGRESSION) {
            RidgeRegression ridge = RidgeRegression.builder().setL2(l2).build();
            return x.sparse() != null ? ridge.fitIterative(x, data.trainTarget().values(), maxIter, tol)
                    : ridge.fit(x.values(), x.rows(), x.cols(), data.trainTarget().values());
        }
        return LogisticRegression.builder().setL2(l2).optMaxIterations(maxIter).optTolerance(tol).build()
                .fit(x, data.trainTarget().classIndex(), data.classCount(), warmStart);
    }

    private static double validationScore(TrainingData data, LinearModel model, Metric metric) {
        double[] predictions = model.predict(data.validation());
        return Metrics.evaluate(data.task(), data.validationTarget().classIndex(), data.validationTarget().values(),
                predictions, data.classCount(), 0.5).get(metric.configName());
    }

    /** A fitted linear model with the parameters it was chosen with. */
    private record Trained(LinearModel model, Map<String, Object> params) implements TrainedModel {

        @Override
        public double[] predict(FeatureMatrix features) {
            return model.predict(features);
        }

        @Override
        public Integer bestIteration() {
            return null;
        }

        @Override
        public void save(Path folder) {
            AtomicFiles.writeString(folder.resolve("linear.json"), model.toJson());
        }

        @Override
        public ScoreGraph scoreGraph() {
            return new LinearScoreGraph(model);
        }
    }
}
