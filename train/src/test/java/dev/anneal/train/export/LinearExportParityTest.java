package dev.anneal.train.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.anneal.core.Task;
import dev.anneal.core.config.ColumnConfig;
import dev.anneal.core.data.CategoryColumn;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.NumericColumn;
import dev.anneal.core.data.Table;
import dev.anneal.core.data.Target;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.features.FeaturePipeline;
import dev.anneal.core.features.FeatureProfile;
import dev.anneal.core.features.FeatureSpec;
import dev.anneal.core.features.FittedPipeline;
import dev.anneal.train.linear.LinearModel;
import dev.anneal.train.linear.LogisticRegression;
import dev.anneal.train.linear.RidgeRegression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The parity contract for the {@code linear} family: trained on generated rows, exported with its
 * feature pipeline, run in ONNX Runtime from raw columns, and compared with the in-process predictions
 * on rows that hold missing values, unseen categories and numbers far outside the training range.
 */
class LinearExportParityTest {

    private static final List<String> COLORS = List.of("red", "green", "blue", "amber", "teal");
    private static final List<String> CLASSES = List.of("low", "mid", "high");

    /** Generated rows: numeric a (with gaps), b (skewed), c; categorical color (with gaps) and city (80 levels). */
    private static Table table(int rows, long seed, boolean planted) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = new double[rows];
        double[] b = new double[rows];
        double[] c = new double[rows];
        int[] color = new int[rows];
        int[] city = new int[rows];
        List<String> colorLevels = new ArrayList<>(COLORS);
        List<String> cityLevels = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            cityLevels.add("city" + i);
        }
        if (planted) {
            colorLevels.add("purple");
            cityLevels.add("atlantis");
        }
        for (int row = 0; row < rows; row++) {
            a[row] = random.nextDouble() < 0.1 ? Double.NaN : (float) random.nextGaussian();
            b[row] = (float) Math.exp(random.nextGaussian());
            c[row] = (float) (random.nextDouble() * 10);
            color[row] = random.nextDouble() < 0.05 ? CategoryColumn.MISSING : random.nextInt(COLORS.size());
            city[row] = (int) Math.min(79, Math.abs(random.nextGaussian()) * 20);
            if (planted && row % 7 == 0) {
                switch (row % 4) {
                    case 0 -> color[row] = colorLevels.size() - 1;
                    case 1 -> city[row] = cityLevels.size() - 1;
                    case 2 -> c[row] = 1e6 * (row % 2 == 0 ? 1 : -1);
                    default -> b[row] = Double.NaN;
                }
            }
        }
        List<Column> columns = List.of(new NumericColumn("a", a), new NumericColumn("b", b), new NumericColumn("c", c),
                new CategoryColumn("color", color, colorLevels), new CategoryColumn("city", city, cityLevels));
        return new Table(columns);
    }

    private static double score(Table table, int row) {
        double a = ((NumericColumn) table.column("a")).values()[row];
        double colorEffect = ((CategoryColumn) table.column("color")).codes()[row] == 1 ? 1.5 : -0.3;
        double cityEffect = ((CategoryColumn) table.column("city")).codes()[row] % 3 == 0 ? 0.8 : 0;
        return (Double.isNaN(a) ? 0 : a) + 0.3 * ((NumericColumn) table.column("c")).values()[row] - 1.5
                + colorEffect + cityEffect;
    }

    private static Target target(Table table, Task task, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rows = table.rowCount();
        int[] classes = new int[rows];
        double[] values = new double[rows];
        for (int row = 0; row < rows; row++) {
            double s = score(table, row) + random.nextGaussian();
            classes[row] = task == Task.BINARY ? (s > 0 ? 1 : 0) : s < -0.5 ? 0 : s < 0.8 ? 1 : 2;
            values[row] = 1000 + 250 * s;
        }
        return switch (task) {
            case BINARY -> new Target("y", task, classes, null, List.of("no", "yes"));
            case MULTICLASS -> new Target("y", task, classes, null, CLASSES);
            case REGRESSION -> new Target("y", task, null, values, List.of());
        };
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void onnxRuntimeGivesTheInProcessPredictions(Task task) throws OrtException {
        Table train = table(3000, 1, false);
        Target trainTarget = target(train, task, 2);
        List<FeatureSpec> specs = new ArrayList<>();
        for (Column column : train.columns()) {
            specs.add(FeatureSpec.of(column.name(), column instanceof NumericColumn ? ColumnType.NUMERIC
                    : ColumnType.CATEGORY, FeatureProfile.LINEAR, ColumnConfig.NONE));
        }
        FeaturePipeline.Fitted fitted = new FeaturePipeline(specs).fit(train, trainTarget, 3);
        FeatureMatrix x = fitted.training();
        LinearModel model = task == Task.REGRESSION
                ? RidgeRegression.builder().setL2(1e-3).build().fit(x.values(), x.rows(), x.cols(), trainTarget.values())
                : LogisticRegression.builder().setL2(1e-3).build().fit(x.values(), x.rows(), x.cols(), trainTarget.classIndex(),
                        trainTarget.classCount());
        List<String> classes = trainTarget.classes();
        byte[] onnx = LinearExporter.export("parity", fitted.pipeline(), model, task, classes, 0.5, Map.of("source", "test"))
                .toByteArray();

        Table test = table(1400, 9, true);
        FeatureMatrix testX = fitted.pipeline().transform(test);
        double[] expected = model.predict(testX.values(), testX.rows(), testX.cols());
        try (OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
                OrtSession.Result result = session.run(inputs(env, test, fitted.pipeline()))) {
            int outputs = task == Task.MULTICLASS ? classes.size() : 1;
            double worst = 0;
            if (task == Task.REGRESSION) {
                float[] predicted = (float[]) result.get("prediction").get().getValue();
                for (int row = 0; row < predicted.length; row++) {
                    worst = Math.max(worst, Math.abs(predicted[row] - expected[row]) / Math.max(1, Math.abs(expected[row])));
                }
            } else {
                float[][] probabilities = (float[][]) result.get("probabilities").get().getValue();
                String[] labels = (String[]) result.get("label").get().getValue();
                for (int row = 0; row < probabilities.length; row++) {
                    int best = 0;
                    for (int k = 0; k < outputs; k++) {
                        double want = task == Task.BINARY ? expected[row] : expected[row * outputs + k];
                        int column = task == Task.BINARY ? 1 : k;
                        worst = Math.max(worst, Math.abs(probabilities[row][column] - want));
                        if (want > (task == Task.BINARY ? 0.5 : expected[row * outputs + best])) {
                            best = k;
                        }
                    }
                    String wantLabel = task == Task.BINARY ? classes.get(expected[row] >= 0.5 ? 1 : 0) : classes.get(best);
                    assertEquals(wantLabel, labels[row], "label of row " + row);
                }
            }
            assertTrue(worst <= 1e-5, task + ": largest difference " + worst);
        }
    }

    /** The raw columns as the graph's inputs: floats with NaN for missing, strings with "" for missing. */
    private static Map<String, OnnxTensor> inputs(OrtEnvironment env, Table table, FittedPipeline pipeline)
            throws OrtException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        for (String name : pipeline.inputColumns()) {
            Column column = table.column(name);
            int rows = column.size();
            if (column instanceof NumericColumn numeric) {
                float[][] values = new float[rows][1];
                for (int row = 0; row < rows; row++) {
                    values[row][0] = (float) numeric.values()[row];
                }
                inputs.put(name, OnnxTensor.createTensor(env, values));
            } else {
                CategoryColumn categories = (CategoryColumn) column;
                String[][] values = new String[rows][1];
                for (int row = 0; row < rows; row++) {
                    int code = categories.codes()[row];
                    values[row][0] = code == CategoryColumn.MISSING ? "" : categories.levels().get(code);
                }
                inputs.put(name, OnnxTensor.createTensor(env, values));
            }
        }
        return inputs;
    }
}
