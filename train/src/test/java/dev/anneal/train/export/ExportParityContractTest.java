package dev.anneal.train.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import dev.anneal.core.bundle.GraphInputs;
import dev.anneal.core.config.ColumnConfig;
import dev.anneal.core.config.TextConfig;
import dev.anneal.core.data.CategoryColumn;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.DateColumn;
import dev.anneal.core.data.NumericColumn;
import dev.anneal.core.data.Table;
import dev.anneal.core.data.Target;
import dev.anneal.core.data.TextColumn;
import dev.anneal.core.features.CategoryEncoding;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.features.FeaturePipeline;
import dev.anneal.core.features.FeatureSpec;
import dev.anneal.core.config.ModelConfig;
import dev.anneal.core.metrics.Metric;
import dev.anneal.train.model.ModelFamily;
import dev.anneal.train.model.ModelRegistry;
import dev.anneal.train.model.TrainedModel;
import dev.anneal.train.model.TrainingContext;
import dev.anneal.train.model.TrainingData;
import dev.anneal.serve.runtime.BundleSession;
import dev.anneal.train.progress.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parity contract every exportable family passes, for every task: trained on generated rows through
 * the family itself, exported with its feature pipeline, run in ONNX Runtime from raw columns, and
 * compared with the in-process predictions on 1,400 rows that hold missing values, unseen categories,
 * numbers and dates far outside the training range and (for trees) values exactly on split thresholds:
 * max |difference| of a probability at most 1e-5 (regression: relative 1e-5), and the same labels.
 */
class ExportParityContractTest {

    private static final List<String> COLORS = List.of("red", "green", "blue", "amber", "teal");
    private static final List<String> CLASSES = List.of("low", "mid", "high");

    /**
     * Generated rows: numeric a (with gaps), b (skewed), c; categorical color (with gaps) and city (80
     * levels); with {@code text}, a text column note whose words carry part of the signal.
     */
    private static Table table(int rows, long seed, boolean planted, boolean text) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = new double[rows];
        double[] b = new double[rows];
        double[] c = new double[rows];
        long[] when = new long[rows];
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
            // 1950-2030 with a time of day; a few missing.
            when[row] = random.nextDouble() < 0.03 ? DateColumn.MISSING
                    : -631_152_000L + (long) (random.nextDouble() * 2_524_608_000L);
            if (planted && row % 7 == 0) {
                switch (row % 4) {
                    case 0 -> color[row] = colorLevels.size() - 1;
                    case 1 -> city[row] = cityLevels.size() - 1;
                    case 2 -> {
                        c[row] = 1e6 * (row % 2 == 0 ? 1 : -1);
                        when[row] = 7_258_118_400L; // 2200-01-01, far past the training range
                    }
                    default -> b[row] = Double.NaN;
                }
            }
        }
        List<Column> columns = new ArrayList<>(List.of(new NumericColumn("a", a), new NumericColumn("b", b),
                new NumericColumn("c", c), new DateColumn("when", when), new CategoryColumn("color", color, colorLevels),
                new CategoryColumn("city", city, cityLevels)));
        if (text) {
            columns.add(new TextColumn("note", notes(rows, seed + 17, planted)));
        }
        return new Table(columns);
    }

    private static final String[] WORDS = {"the", "coffee", "tea", "box", "arrived", "taste", "price", "bag", "good",
        "bad", "very", "not", "really", "fresh", "stale", "great", "awful", "love", "hate", "again"};

    /**
     * Sentences of 3 to 40 words; planted rows hold an empty and a missing text, emoji, HTML, a
     * 10,000-character text and words never seen in training.
     */
    private static String[] notes(int rows, long seed, boolean planted) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] notes = new String[rows];
        for (int row = 0; row < rows; row++) {
            StringBuilder note = new StringBuilder();
            for (int i = 0, n = 3 + random.nextInt(38); i < n; i++) {
                note.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            notes[row] = note.toString();
            if (row % 11 == 0) {
                notes[row] = switch (row / 11 % 6) {
                    case 0 -> "";
                    case 1 -> null;
                    case 2 -> "😀👍🏽 love it 🙂";
                    case 3 -> "<b>great</b><br /><br />" + notes[row];
                    case 4 -> planted ? "zyzzyva quux " + notes[row] + " frobnicate" : notes[row];
                    default -> planted ? "taste ".repeat(1_700) + "awful" : notes[row];
                };
            }
        }
        return notes;
    }

    private static double textEffect(Table table, int row) {
        if (table.find("note").isEmpty()) {
            return 0;
        }
        String note = table.column("note").format(row);
        if (note == null) {
            return 0;
        }
        return (note.contains("great") || note.contains("love") ? 1.2 : 0) - (note.contains("awful") ? 1.2 : 0);
    }

    private static double score(Table table, int row) {
        double a = ((NumericColumn) table.column("a")).values()[row];
        double colorEffect = ((CategoryColumn) table.column("color")).codes()[row] == 1 ? 1.5 : -0.3;
        double cityEffect = ((CategoryColumn) table.column("city")).codes()[row] % 3 == 0 ? 0.8 : 0;
        long when = ((DateColumn) table.column("when")).epochSeconds()[row];
        double dateEffect = when == DateColumn.MISSING ? 0
                : (java.time.LocalDateTime.ofEpochSecond(when, 0, java.time.ZoneOffset.UTC).getMonthValue() <= 3 ? 0.9 : 0)
                        + (java.time.LocalDateTime.ofEpochSecond(when, 0, java.time.ZoneOffset.UTC).getDayOfWeek()
                                .getValue() >= 6 ? -0.7 : 0);
        return (Double.isNaN(a) ? 0 : a) + 0.3 * ((NumericColumn) table.column("c")).values()[row] - 1.5
                + colorEffect + cityEffect + dateEffect + textEffect(table, row);
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

    /**
     * The family's default feature specs for the generated columns; {@code text} for the note column, and
     * {@code encodings} for the category columns it names.
     */
    private static List<FeatureSpec> specs(Table table, ModelFamily family, TextConfig text,
            Map<String, CategoryEncoding> encodings) {
        List<FeatureSpec> specs = new ArrayList<>();
        for (Column column : table.columns()) {
            ColumnType columnType = column instanceof NumericColumn ? ColumnType.NUMERIC
                    : column instanceof DateColumn ? ColumnType.DATE
                    : column instanceof TextColumn ? ColumnType.TEXT : ColumnType.CATEGORY;
            ColumnConfig config = columnType == ColumnType.TEXT
                    ? new ColumnConfig(null, null, null, null, null, null, null, text, null)
                    : encodings.containsKey(column.name())
                    ? new ColumnConfig(null, null, null, null, null, encodings.get(column.name()), null)
                    : ColumnConfig.NONE;
            specs.add(FeatureSpec.of(column.name(), columnType, family.featureProfile(), config));
        }
        // As a run orders them: numbers, then category indices, then text.
        specs.sort(Comparator.comparingInt(spec -> spec.type() == ColumnType.TEXT ? 2
                : spec.encode() == CategoryEncoding.INDEX ? 1 : 0));
        return specs;
    }

    /** A text column read by {@code encoder} (deep families) or TF-IDF over 1-2 grams (the others). */
    private static TextConfig text(TextConfig.EncoderType encoder, String pooling) {
        return new TextConfig(32, 300, 2, null, new TextConfig.Encoder(encoder, 16, 1, 2, List.of(2, 3), 8, pooling,
                null, false, null), new TextConfig.TfIdf(2000, 2, 2, true, 2048));
    }

    /** Short deep trainings: parity does not need a good model. */
    private static final Map<String, Object> DEEP = Map.of("epochs", 3);
    private static final Map<String, Object> TRANSFORMER = Map.of("epochs", 2, "d_token", 16, "heads", 4,
            "layers", 2);

    static Stream<Arguments> familiesAndTasks() {
        Stream<Arguments> everyTask = Stream.of("linear", "xgboost", "mlp", "resnet", "ft_transformer")
                .flatMap(family -> Stream.of(Task.values()).map(task -> Arguments.of(family, task,
                        switch (family) {
                            case "mlp", "resnet" -> DEEP;
                            case "ft_transformer" -> TRANSFORMER;
                            default -> Map.of();
                        })));
        // The deep families' input and layer variants, on one task each.
        Stream<Arguments> variants = Stream.of(
                Arguments.of("mlp", Task.BINARY, Map.of("epochs", 3, "categorical", "onehot", "activation", "gelu",
                        "norm", "batch")),
                Arguments.of("mlp", Task.MULTICLASS, Map.of("epochs", 3, "numeric_embedding", "ple", "activation",
                        "silu", "norm", "layer")),
                Arguments.of("resnet", Task.REGRESSION, Map.of("epochs", 3, "numeric_embedding", "periodic",
                        "norm", "batch")),
                // XGBoost 3 runs dart as gbtree with dropout: per-tree weights (weight_drop) scale the leaves.
                Arguments.of("xgboost", Task.BINARY, Map.of("booster", "dart", "rate_drop", 0.2, "n_estimators", 40)),
                Arguments.of("ft_transformer", Task.BINARY, Map.of("epochs", 2, "d_token", 16, "heads", 2,
                        "layers", 1, "numeric_embedding", "ple", "activation", "relu")));
        return Stream.concat(everyTask, variants);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("familiesAndTasks")
    void onnxRuntimeGivesTheInProcessPredictions(String type, Task task, Map<String, Object> params) {
        assertParity(type, task, params, null);
    }

    /**
     * Every family and task with a text column beside the others: TF-IDF for linear and xgboost, and for
     * the deep families each encoder that can be exported in turn (mean and [CLS] pooling).
     */
    static Stream<Arguments> familiesAndTasksWithText() {
        List<Arguments> cases = new ArrayList<>();
        TextConfig.EncoderType[] encoders = {TextConfig.EncoderType.BAG, TextConfig.EncoderType.CNN,
            TextConfig.EncoderType.TRANSFORMER};
        int turn = 0;
        for (String family : List.of("linear", "xgboost", "mlp", "resnet", "ft_transformer")) {
            for (Task task : Task.values()) {
                Map<String, Object> params = switch (family) {
                    case "mlp", "resnet" -> DEEP;
                    case "ft_transformer" -> TRANSFORMER;
                    default -> Map.of("n_estimators", 30);
                };
                TextConfig.EncoderType encoder = encoders[turn % encoders.length];
                String pooling = turn++ % 2 == 0 ? "mean" : "cls";
                cases.add(Arguments.of(family, task, family.equals("linear") ? Map.of() : params,
                        family.equals("linear") || family.equals("xgboost") ? "tfidf" : encoder + " " + pooling));
            }
        }
        // The pretrained encoder (the checked-in tiny TorchScript model and its ONNX export), frozen and fine-tuned.
        cases.add(Arguments.of("mlp", Task.BINARY, DEEP, "pretrained frozen"));
        cases.add(Arguments.of("ft_transformer", Task.MULTICLASS, TRANSFORMER, "pretrained trainable"));
        cases.add(Arguments.of("resnet", Task.REGRESSION, DEEP, "pretrained trainable"));
        return cases.stream();
    }

    private static final Path TINY_ENCODER = Path.of("src/test/resources/pretrained/tiny-encoder");

    /** The tiny pretrained encoder with its tokenizer, frozen or fine-tuned. */
    private static TextConfig pretrained(boolean trainable) {
        return new TextConfig(32, 300, 2, TINY_ENCODER.resolve("tokenizer.json"), new TextConfig.Encoder(
                TextConfig.EncoderType.PRETRAINED, 16, 1, 2, List.of(2, 3), 8, "mean", TINY_ENCODER.resolve("encoder.pt"),
                trainable, TINY_ENCODER.resolve("encoder.onnx")), TextConfig.TfIdf.DEFAULT);
    }

    @ParameterizedTest(name = "{0} {1} text {3}")
    @MethodSource("familiesAndTasksWithText")
    void textColumnsGiveTheInProcessPredictionsToo(String type, Task task, Map<String, Object> params, String text) {
        String[] encoder = text.split(" ");
        assertParity(type, task, params, text.equals("tfidf") ? text(TextConfig.EncoderType.BAG, "mean")
                : encoder[0].equals("pretrained") ? pretrained(encoder[1].equals("trainable"))
                : text(TextConfig.EncoderType.valueOf(encoder[0]), encoder[1]));
    }

    /**
     * The category encodings other than a family's default, alone and side by side: a multiclass target
     * encoding (one output per class) beside single-output ones, and two single-output ones together.
     */
    static Stream<Arguments> categoryEncodings() {
        return Stream.of(
                Arguments.of("xgboost", Task.MULTICLASS, Map.of("n_estimators", 30),
                        Map.of("color", CategoryEncoding.TARGET, "city", CategoryEncoding.FREQUENCY)),
                Arguments.of("mlp", Task.MULTICLASS, DEEP,
                        Map.of("color", CategoryEncoding.ORDINAL, "city", CategoryEncoding.TARGET)),
                Arguments.of("linear", Task.BINARY, Map.of(),
                        Map.of("color", CategoryEncoding.TARGET, "city", CategoryEncoding.FREQUENCY)),
                Arguments.of("resnet", Task.REGRESSION, DEEP,
                        Map.of("color", CategoryEncoding.FREQUENCY, "city", CategoryEncoding.ORDINAL)));
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("categoryEncodings")
    void categoryEncodingsGiveTheInProcessPredictionsToo(String type, Task task, Map<String, Object> params,
            Map<String, CategoryEncoding> encodings) {
        assertParity(type, task, params, null, encodings);
    }

    private static void assertParity(String type, Task task, Map<String, Object> params, TextConfig text) {
        assertParity(type, task, params, text, Map.of());
    }

    private static void assertParity(String type, Task task, Map<String, Object> params, TextConfig text,
            Map<String, CategoryEncoding> encodings) {
        ModelFamily family = ModelRegistry.load().family(type);
        Table all = table(3600, 1, false, text != null);
        Target allTarget = target(all, task, 2);
        int[] trainRows = IntStream.range(0, 3000).toArray();
        int[] validationRows = IntStream.range(3000, 3600).toArray();
        Table train = all.select(trainRows);
        Target trainTarget = allTarget.select(trainRows);
        List<FeatureSpec> specs = specs(train, family, text, encodings);
        FeaturePipeline.Fitted fitted = new FeaturePipeline(specs).fit(train, trainTarget, 3);
        TrainingData data = new TrainingData(task, fitted.pipeline(), fitted.training(), trainTarget,
                fitted.pipeline().transform(all.select(validationRows)), allTarget.select(validationRows));
        Metric metric = task == Task.REGRESSION ? Metric.RMSE : Metric.LOG_LOSS;
        TrainedModel model = family.train(data, new ModelConfig(type, type, params),
                new TrainingContext(4, metric, 1, "cpu", Progress.SILENT));
        List<String> classes = trainTarget.classes();
        byte[] onnx = OnnxExporter.export("parity", fitted.pipeline(), model.scoreGraph(), task, classes, 0.5,
                Map.of("source", "test"))
                .toByteArray();

        // The training rows' own numbers (so for trees, values exactly on split thresholds), with rows
        // planted among them that hold unseen categories, missing values and out-of-range numbers.
        Table test = table(1400, 1, true, text != null);
        OnnxChecker.check(onnx);
        FeatureMatrix testX = fitted.pipeline().transform(test);
        double[] expected = model.predict(testX);
        try (BundleSession session = BundleSession.of(onnx, 1)) {
            BundleSession.Scores result = session.score(GraphInputs.of(test, fitted.pipeline()));
            int outputs = task == Task.MULTICLASS ? classes.size() : 1;
            double worst = 0;
            if (task == Task.REGRESSION) {
                float[] predicted = result.predictions();
                for (int row = 0; row < predicted.length; row++) {
                    worst = Math.max(worst, Math.abs(predicted[row] - expected[row]) / Math.max(1, Math.abs(expected[row])));
                }
            } else {
                float[][] probabilities = result.probabilities();
                String[] labels = result.labels();
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

    @Test
    void whatCannotBeExportedIsRefusedWithItsReason() {
        Table train = table(600, 1, false, false);
        Target target = target(train, Task.BINARY, 2);
        ModelFamily family = ModelRegistry.load().family("xgboost");
        List<FeatureSpec> specs = specs(train, family, null, Map.of());
        FeaturePipeline.Fitted fitted = new FeaturePipeline(specs).fit(train, target, 3);
        TrainingData data = new TrainingData(Task.BINARY, fitted.pipeline(), fitted.training(), target,
                fitted.training(), target);
        TrainedModel gblinear = family.train(data, new ModelConfig("x", "xgboost",
                Map.of("booster", "gblinear", "n_estimators", 5)), new TrainingContext(4, Metric.LOG_LOSS, 1, "cpu",
                Progress.SILENT));
        AnnealException e = assertThrows(AnnealException.class, () -> OnnxExporter.export("linear", fitted.pipeline(),
                gblinear.scoreGraph(), Task.BINARY, target.classes(), 0.5, Map.of()));
        assertTrue(e.getMessage().contains("booster 'gblinear' cannot be exported"), e.getMessage());
    }
}
