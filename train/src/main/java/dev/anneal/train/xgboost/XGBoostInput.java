package dev.anneal.train.xgboost;

import dev.anneal.core.Task;
import dev.anneal.core.data.Target;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.features.SparseRows;
import java.util.Arrays;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Feature matrices as XGBoost reads them. Dense features go in as they are, NaN meaning missing; with
 * sparse features (TF-IDF) the whole matrix goes in as CSR, where an absent entry is missing, and is
 * never copied densely. Prediction densifies a few hundred rows at a time.
 */
final class XGBoostInput {

    /** Rows densified at once for prediction. */
    static final int PREDICT_CHUNK = 512;

    private XGBoostInput() {
    }

    /** The matrix XGBoost trains on, labelled with {@code target} when it is not null. */
    static DMatrix matrix(FeatureMatrix features, Target target) throws XGBoostError {
        DMatrix matrix = features.sparse() == null
                ? new DMatrix(features.values(), features.rows(), features.cols(), Float.NaN)
                : csr(features);
        if (target != null) {
            float[] labels = new float[target.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = (float) (target.task() == Task.REGRESSION ? target.values()[i] : target.classIndex()[i]);
            }
            matrix.setLabel(labels);
        }
        return matrix;
    }

    private static DMatrix csr(FeatureMatrix features) throws XGBoostError {
        SparseRows sparse = features.sparse();
        int dense = features.cols();
        float[] values = features.values();
        long count = sparse.entries();
        for (float value : values) {
            count += Float.isNaN(value) ? 0 : 1;
        }
        long[] starts = new long[features.rows() + 1];
        int[] columns = new int[Math.toIntExact(count)];
        float[] data = new float[columns.length];
        int at = 0;
        for (int row = 0; row < features.rows(); row++) {
            for (int col = 0; col < dense; col++) {
                float value = values[row * dense + col];
                if (!Float.isNaN(value)) {
                    columns[at] = col;
                    data[at++] = value;
                }
            }
            for (long i = sparse.rowStarts()[row]; i < sparse.rowStarts()[row + 1]; i++) {
                columns[at] = dense + sparse.columns()[(int) i];
                data[at++] = sparse.values()[(int) i];
            }
            starts[row + 1] = at;
        }
        return new DMatrix(starts, columns, data, DMatrix.SparseType.CSR, features.width(), Float.NaN, 0);
    }

    /** Rows {@code [from, to)} as a dense row-major array, NaN where an entry is missing or absent. */
    static float[] denseRows(FeatureMatrix features, int from, int to) {
        int width = features.width();
        int dense = features.cols();
        float[] out = new float[(to - from) * width];
        Arrays.fill(out, Float.NaN);
        SparseRows sparse = features.sparse();
        for (int row = from; row < to; row++) {
            System.arraycopy(features.values(), row * dense, out, (row - from) * width, dense);
            if (sparse != null) {
                for (long i = sparse.rowStarts()[row]; i < sparse.rowStarts()[row + 1]; i++) {
                    out[(row - from) * width + dense + sparse.columns()[(int) i]] = sparse.values()[(int) i];
                }
            }
        }
        return out;
    }
}
