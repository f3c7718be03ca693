package dev.anneal.core.bundle;

import dev.anneal.core.AnnealException;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.DateColumn;
import dev.anneal.core.data.NumericColumn;
import dev.anneal.core.data.Table;
import dev.anneal.core.features.DateFeature;
import dev.anneal.core.features.FittedFeature;
import dev.anneal.core.features.FittedPipeline;
import dev.anneal.core.features.NumericFeature;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw columns in the form an exported graph takes them: one {@code [rows, 1]} array per input column,
 * {@code double[][]} for a numeric column and epoch seconds (UTC) for a date column (NaN = missing), and {@code String[][]} for a categorical one (the empty string = missing,
 * never {@code null}: ONNX Runtime crashes the JVM on a null string).
 * Plain Java arrays, so that any ONNX Runtime binding can wrap them.
 */
public final class GraphInputs {

    private GraphInputs() {
    }

    /** The type of the graph's input for {@code feature}'s column: {@code numeric}, {@code date} or {@code category}. */
    public static String inputType(FittedFeature feature) {
        return feature instanceof NumericFeature ? "numeric" : feature instanceof DateFeature ? "date" : "category";
    }

    /**
     * The inputs of {@code pipeline}'s graph for every row of {@code table}.
     *
     * @throws AnnealException when a column is missing, or a numeric input column holds text
     */
    public static Map<String, Object> of(Table table, FittedPipeline pipeline) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (FittedFeature feature : pipeline.features()) {
            Column column = table.find(feature.column()).orElseThrow(() -> new AnnealException(
                    "the data has no column '" + feature.column() + "', which the model reads"));
            int rows = column.size();
            if (feature instanceof DateFeature) {
                if (!(column instanceof DateColumn dates)) {
                    throw new AnnealException("column '" + feature.column() + "': expected dates, found "
                            + column.type().configName() + " values");
                }
                double[][] values = new double[rows][1];
                for (int row = 0; row < rows; row++) {
                    long seconds = dates.epochSeconds()[row];
                    values[row][0] = seconds == DateColumn.MISSING ? Double.NaN : seconds;
                }
                inputs.put(feature.column(), values);
            } else if (feature instanceof NumericFeature) {
                if (!(column instanceof NumericColumn numeric)) {
                    throw new AnnealException("column '" + feature.column() + "': expected numbers, found "
                            + column.type().configName() + " values");
                }
                double[][] values = new double[rows][1];
                for (int row = 0; row < rows; row++) {
                    values[row][0] = numeric.values()[row];
                }
                inputs.put(feature.column(), values);
            } else {
                String[][] values = new String[rows][1];
                for (int row = 0; row < rows; row++) {
                    String text = column.format(row);
                    values[row][0] = text == null ? "" : text;
                }
                inputs.put(feature.column(), values);
            }
        }
        return inputs;
    }
}
