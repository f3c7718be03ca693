package dev.anneal.train.xgboost;

import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.io.AtomicFiles;
import dev.anneal.train.export.ScoreGraph;
import dev.anneal.train.model.TrainedModel;
import java.nio.file.Path;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A trained XGBoost booster that predicts with the rounds up to its best validation round. It keeps
 * every round it trained (as XGBoost's own early stopping does) and records the best in the
 * {@code best_iteration} attribute of the saved model.
 */
final class XGBoostModel implements TrainedModel {

    private final Booster booster;
    private final Task task;
    private final int bestIteration;
    private final Map<String, Object> params;

    XGBoostModel(Booster booster, Task task, int bestIteration, Map<String, Object> params) {
        this.booster = booster;
        this.task = task;
        this.bestIteration = bestIteration;
        this.params = Map.copyOf(params);
    }

    @Override
    public double[] predict(FeatureMatrix features) {
        try {
            if (features.sparse() == null) {
                return flatten(predictDense(features.values(), features.rows(), features.cols()), features.rows());
            }
            float[][] raw = new float[features.rows()][];
            for (int from = 0; from < features.rows(); from += XGBoostInput.PREDICT_CHUNK) {
                int to = Math.min(features.rows(), from + XGBoostInput.PREDICT_CHUNK);
                float[][] chunk = predictDense(XGBoostInput.denseRows(features, from, to), to - from, features.width());
                System.arraycopy(chunk, 0, raw, from, chunk.length);
            }
            return flatten(raw, features.rows());
        } catch (XGBoostError e) {
            throw new AnnealException("xgboost prediction failed: " + XGBoostFamily.firstLine(e.getMessage()), e);
        }
    }

    private float[][] predictDense(float[] values, int rows, int cols) throws XGBoostError {
        return booster.inplace_predict(values, rows, cols, Float.NaN, new int[] {0, bestIteration + 1},
                Booster.PredictionType.kValue, null);
    }

    /** One value per row, or one per class and row for multiclass, row-major. */
    private double[] flatten(float[][] raw, int rows) {
        int width = raw.length == 0 ? 0 : raw[0].length;
        int outputs = task == Task.MULTICLASS ? width : 1;
        double[] out = new double[rows * outputs];
        for (int row = 0; row < raw.length; row++) {
            for (int j = 0; j < outputs; j++) {
                out[row * outputs + j] = raw[row][j];
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> params() {
        return params;
    }

    @Override
    public Integer bestIteration() {
        return bestIteration;
    }

    @Override
    public ScoreGraph scoreGraph() {
        try {
            return new XGBoostScoreGraph(booster.toByteArray("json"), bestIteration);
        } catch (XGBoostError e) {
            throw new AnnealException("cannot read the xgboost model: " + XGBoostFamily.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void save(Path folder) {
        try {
            AtomicFiles.write(folder.resolve("model.ubj"), booster.toByteArray("ubj"));
            AtomicFiles.write(folder.resolve("model.json"), booster.toByteArray("json"));
        } catch (XGBoostError e) {
            throw new AnnealException("cannot save the xgboost model: " + XGBoostFamily.firstLine(e.getMessage()), e);
        }
    }
}
