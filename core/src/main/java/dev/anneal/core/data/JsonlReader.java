package dev.anneal.core.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.anneal.core.AnnealException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads JSON Lines (one JSON object per line, UTF-8, also known as NDJSON) into a columnar {@link Table}.
 *
 * <p>Keys become columns, in the order they are first seen across the file; a key a record lacks, a JSON
 * {@code null}, an empty string and an {@link ReadOptions#naValues() NA token} are missing. A column whose
 * values are all numbers is numeric; otherwise it holds labels, numbers among them keeping their JSON text
 * and booleans reading {@code "true"}/{@code "false"}. Columns declared numeric must hold numbers; columns
 * declared as labels keep numbers as their text; columns declared ignore are left out. Blank lines are
 * skipped. Nested objects and arrays are errors, as is malformed JSON; messages name the file and its
 * 1-based line.
 */
public final class JsonlReader {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonlReader() {
    }

    /** Reads {@code path}; see the class description for the format and the errors. */
    public static Table read(Path path, ReadOptions options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        if (Files.isDirectory(path)) {
            throw new AnnealException(path + ": is a directory, expected a JSON Lines file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return read(path.toString(), in, options);
        } catch (NoSuchFileException e) {
            throw new AnnealException(path + ": file not found", e);
        } catch (IOException e) {
            throw new AnnealException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads JSON Lines from {@code in}; {@code fileName} names it in errors. */
    static Table read(String fileName, InputStream in, ReadOptions options) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Map<String, Builder> columns = new LinkedHashMap<>();
        int rows = 0;
        long lineNumber = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            try (JsonParser parser = JSON.createParser(line)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new AnnealException(fileName + ": line " + lineNumber
                            + ": expected a JSON object, found " + describe(parser.currentToken()));
                }
                JsonToken token;
                while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    token = parser.nextToken();
                    ColumnType declared = options.declaredType(key);
                    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                        throw new AnnealException(fileName + ": line " + lineNumber + ", key " + key
                                + ": nested " + (token == JsonToken.START_OBJECT ? "object" : "array")
                                + ", expected a number, string, boolean or null");
                    }
                    if (declared == ColumnType.IGNORE) {
                        continue;
                    }
                    Builder column = columns.computeIfAbsent(key, k -> new Builder(k, declared));
                    column.set(rows, token, parser, options, fileName, lineNumber);
                }
                if (token != JsonToken.END_OBJECT) {
                    throw new AnnealException(fileName + ": line " + lineNumber + ": expected one JSON object");
                }
                if (parser.nextToken() != null) {
                    throw new AnnealException(fileName + ": line " + lineNumber
                            + ": text after the end of the JSON object; expected one object per line");
                }
            } catch (JsonProcessingException e) {
                throw new AnnealException(fileName + ": line " + lineNumber + ": malformed JSON: "
                        + e.getOriginalMessage(), e);
            }
            rows++;
        }
        if (rows == 0) {
            throw new AnnealException(fileName + ": no JSON objects, expected one per line");
        }
        List<Column> out = new ArrayList<>(columns.size());
        for (Builder column : columns.values()) {
            out.add(column.build(rows));
        }
        return new Table(out);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString();
        };
    }

    /** One column: numbers and their text, until a label shows the column is not numeric. */
    private static final class Builder {

        private final String name;
        private final ColumnType declared;
        private double[] numbers = new double[16];
        private String[] texts = new String[16];
        private boolean labels;

        Builder(String name, ColumnType declared) {
            this.name = name;
            this.declared = declared;
            Arrays.fill(numbers, Double.NaN);
        }

        void set(int row, JsonToken token, JsonParser parser, ReadOptions options, String fileName, long line)
                throws IOException {
            if (row >= numbers.length) {
                int size = Math.max(row + 1, numbers.length * 2);
                int old = numbers.length;
                numbers = Arrays.copyOf(numbers, size);
                Arrays.fill(numbers, old, size, Double.NaN);
                texts = Arrays.copyOf(texts, size);
            }
            String text;
            switch (token) {
                case VALUE_NULL -> {
                    return;
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    text = parser.getText();
                    if (!options.naValues().contains(text)) {
                        numbers[row] = parser.getDoubleValue();
                        texts[row] = text;
                    }
                    return;
                }
                case VALUE_TRUE -> text = "true";
                case VALUE_FALSE -> text = "false";
                case VALUE_STRING -> text = parser.getText();
                default -> throw new AnnealException(fileName + ": line " + line + ", key " + name
                        + ": unexpected " + token);
            }
            if (text.isEmpty() || options.naValues().contains(text)) {
                return;
            }
            if (declared == ColumnType.NUMERIC) {
                throw new AnnealException(fileName + ": line " + line + ", key " + name
                        + ": expected a number (the column is declared numeric), got "
                        + (token == JsonToken.VALUE_STRING ? "\"" + text + "\"" : text));
            }
            texts[row] = text;
            labels = true;
        }

        Column build(int rows) {
            boolean declaredLabels = declared != null && declared != ColumnType.NUMERIC;
            if (!labels && !declaredLabels) {
                int old = numbers.length;
                double[] values = old == rows ? numbers : Arrays.copyOf(numbers, rows);
                if (old < rows) {
                    Arrays.fill(values, old, rows, Double.NaN);
                }
                return new NumericColumn(name, values);
            }
            LevelDictionary dictionary = new LevelDictionary();
            int[] codes = new int[rows];
            for (int row = 0; row < rows; row++) {
                String text = row < texts.length ? texts[row] : null;
                codes[row] = text == null ? CategoryColumn.MISSING : dictionary.code(text);
            }
            return new CategoryColumn(name, codes, dictionary.levels());
        }
    }
}
