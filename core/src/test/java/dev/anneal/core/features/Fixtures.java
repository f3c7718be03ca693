package dev.anneal.core.features;

import dev.anneal.core.Task;
import dev.anneal.core.data.CategoryColumn;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.DateColumn;
import dev.anneal.core.data.NumericColumn;
import dev.anneal.core.data.Table;
import dev.anneal.core.data.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tiny tables, targets and specs built in code for the feature tests. */
final class Fixtures {

    private Fixtures() {
    }

    static final double NA = Double.NaN;

    static NumericColumn numeric(String name, double... values) {
        return new NumericColumn(name, values);
    }

    /** A dictionary-coded column, levels in first-seen order as the readers make them; {@code null} is missing. */
    static CategoryColumn category(String name, String... labels) {
        Map<String, Integer> codes = new LinkedHashMap<>();
        int[] out = new int[labels.length];
        for (int row = 0; row < labels.length; row++) {
            out[row] = labels[row] == null ? CategoryColumn.MISSING
                    : codes.computeIfAbsent(labels[row], k -> codes.size());
        }
        return new CategoryColumn(name, out, new ArrayList<>(codes.keySet()));
    }

    /** Dates as {@code 2024-02-29} (midnight UTC) or {@code 2024-02-29T13:45:00Z}; {@code null} is missing. */
    static DateColumn dates(String name, String... isoTexts) {
        long[] seconds = new long[isoTexts.length];
        for (int row = 0; row < seconds.length; row++) {
            seconds[row] = epochSeconds(isoTexts[row]);
        }
        return new DateColumn(name, seconds);
    }

    static long epochSeconds(String iso) {
        if (iso == null) {
            return DateColumn.MISSING;
        }
        return iso.contains("T") ? Instant.parse(iso).getEpochSecond()
                : LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    static Table table(Column... columns) {
        return new Table(List.of(columns));
    }

    static Target binary(String positive, String... labels) {
        return Target.of(category("y", labels), Task.BINARY, positive, "test");
    }

    static Target multiclass(String... labels) {
        return Target.of(category("y", labels), Task.MULTICLASS, null, "test");
    }

    static Target regression(double... values) {
        return Target.of(numeric("y", values), Task.REGRESSION, null, "test");
    }

    /** A binary target of {@code n} rows that no feature test depends on. */
    static Target anyTarget(int n) {
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3 == 0 ? "yes" : "no";
        }
        return binary("yes", labels);
    }

    static FeatureSpec spec(String column, ColumnType type, Imputation impute, Scaling scale, boolean indicator) {
        return new FeatureSpec(column, type, impute, 0.0, indicator, scale, null, FeatureSpec.DEFAULT_MAX_CARDINALITY);
    }

    /** A categorical spec without imputation or scaling, so that outputs are the raw encoded values. */
    static FeatureSpec categorySpec(String column, CategoryEncoding encode, int maxCardinality) {
        return new FeatureSpec(column, ColumnType.CATEGORY, Imputation.NONE, 0.0, false, Scaling.NONE, encode,
                maxCardinality);
    }

    static FeaturePipeline.Fitted fit(FeatureSpec spec, Table train, Target target) {
        return new FeaturePipeline(List.of(spec)).fit(train, target, 42);
    }

    static FittedPipeline fitPipeline(FeatureSpec spec, Table train, Target target) {
        return fit(spec, train, target).pipeline();
    }

    /** The values of the output called {@code name}, one per row. */
    static float[] output(FeatureMatrix matrix, String name) {
        int col = matrix.names().indexOf(name);
        if (col < 0) {
            throw new AssertionError("no output " + name + " in " + matrix.names());
        }
        float[] out = new float[matrix.rows()];
        for (int row = 0; row < out.length; row++) {
            out[row] = matrix.get(row, col);
        }
        return out;
    }

    /** Row {@code row} of the matrix. */
    static float[] row(FeatureMatrix matrix, int row) {
        return Arrays.copyOfRange(matrix.values(), row * matrix.cols(), (row + 1) * matrix.cols());
    }

    static float[] floats(double... values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    static int[] range(int from, int to) {
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        return rows;
    }
}
