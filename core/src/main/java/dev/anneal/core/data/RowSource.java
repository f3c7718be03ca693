package dev.anneal.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.anneal.core.AnnealException;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * The rows of a CSV (with a header) or JSONL file, one at a time, in bounded memory, each with where it
 * is in the file, and how many bytes have been read so far (for a progress bar). Unlike
 * {@link TableReader}, which holds a whole file as columns, it serves commands that stream files of any
 * size: scoring, embedding, checking.
 */
public abstract class RowSource implements AutoCloseable {

    /**
     * One row: its raw text per column ({@code null} when absent or empty), and where it is.
     *
     * @param line the 1-based line of the file the row starts on (the header of a CSV is line 1)
     * @param where the file's name and the line, to start a message about the row with
     * @param problem why the row cannot be read (a CSV row with the wrong number of fields, a JSONL line
     *     that is not an object...), beginning with {@code where}; {@code null} for a good row, whose
     *     {@code valueOf} is then set
     */
    public record Row(Function<String, String> valueOf, long line, String where, String problem) {
    }

    private static final int GZIP_BUFFER = 1 << 16;

    private final CountingStream counter;
    private final long size;
    final Path file;

    private RowSource(Path file, CountingStream counter) {
        this.file = file;
        this.counter = counter;
        this.size = counter.size;
    }

    /** The file the rows come from. */
    public Path file() {
        return file;
    }

    /** The bytes of the file read so far. */
    public long bytesRead() {
        return counter.count;
    }

    /** The size of the file in bytes: what {@link #bytesRead()} comes to at its end. */
    public long size() {
        return size;
    }

    /** The next row, or {@code null} at the end of the file. */
    public abstract Row next();

    /** The columns the file has in file order: a CSV's header, or every key of the JSONL objects read so far. */
    public abstract Set<String> columns();

    /** Told how far a pass over the rows has come: every few thousand rows, and once at the end. */
    @FunctionalInterface
    public interface Progress {
        void at(long bytesRead, long rows);
    }

    /** Good rows between two progress reports of {@link #forEach}. */
    private static final int REPORT_EVERY = 8192;

    /**
     * Hands every good row left to {@code rows}, in file order, and the problem of each bad one to
     * {@code badRow}, which throws to stop the pass or returns to pass the row over.
     *
     * @return the good rows handed over
     */
    public long forEach(Consumer<Row> rows, Consumer<String> badRow, Progress progress) {
        long good = 0;
        for (Row row = next(); row != null; row = next()) {
            if (row.problem() != null) {
                badRow.accept(row.problem());
                continue;
            }
            rows.accept(row);
            if (++good % REPORT_EVERY == 0) {
                progress.at(bytesRead(), good);
            }
        }
        progress.at(bytesRead(), good);
        return good;
    }

    /**
     * Opens {@code file} as CSV, or as JSONL when its name ends in {@code .jsonl} or {@code .ndjson}; either
     * may be gzipped ({@code .csv.gz}, {@code .jsonl.gz}), as {@link TableReader} reads them. Every
     * {@code required} column must be there: in a CSV header (else the file is refused), in each JSONL
     * object (else that row is bad; {@code null} is a missing value). A JSONL object with a key that is
     * neither required nor {@code optional} is bad too, unless {@code optional} is {@code null} (any other
     * key is allowed); a CSV may carry other columns.
     */
    public static RowSource open(Path file, List<String> required, Set<String> optional) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(".gz");
        String base = gzip ? name.substring(0, name.length() - ".gz".length()) : name;
        CountingStream counter = null;
        try {
            long size = Files.size(file);
            counter = new CountingStream(Files.newInputStream(file), size);
            InputStream in = gzip ? new GZIPInputStream(counter, GZIP_BUFFER) : counter;
            return base.endsWith(".jsonl") || base.endsWith(".ndjson") ? new Jsonl(file, counter, in, required, optional)
                    : new Csv(file, counter, in, required);
        } catch (NoSuchFileException e) {
            throw new AnnealException(file + ": file not found");
        } catch (IOException e) {
            closeQuietly(counter, e);
            throw new AnnealException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(counter, e);
            throw e;
        }
    }

    private static void closeQuietly(InputStream stream, Exception cause) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        try {
            counter.close();
        } catch (IOException e) {
            throw new AnnealException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    private static final class Csv extends RowSource {
        private final CsvReader<CsvRecord> reader;
        private final Iterator<CsvRecord> records;
        private final Map<String, Integer> columns = new LinkedHashMap<>();
        private final int width;

        Csv(Path file, CountingStream counter, InputStream in, List<String> required) {
            super(file, counter);
            reader = CsvReader.builder().ofCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8));
            records = reader.iterator();
            if (!records.hasNext()) {
                throw new AnnealException(file + ": the file is empty; expected a header row");
            }
            CsvRecord header = records.next();
            for (int i = 0; i < header.getFieldCount(); i++) {
                // names exactly as CsvReader reads them for training (only a byte-order mark removed)
                String name = i == 0 ? header.getField(i).replace("\uFEFF", "") : header.getField(i);
                if (name.isBlank()) {
                    throw new AnnealException(file + ": line 1: column " + (i + 1) + " of the header has an empty name");
                }
                if (columns.put(name, i) != null) {
                    throw new AnnealException(file + ": line 1: duplicate column name in the header: " + name);
                }
            }
            width = header.getFieldCount();
            for (String column : required) {
                if (!columns.containsKey(column)) {
                    throw new AnnealException(file + ": no column '" + column + "', which the model reads (the header has "
                            + columns.keySet().stream().sorted().toList() + ")");
                }
            }
        }

        @Override
        public Set<String> columns() {
            return Collections.unmodifiableSet(columns.keySet());
        }

        @Override
        public Row next() {
            try {
                if (!records.hasNext()) {
                    return null;
                }
                CsvRecord record = records.next();
                long line = record.getStartingLineNumber();
                String where = file.getFileName() + " line " + line;
                if (record.getFieldCount() != width) {
                    return new Row(null, line, where, where + ": expected " + width
                            + " fields as in the header, found " + record.getFieldCount());
                }
                return new Row(column -> {
                    Integer index = columns.get(column);
                    String value = index == null ? null : record.getField(index);
                    return value == null || value.isEmpty() ? null : value;
                }, line, where, null);
            } catch (CsvParseException e) {
                throw new AnnealException(file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new AnnealException("cannot close " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static final class Jsonl extends RowSource {
        private static final ObjectMapper MAPPER = new ObjectMapper();
        private final BufferedReader lines;
        private final List<String> required;
        private final Set<String> known;
        private final Set<String> seen = new LinkedHashSet<>();
        private long line;

        Jsonl(Path file, CountingStream counter, InputStream in, List<String> required, Set<String> optional) {
            super(file, counter);
            lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            this.required = required;
            known = optional == null ? null : new HashSet<>(optional);
            if (known != null) {
                known.addAll(required);
            }
        }

        /** Why {@code node} cannot be a row (a required key absent, or an unknown key), or {@code null}. */
        private String problem(JsonNode node, String where) {
            for (String column : required) {
                if (!node.has(column)) {
                    return where + ": no '" + column + "', which the model reads (give null for a missing value)";
                }
            }
            for (Iterator<String> names = node.fieldNames(); known != null && names.hasNext();) {
                String name = names.next();
                if (!known.contains(name)) {
                    return where + ": unknown column '" + name + "'; the model reads " + required;
                }
            }
            return null;
        }

        @Override
        public Set<String> columns() {
            return Collections.unmodifiableSet(seen);
        }

        @Override
        public Row next() {
            try {
                String text;
                do {
                    text = lines.readLine();
                    line++;
                } while (text != null && text.isBlank());
                if (text == null) {
                    return null;
                }
                String where = file.getFileName() + " line " + line;
                JsonNode node;
                try {
                    node = MAPPER.readTree(text);
                } catch (IOException e) {
                    return new Row(null, line, where, where + ": not a JSON object");
                }
                if (!node.isObject()) {
                    return new Row(null, line, where, where + ": expected a JSON object, got " + node.getNodeType());
                }
                node.fieldNames().forEachRemaining(seen::add);
                String problem = problem(node, where);
                if (problem != null) {
                    return new Row(null, line, where, problem);
                }
                return new Row(column -> {
                    JsonNode value = node.get(column);
                    return value == null || value.isNull() ? null : value.asText();
                }, line, where, null);
            } catch (IOException e) {
                throw new AnnealException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                lines.close();
            } catch (IOException e) {
                throw new AnnealException("cannot close " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Counts the bytes read through it, of the {@code size} there are. */
    private static final class CountingStream extends FilterInputStream {
        final long size;
        long count;

        CountingStream(InputStream in, long size) {
            super(in);
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }
    }
}
