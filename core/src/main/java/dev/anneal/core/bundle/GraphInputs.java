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
import dev.anneal.core.features.TextTokensFeature;
import dev.anneal.core.features.TfIdfFeature;
import dev.anneal.core.text.Tokenizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw columns in the form an exported graph takes them: one {@code [rows, 1]} array per input column,
 * {@code double[][]} for a numeric column and epoch seconds (UTC) for a date column (NaN = missing), and
 * {@code String[][]} for a categorical one (the empty string = missing, never {@code null}: ONNX Runtime
 * crashes the JVM on a null string). A text column is two {@code long[][]} arrays of {@code [rows,
 * length]}: its token ids under the column's name and the mask (1 at a token, 0 at padding) under
 * {@link #maskName}, from the column's tokenizer, padded to the longest row of the batch. Plain Java
 * arrays, so that any ONNX Runtime binding can wrap them.
 */
public final class GraphInputs {

    private GraphInputs() {
    }

    /**
     * The type of the graph's input for {@code feature}'s column: {@code numeric}, {@code date},
     * {@code text} or {@code category}.
     */
    public static String inputType(FittedFeature feature) {
        return feature instanceof NumericFeature ? "numeric" : feature instanceof DateFeature ? "date"
                : tokenizer(feature) != null ? "text" : "category";
    }

    /** The name of the graph input that holds the padding mask of text column {@code column}'s token ids. */
    public static String maskName(String column) {
        return column + "__mask";
    }

    /** The tokenizer a text feature reads its column with, or {@code null} for any other feature. */
    public static Tokenizer tokenizer(FittedFeature feature) {
        return feature instanceof TextTokensFeature tokens ? tokens.tokenizer()
                : feature instanceof TfIdfFeature tfIdf ? tfIdf.tokenizer() : null;
    }

    /**
     * Puts the token ids of {@code texts} ({@code null} = the empty text) under {@code column} and their mask
     * under {@link #maskName}, padded with 0 to the longest row (at least one column).
     */
    public static void putTokens(Map<String, Object> inputs, String column, Tokenizer tokenizer, String[] texts) {
        int[][] encoded = new int[texts.length][];
        int longest = 1;
        for (int row = 0; row < texts.length; row++) {
            encoded[row] = tokenizer.encode(texts[row]);
            longest = Math.max(longest, encoded[row].length);
        }
        long[][] ids = new long[texts.length][longest];
        long[][] mask = new long[texts.length][longest];
        for (int row = 0; row < texts.length; row++) {
            for (int i = 0; i < encoded[row].length; i++) {
                ids[row][i] = encoded[row][i];
                mask[row][i] = 1;
            }
        }
        inputs.put(column, ids);
        inputs.put(maskName(column), mask);
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
            Tokenizer tokenizer = tokenizer(feature);
            if (tokenizer != null) {
                String[] texts = new String[rows];
                for (int row = 0; row < rows; row++) {
                    texts[row] = column.format(row);
                }
                putTokens(inputs, feature.column(), tokenizer, texts);
            } else if (feature instanceof DateFeature) {
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
