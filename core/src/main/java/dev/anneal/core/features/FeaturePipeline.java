package dev.anneal.core.features;

import dev.anneal.core.AnnealException;
import dev.anneal.core.data.CategoryColumn;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.DateColumn;
import dev.anneal.core.data.NumericColumn;
import dev.anneal.core.data.Table;
import dev.anneal.core.data.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The unfitted feature recipe of a project: one {@link FeatureSpec} per input column. {@link #fit}
 * learns every statistic from the training rows only and returns the {@link FittedPipeline} together
 * with the training matrix (which, for target encoding, holds out-of-fold values so the target cannot
 * leak into its own feature).
 */
public final class FeaturePipeline {

    /** Folds for out-of-fold target encoding of the training rows. */
    private static final int TARGET_FOLDS = 5;
    /** Pseudo-rows of the prior blended into each level's target mean; small levels lean on the prior. */
    private static final double TARGET_SMOOTHING = 10;

    private final List<FeatureSpec> specs;

    public FeaturePipeline(List<FeatureSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    public List<FeatureSpec> specs() {
        return specs;
    }

    /** The fitted pipeline and the training rows transformed by it. */
    public record Fitted(FittedPipeline pipeline, FeatureMatrix training) {
    }

    /**
     * Fits every spec on {@code train}.
     *
     * @param target the training target, used by target encoding only
     * @param seed fixes the out-of-fold assignment
     */
    public Fitted fit(Table train, Target target, long seed) {
        List<FittedFeature> features = new ArrayList<>();
        List<double[][]> outOfFold = new ArrayList<>();
        for (FeatureSpec spec : specs) {
            Column column = train.column(spec.column());
            double[][] oof = null;
            FittedFeature feature = switch (spec.type()) {
                case NUMERIC -> fitNumeric(spec, column);
                case DATE -> fitDate(spec, Inputs.expect(column, DateColumn.class, "date"));
                case CATEGORY -> {
                    CategoryColumn categories = asCategories(column);
                    if (chooseEncoding(spec, categories) == CategoryEncoding.TARGET) {
                        oof = outOfFoldTargetMeans(categories, target, seed);
                    }
                    yield fitCategory(spec, categories, target, oof);
                }
                case TEXT -> TextFeatures.fit(spec, column);
                default -> throw new IllegalArgumentException("no feature transform for " + spec.type() + " column "
                        + spec.column());
            };
            features.add(feature);
            outOfFold.add(oof);
        }
        FittedPipeline pipeline = new FittedPipeline(features);
        FeatureMatrix matrix = pipeline.transform(train);
        overwriteOutOfFold(pipeline, outOfFold, matrix);
        return new Fitted(pipeline, matrix);
    }

    private static void overwriteOutOfFold(FittedPipeline pipeline, List<double[][]> outOfFold, FeatureMatrix matrix) {
        int offset = 0;
        for (int f = 0; f < pipeline.features().size(); f++) {
            FittedFeature feature = pipeline.features().get(f);
            double[][] oof = outOfFold.get(f);
            if (oof != null) {
                EncodedCategoryFeature encoded = (EncodedCategoryFeature) feature;
                for (int row = 0; row < matrix.rows(); row++) {
                    encoded.writeRow(oof[row], matrix.values(), row * matrix.cols() + offset);
                }
            }
            offset += feature.width();
        }
    }

    private static FittedFeature fitNumeric(FeatureSpec spec, Column column) {
        double[] values = Inputs.expect(column, NumericColumn.class, "numeric").values();
        return new NumericFeature(spec.column(), fitStep(spec, values));
    }

    private static NumericStep fitStep(FeatureSpec spec, double[] values) {
        return NumericStep.fit(values, spec.impute(), spec.fillValue(), spec.missingIndicator(), spec.scale());
    }

    private static FittedFeature fitDate(FeatureSpec spec, DateColumn column) {
        long reference = Long.MAX_VALUE;
        boolean timeOfDay = false;
        for (long seconds : column.epochSeconds()) {
            if (seconds != DateColumn.MISSING) {
                reference = Math.min(reference, seconds);
                timeOfDay |= Math.floorMod(seconds, 86_400L) != 0;
            }
        }
        if (reference == Long.MAX_VALUE) {
            reference = 0;
        }
        List<DatePart> parts = new ArrayList<>(List.of(DatePart.YEAR, DatePart.MONTH, DatePart.DAY, DatePart.DAY_OF_WEEK));
        if (timeOfDay) {
            parts.add(DatePart.HOUR);
        }
        parts.add(DatePart.ELAPSED_DAYS);
        List<NumericStep> steps = new ArrayList<>();
        for (DatePart part : parts) {
            steps.add(fitStep(spec, DateFeature.partValues(column.epochSeconds(), part, reference)));
        }
        return new DateFeature(spec.column(), reference, parts, steps);
    }

    private static CategoryColumn asCategories(Column column) {
        if (column instanceof CategoryColumn categories) {
            return categories;
        }
        throw new AnnealException("column '" + column.name() + "': expected categorical values, got "
                + column.type().configName());
    }

    private static CategoryEncoding chooseEncoding(FeatureSpec spec, CategoryColumn column) {
        if (spec.encode() != null) {
            return spec.encode();
        }
        int distinct = 0;
        for (int count : column.levelCounts()) {
            distinct += count > 0 ? 1 : 0;
        }
        return distinct <= spec.maxCardinality() ? CategoryEncoding.ONEHOT : CategoryEncoding.TARGET;
    }

    /** Levels present in training, most frequent first (ties by label, for a stable order). */
    private static List<String> levelsByFrequency(CategoryColumn column) {
        int[] counts = column.levelCounts();
        List<Integer> codes = new ArrayList<>();
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] > 0) {
                codes.add(code);
            }
        }
        codes.sort(Comparator.<Integer>comparingInt(c -> -counts[c]).thenComparing(c -> column.levels().get(c)));
        return codes.stream().map(c -> column.levels().get(c)).toList();
    }

    private static FittedFeature fitCategory(FeatureSpec spec, CategoryColumn column, Target target, double[][] oof) {
        CategoryEncoding encoding = chooseEncoding(spec, column);
        List<String> levels = levelsByFrequency(column);
        if (encoding == CategoryEncoding.ONEHOT) {
            List<String> kept = new ArrayList<>(levels.subList(0, Math.min(levels.size(), spec.maxCardinality())));
            kept.sort(Comparator.naturalOrder());
            return new OneHotFeature(spec.column(), kept, kept.size() < levels.size(), column.missingCount() > 0);
        }
        int[] index = Inputs.levelIndex(column, levels);
        double[][] values;
        double[] unseen;
        List<String> suffixes;
        switch (encoding) {
            case INDEX -> {
                levels = levels.subList(0, Math.min(levels.size(), spec.maxCardinality()));
                index = Inputs.levelIndex(column, levels);
                values = new double[levels.size()][];
                for (int i = 0; i < values.length; i++) {
                    values[i] = new double[] {i};
                }
                unseen = new double[] {levels.size()};
                suffixes = List.of("index");
            }
            case ORDINAL -> {
                values = new double[levels.size()][];
                for (int i = 0; i < values.length; i++) {
                    values[i] = new double[] {i};
                }
                unseen = new double[] {Double.NaN};
                suffixes = List.of("ordinal");
            }
            case FREQUENCY -> {
                int[] counts = new int[levels.size()];
                for (int i : index) {
                    if (i >= 0) {
                        counts[i]++;
                    }
                }
                values = new double[levels.size()][];
                for (int i = 0; i < values.length; i++) {
                    values[i] = new double[] {counts[i] / (double) index.length};
                }
                unseen = new double[] {0};
                suffixes = List.of("frequency");
            }
            case TARGET -> {
                TargetStats stats = TargetStats.of(index, levels.size(), target, allRows(index.length));
                values = stats.encodeLevels(TARGET_SMOOTHING);
                unseen = stats.prior();
                suffixes = targetSuffixes(target);
            }
            default -> throw new AssertionError(encoding);
        }
        double[][] trainingRaw = oof != null ? oof : lookup(index, values, unseen);
        List<NumericStep> steps = new ArrayList<>();
        for (int j = 0; j < suffixes.size(); j++) {
            double[] column1 = new double[trainingRaw.length];
            for (int row = 0; row < column1.length; row++) {
                column1[row] = trainingRaw[row][j];
            }
            steps.add(encoding == CategoryEncoding.INDEX ? NumericStep.IDENTITY : fitStep(spec, column1));
        }
        return new EncodedCategoryFeature(spec.column(), encoding, levels, values, unseen, suffixes, steps);
    }

    private static double[][] lookup(int[] index, double[][] values, double[] unseen) {
        double[][] out = new double[index.length][];
        for (int row = 0; row < index.length; row++) {
            out[row] = index[row] >= 0 ? values[index[row]] : unseen;
        }
        return out;
    }

    private static List<String> targetSuffixes(Target target) {
        if (target.task() == dev.anneal.core.Task.MULTICLASS) {
            return target.classes().stream().map(c -> "target_" + c).toList();
        }
        return List.of("target");
    }

    private static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** Target encoding of each training row computed from the other folds only. */
    private static double[][] outOfFoldTargetMeans(CategoryColumn column, Target target, long seed) {
        List<String> levels = levelsByFrequency(column);
        int[] index = Inputs.levelIndex(column, levels);
        int n = index.length;
        int[] fold = new int[n];
        int[] order = allRows(n);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % TARGET_FOLDS;
        }
        double[][] out = new double[n][];
        for (int f = 0; f < TARGET_FOLDS; f++) {
            final int held = f;
            int[] fitRows = java.util.stream.IntStream.range(0, n).filter(r -> fold[r] != held).toArray();
            TargetStats stats = TargetStats.of(index, levels.size(), target, fitRows);
            double[][] encoded = stats.encodeLevels(TARGET_SMOOTHING);
            for (int row = 0; row < n; row++) {
                if (fold[row] == held) {
                    out[row] = index[row] >= 0 ? encoded[index[row]] : stats.prior();
                }
            }
        }
        return out;
    }
}
