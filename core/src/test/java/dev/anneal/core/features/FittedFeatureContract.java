package dev.anneal.core.features;

import static dev.anneal.core.features.Fixtures.anyTarget;
import static dev.anneal.core.features.Fixtures.category;
import static dev.anneal.core.features.Fixtures.numeric;
import static dev.anneal.core.features.Fixtures.range;
import static dev.anneal.core.features.Fixtures.row;
import static dev.anneal.core.features.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anneal.core.data.CategoryColumn;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.DateColumn;
import dev.anneal.core.data.NumericColumn;
import dev.anneal.core.data.Table;
import dev.anneal.core.data.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The checks every fitted feature kind must pass (STYLE.md §7). A subclass names one spec and one
 * input column whose first {@link #trainRows()} rows are the training rows and whose remaining rows are
 * "validation": they should hold what training never saw (unseen levels, missing values, numbers or
 * dates outside the training range).
 */
abstract class FittedFeatureContract {

    /** The spec under test; its column is {@link #data()}'s name. */
    protected abstract FeatureSpec spec();

    /** The input column, training rows first. */
    protected abstract Column data();

    protected abstract int trainRows();

    /** Exactly the output names the fitted feature must have, in order. */
    protected abstract List<String> expectedNames();

    /** The target over every row of {@link #data()}; only target encoding reads it. */
    protected Target target() {
        return anyTarget(data().size());
    }

    /**
     * Whether a validation output may be NaN when the spec does not impute: by default only where the
     * input is missing.
     */
    protected boolean mayBeNaN(Column input, int row, Set<String> trainingLabels) {
        return input.isMissing(row);
    }

    /** Whether the training matrix holds out-of-fold values (target encoding) rather than {@code transform(train)}. */
    protected boolean outOfFold() {
        return false;
    }

    // ---------------------------------------------------------------------------------------------

    private Table all() {
        Column data = data();
        double[] noise = new double[data.size()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = i * 0.5;
        }
        return table(numeric("noise", noise), data);
    }

    private int[] trainIndex() {
        return range(0, trainRows());
    }

    private int[] validationIndex() {
        return range(trainRows(), data().size());
    }

    private Table train() {
        return all().select(trainIndex());
    }

    private Table validation() {
        return all().select(validationIndex());
    }

    private FeaturePipeline.Fitted fitOn(Table table) {
        return Fixtures.fit(spec(), table, target().select(trainIndex()));
    }

    private FittedPipeline fitted() {
        return fitOn(train()).pipeline();
    }

    private static void assertSameMatrix(FeatureMatrix expected, FeatureMatrix actual, String what) {
        assertEquals(expected.names(), actual.names(), what + ": names");
        assertEquals(expected.rows(), actual.rows(), what + ": rows");
        // Arrays.equals on floats compares bits, so NaN == NaN here.
        assertArrayEquals(expected.values(), actual.values(), what + ": values");
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void fixtureHasTrainingAndValidationRowsWithMissingValues() {
        assertTrue(trainRows() >= 5 && trainRows() < data().size(), "fixture: need training and validation rows");
        assertTrue(data().select(validationIndex()).missingCount() > 0, "fixture: validation needs a missing value");
        assertEquals(spec().column(), data().name());
    }

    @Test
    void jsonRoundTripTransformsIdentically() {
        FittedPipeline pipeline = fitted();
        String json = pipeline.toJson();
        FittedPipeline restored = FittedPipeline.fromJson(json);
        assertEquals(json, restored.toJson(), "JSON of the restored pipeline");
        assertEquals(pipeline.outputNames(), restored.outputNames());
        for (Table table : List.of(train(), validation(), all())) {
            assertSameMatrix(pipeline.transform(table), restored.transform(table), "restored vs original");
        }
    }

    @Test
    void subsetOfRowsTransformsLikeTheFullTable() {
        FittedPipeline pipeline = fitted();
        Table all = all();
        FeatureMatrix full = pipeline.transform(all);
        int n = all.rowCount();
        int[] rows = {n - 1, 0, trainRows(), 2, n - 2, 2};
        FeatureMatrix subset = pipeline.transform(all.select(rows));
        assertEquals(rows.length, subset.rows());
        for (int i = 0; i < rows.length; i++) {
            assertArrayEquals(row(full, rows[i]), row(subset, i), "subset row " + i + " = full row " + rows[i]);
        }
    }

    @Test
    void outputNamesAreColumnPartAndMatchTheWidth() {
        FittedPipeline pipeline = fitted();
        assertEquals(1, pipeline.features().size());
        FittedFeature feature = pipeline.features().get(0);
        String column = spec().column();
        assertEquals(column, feature.column());
        assertEquals(feature.outputNames().size(), feature.width());
        assertEquals(feature.width(), new HashSet<>(feature.outputNames()).size(),
                "names are unique: " + feature.outputNames());
        assertEquals(expectedNames(), feature.outputNames());
        for (String name : feature.outputNames()) {
            boolean plain = name.equals(column);
            assertTrue(plain || name.startsWith(column + "__") && name.length() > column.length() + 2,
                    name + " is neither " + column + " nor " + column + "__<part>");
            assertTrue(!plain || feature instanceof NumericFeature, "only a plain numeric output is named " + column);
        }
        FeatureMatrix matrix = pipeline.transform(validation());
        assertEquals(feature.width(), matrix.cols());
        assertEquals(feature.outputNames(), matrix.names());
    }

    @Test
    void unseenMissingAndOutOfRangeValuesNeverThrowAndAreFiniteWhenImputed() {
        FittedPipeline pipeline = fitted();
        Column input = data().select(validationIndex());
        Set<String> trainingLabels = new HashSet<>();
        Column trainInput = data().select(trainIndex());
        for (int r = 0; r < trainInput.size(); r++) {
            trainingLabels.add(trainInput.format(r));
        }
        FeatureMatrix matrix = pipeline.transform(validation());
        boolean imputes = spec().impute() != Imputation.NONE;
        for (int r = 0; r < matrix.rows(); r++) {
            for (int c = 0; c < matrix.cols(); c++) {
                float v = matrix.get(r, c);
                String where = "validation row " + r + " (" + input.format(r) + "), output " + matrix.names().get(c);
                if (Float.isNaN(v)) {
                    assertFalse(imputes, where + " is NaN although the spec imputes " + spec().impute());
                    assertTrue(mayBeNaN(input, r, trainingLabels), where + " is NaN although its input is known");
                } else {
                    assertTrue(Float.isFinite(v), where + " is " + v);
                }
            }
        }
    }

    @Test
    void anEmptyTableGivesAnEmptyMatrix() {
        FeatureMatrix matrix = fitted().transform(all().select(new int[0]));
        assertEquals(0, matrix.rows());
        assertEquals(expectedNames(), matrix.names());
    }

    @Test
    void fittingTwiceGivesTheSameResult() {
        FeaturePipeline.Fitted first = fitOn(train());
        FeaturePipeline.Fitted second = fitOn(train());
        assertEquals(first.pipeline().toJson(), second.pipeline().toJson());
        assertSameMatrix(first.training(), second.training(), "training matrices");
    }

    @Test
    void theTrainingMatrixIsTheTransformOfTheTrainingRows() {
        FeaturePipeline.Fitted fitted = fitOn(train());
        FeatureMatrix transformed = fitted.pipeline().transform(train());
        assertEquals(transformed.names(), fitted.training().names());
        assertEquals(trainRows(), fitted.training().rows());
        if (!outOfFold()) {
            assertSameMatrix(transformed, fitted.training(), "training matrix vs transform(train)");
        }
    }

    @Test
    void fittingReadsOnlyTheTrainingRows() {
        String reference = fitted().toJson();
        // Whatever the other rows hold, and whatever levels the column's dictionary knows from them,
        // the fit must not change.
        Table perturbed = table(all().column("noise"), perturbValidationRows(data()));
        assertEquals(reference, fitOn(perturbed.select(trainIndex())).pipeline().toJson(),
                "fit changed with the values of non-training rows");
        Table compact = table(train().column("noise"), recode(data().select(trainIndex())));
        assertEquals(reference, fitOn(compact).pipeline().toJson(),
                "fit changed with levels the dictionary holds only for non-training rows");
        FeatureMatrix matrix = fitted().transform(perturbed.select(validationIndex()));
        assertEquals(expectedNames(), matrix.names());
    }

    /** A copy of {@code column} whose non-training rows hold values (and levels) never seen before. */
    private Column perturbValidationRows(Column column) {
        int n = column.size();
        if (column instanceof NumericColumn numbers) {
            double[] values = numbers.values().clone();
            for (int r = trainRows(); r < n; r++) {
                values[r] = Double.isNaN(values[r]) ? 7 : values[r] * 1000 + 12345;
            }
            return new NumericColumn(column.name(), values);
        }
        if (column instanceof DateColumn dates) {
            long[] seconds = dates.epochSeconds().clone();
            for (int r = trainRows(); r < n; r++) {
                seconds[r] = seconds[r] == DateColumn.MISSING ? 0 : seconds[r] + 400L * 86_400 + 3_600;
            }
            return new DateColumn(column.name(), seconds);
        }
        String[] labels = new String[n];
        for (int r = 0; r < n; r++) {
            labels[r] = r < trainRows() ? column.format(r) : "val_" + r;
        }
        return category(column.name(), labels);
    }

    /** The same rows, with a category dictionary holding only the levels these rows use. */
    private static Column recode(Column column) {
        if (!(column instanceof CategoryColumn)) {
            return column;
        }
        String[] labels = new String[column.size()];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = column.format(r);
        }
        return category(column.name(), labels);
    }

    @Test
    void transformDoesNotMutateItsInput() {
        Table validation = validation();
        String before = describe(validation);
        fitted().transform(validation);
        assertEquals(before, describe(validation));
    }

    private static String describe(Table table) {
        StringBuilder out = new StringBuilder();
        for (Column column : table.columns()) {
            for (int r = 0; r < column.size(); r++) {
                out.append(column.format(r)).append(',');
            }
            out.append('\n');
        }
        if (out.isEmpty()) {
            fail("empty table");
        }
        return out.toString();
    }
}
