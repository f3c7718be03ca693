package dev.anneal.train.xgboost;

import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import dev.anneal.core.config.ModelConfig;
import dev.anneal.core.config.Problems;
import dev.anneal.core.features.FeatureProfile;
import dev.anneal.train.model.ModelFamily;
import dev.anneal.train.model.TrainedModel;
import dev.anneal.train.model.TrainingContext;
import dev.anneal.train.model.TrainingData;
import dev.anneal.train.progress.Progress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees through XGBoost (hist): rounds are added one at a time while the validation
 * loss (XGBoost's eval metric for the task, or the configured {@code eval_metric}) improves, stopping
 * after {@code early_stopping_rounds} without improvement; the model predicts with its best round.
 * Missing values stay NaN and XGBoost learns where to send them.
 */
public final class XGBoostFamily implements ModelFamily {

    @Override
    public String type() {
        return "xgboost";
    }

    @Override
    public FeatureProfile featureProfile() {
        return FeatureProfile.TREES;
    }

    @Override
    public void checkParams(Map<String, Object> params, String path, Problems problems) {
        if (XGBoostParams.check(params, path, problems)) {
            tryParams(params, path, problems);
        }
    }

    /** Lets XGBoost itself judge the values on a tiny matrix, so its errors surface as config errors. */
    private static void tryParams(Map<String, Object> params, String path, Problems problems) {
        DMatrix tiny = null;
        Booster booster = null;
        try {
            tiny = new DMatrix(new float[] {0, 1, 1, 0, 0, 0, 1, 1}, 4, 2, Float.NaN);
            tiny.setLabel(new float[] {0, 1, 0, 1});
            Map<String, Object> learner = XGBoostParams.forXGBoost(XGBoostParams.learnerParams(params));
            learner.putIfAbsent("objective", "binary:logistic");
            if (String.valueOf(learner.get("objective")).startsWith("multi:")) {
                learner.put("num_class", 2);
            }
            learner.put("nthread", 1);
            learner.put("verbosity", 0);
            booster = XGBoost.train(tiny, learner, 1, Map.of(), null, null);
        } catch (XGBoostError e) {
            problems.add(path, "XGBoost rejects these parameters: " + firstLine(e.getMessage()));
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (tiny != null) {
                tiny.dispose();
            }
        }
    }

    @Override
    public Map<String, Object> resolveParams(Map<String, Object> configured) {
        Map<String, Object> resolved = new LinkedHashMap<>(XGBoostParams.learnerParams(configured));
        resolved.put(XGBoostParams.ROUNDS, XGBoostParams.rounds(configured));
        resolved.put(XGBoostParams.PATIENCE, XGBoostParams.patience(configured));
        return resolved;
    }

    @Override
    public TrainedModel train(TrainingData data, ModelConfig config, TrainingContext context) {
        Map<String, Object> learner = XGBoostParams.learnerParams(config.params());
        setTaskParams(learner, data, config.name());
        learner.putIfAbsent("seed", context.seed());
        learner.putIfAbsent("nthread", context.threads());
        learner.put("verbosity", 0);
        int rounds = XGBoostParams.rounds(config.params());
        int patience = XGBoostParams.patience(config.params());
        DMatrix train = null;
        DMatrix validation = null;
        try {
            train = XGBoostInput.matrix(data.train(), data.trainTarget());
            validation = XGBoostInput.matrix(data.validation(), data.validationTarget());
            Booster booster = XGBoost.train(train, XGBoostParams.forXGBoost(learner), 0, Map.of(), null, null);
            int best = boost(booster, train, validation, rounds, patience, context.progress(), config.name());
            booster.setAttr("best_iteration", Integer.toString(best));
            Map<String, Object> used = new LinkedHashMap<>(learner);
            used.put(XGBoostParams.ROUNDS, rounds);
            used.put(XGBoostParams.PATIENCE, patience);
            used.put("rounds_trained", booster.getNumBoostedRound());
            return new XGBoostModel(booster, data.task(), best, used);
        } catch (XGBoostError e) {
            throw new AnnealException("xgboost candidate '" + config.name() + "' failed: " + firstLine(e.getMessage()), e);
        } finally {
            if (train != null) {
                train.dispose();
            }
            if (validation != null) {
                validation.dispose();
            }
        }
    }

    private static void setTaskParams(Map<String, Object> learner, TrainingData data, String name) {
        Object objective = learner.get("objective");
        if (objective != null && !XGBoostParams.OBJECTIVES.get(data.task()).contains(objective.toString())) {
            throw new AnnealException("xgboost candidate '" + name + "': objective " + objective + " does not suit a "
                    + data.task().configName() + " task; expected one of " + XGBoostParams.OBJECTIVES.get(data.task()));
        }
        switch (data.task()) {
            case BINARY -> learner.putIfAbsent("objective", "binary:logistic");
            case MULTICLASS -> {
                learner.putIfAbsent("objective", "multi:softprob");
                learner.put("num_class", data.classCount());
            }
            case REGRESSION -> learner.putIfAbsent("objective", "reg:squarederror");
        }
    }

    /** Adds rounds until the validation loss stops improving; returns the best round (0-based). */
    private static int boost(Booster booster, DMatrix train, DMatrix validation, int rounds, int patience,
            Progress progress, String name) throws XGBoostError {
        DMatrix[] watches = {validation};
        String[] names = {"validation"};
        int best = 0;
        double bestScore = Double.NaN;
        boolean maximise = false;
        try (Progress.Task task = progress.start(name, rounds)) {
            for (int round = 0; round < rounds; round++) {
                booster.update(train, round);
                EvalResult result = EvalResult.parse(booster.evalSet(watches, names, round));
                maximise = result.maximise();
                if (Double.isNaN(bestScore) || (maximise ? result.value() > bestScore : result.value() < bestScore)) {
                    bestScore = result.value();
                    best = round;
                }
                task.update(round + 1, String.format(Locale.ROOT, "%s %.5f (best %d)", result.metric(), result.value(), best));
                if (round - best >= patience) {
                    break;
                }
            }
        }
        return best;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown XGBoost error";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }

    /** One metric value from XGBoost's evaluation line, e.g. {@code [12]\tvalidation-logloss:0.23}. */
    record EvalResult(String metric, double value, boolean maximise) {

        static EvalResult parse(String line) {
            String[] fields = line.strip().split("\t");
            String last = fields[fields.length - 1];
            int colon = last.lastIndexOf(':');
            String metric = last.substring(last.indexOf('-') + 1, colon);
            double value = Double.parseDouble(last.substring(colon + 1));
            return new EvalResult(metric, value, maximises(metric));
        }

        private static boolean maximises(String metric) {
            for (String name : XGBoost.MAXIMIZ_METRICES) {
                if (metric.startsWith(name)) {
                    return true;
                }
            }
            return false;
        }
    }
}
