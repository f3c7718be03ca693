package dev.anneal.serve.runtime;

import dev.anneal.core.AnnealException;
import dev.anneal.core.bundle.BundleManifest.InputColumn;
import dev.anneal.core.bundle.GraphInputs;
import dev.anneal.core.data.DateColumn;
import dev.anneal.core.data.TypeInference;
import dev.anneal.core.text.Tokenizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Raw rows gathered into one batch of graph inputs ({@code double[][]} per numeric column and per date
 * column (epoch seconds), NaN for missing; {@code String[][]} per category column, "" for missing; token
 * ids and mask per text column, from the bundle's tokenizer, as {@link GraphInputs} lays them out),
 * checked one row at a time against the bundle's input schema: a row whose number does not parse is
 * refused whole, with where and why, and leaves the batch unchanged.
 */
public final class RowBatch {

    private final List<InputColumn> inputs;
    private final Map<String, Tokenizer> tokenizers;
    private final int capacity;
    /** Per input: the numbers (numeric values or date seconds), or the strings, one per row. */
    private final double[][] numbers;
    private final String[][] strings;
    private int size;

    /**
     * @param tokenizers the tokenizer of each text input, by column ({@code ModelBundle.tokenizers()})
     * @throws IllegalArgumentException when a text input has no tokenizer
     */
    public RowBatch(List<InputColumn> inputs, Map<String, Tokenizer> tokenizers, int capacity) {
        this.inputs = List.copyOf(inputs);
        this.tokenizers = Map.copyOf(tokenizers);
        this.capacity = capacity;
        for (InputColumn input : inputs) {
            if (isText(input) && !tokenizers.containsKey(input.column())) {
                throw new IllegalArgumentException("no tokenizer for text input '" + input.column() + "'");
            }
        }
        this.numbers = new double[inputs.size()][];
        this.strings = new String[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).type().equals("category") || isText(inputs.get(i))) {
                strings[i] = new String[capacity];
            } else {
                numbers[i] = new double[capacity];
            }
        }
    }

    private static boolean isText(InputColumn input) {
        return input.type().equals("text");
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == capacity;
    }

    /**
     * Adds one row whose raw value per column {@code valueOf} gives: its text, or for a numeric column
     * already a {@link Number}; {@code null} or "" for missing.
     *
     * @param where where the row comes from, for the error ({@code "rows.csv line 12"})
     * @throws BadRowException when a numeric column holds text that is not a number
     */
    public void add(Function<String, ?> valueOf, String where) {
        addByPosition(input -> valueOf.apply(inputs.get(input).column()), where);
    }

    /**
     * {@link #add}, with the raw values given by the input's position in the manifest's inputs: what a
     * caller that holds its values by column index uses, without a lookup by name per value.
     */
    public void addByPosition(IntFunction<?> valueOf, String where) {
        // Values go straight into the next row's slots; only a row that is whole is counted in.
        for (int i = 0; i < inputs.size(); i++) {
            InputColumn input = inputs.get(i);
            Object value = valueOf.apply(i);
            switch (input.type()) {
                case "numeric" -> numbers[i][size] = value instanceof Number number ? number.doubleValue()
                        : number((String) value, input.column(), where);
                case "date" -> numbers[i][size] = date((String) value, input.column(), where);
                default -> strings[i][size] = value == null ? "" : value.toString();
            }
        }
        size++;
    }

    private static double date(String text, String column, String where) {
        if (text == null || text.isEmpty()) {
            return Double.NaN;
        }
        long seconds = TypeInference.parseDate(text.strip());
        if (seconds == DateColumn.MISSING) {
            throw new BadRowException(where + ", column '" + column + "': expected an ISO-8601 date or date-time, got '"
                    + text + "'");
        }
        return seconds;
    }

    private static double number(String text, String column, String where) {
        if (text == null || text.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new BadRowException(where + ", column '" + column + "': expected a number, got '" + text + "'");
        }
    }

    /** The batch as graph inputs (arrays of exactly {@link #size()} rows), then empties it. */
    public Map<String, Object> drain() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            String column = inputs.get(i).column();
            if (isText(inputs.get(i))) {
                GraphInputs.putTokens(out, column, tokenizers.get(column), Arrays.copyOf(strings[i], size));
            } else if (numbers[i] != null) {
                double[][] values = new double[size][];
                for (int row = 0; row < size; row++) {
                    values[row] = new double[] {numbers[i][row]};
                }
                out.put(column, values);
            } else {
                String[][] values = new String[size][];
                for (int row = 0; row < size; row++) {
                    values[row] = new String[] {strings[i][row]};
                }
                out.put(column, values);
            }
        }
        size = 0;
        return out;
    }

    /** A row that cannot be scored, with a message that names where it is and what was expected. */
    public static final class BadRowException extends AnnealException {
        public BadRowException(String message) {
            super(message);
        }
    }
}
