package dev.anneal.core.data;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.RecordWrapper;
import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a CSV file into a columnar {@link Table}.
 *
 * <p>The file is UTF-8, with or without a byte-order mark, quoted as in RFC 4180 (quoted fields may hold
 * commas, doubled quotes and newlines), and its first record is the header. Every record must have as many
 * fields as the header. Fields go straight from FastCSV's character buffer into per-column arrays: a column
 * is numeric while all its fields are numbers (or missing) and becomes dictionary-coded labels otherwise
 * (see {@link ReadOptions} for missing values and declared types). A column that turns out to hold labels
 * after numbers were already taken is read again, alone, in a second pass, so every label keeps its exact
 * original text.
 *
 * <p>Errors are {@link AnnealException}s whose one-line message names the file and, where it applies, the
 * 1-based line of the file (the header is line 1) and the column.
 *
 * <p>A file longer than one {@link RowBatch} is read on two threads: the caller's splits records while a
 * second one converts fields (see {@link ColumnFiller}). Calls are independent and may run concurrently.
 */
public final class CsvReader {

    /** Opens the bytes of the file afresh; the second pass reads the source again. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    private static final int INITIAL_ROWS = RowBatch.ROWS;
    private static final Object RECORD = new Object();

    private CsvReader() {
    }

    /** Reads {@code path}; see the class description for the format and the errors. */
    public static Table read(Path path, ReadOptions options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        if (Files.isDirectory(path)) {
            throw new AnnealException(path + ": is a directory, expected a CSV file");
        }
        if (!Files.exists(path)) {
            throw new AnnealException(path + ": file not found");
        }
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            size = -1;
        }
        return read(path.toString(), () -> Files.newInputStream(path), size, options);
    }

    /**
     * Reads the CSV bytes that {@code source} opens; {@code fileName} names them in errors and
     * {@code sizeHint}, the size in bytes or -1 when unknown, helps size the columns.
     */
    static Table read(String fileName, Source source, long sizeHint, ReadOptions options) {
        char[][] naTokens = naTokens(options.naValues());
        FirstPass first = new FirstPass(fileName, options, naTokens, sizeHint);
        try {
            parse(fileName, source, first);
            first.finish();
        } finally {
            first.close();
        }
        if (first.columns == null) {
            throw new AnnealException(fileName + ": file is empty, expected a header row");
        }
        if (first.rows == 0) {
            throw new AnnealException(fileName + ": has a header but no data rows");
        }
        List<ColumnAccumulator> reread = new ArrayList<>();
        for (ColumnAccumulator column : first.columns) {
            if (column.mode() == ColumnAccumulator.Mode.REREAD) {
                reread.add(column);
            }
        }
        Map<String, Column> rereadColumns = new HashMap<>();
        if (!reread.isEmpty()) {
            SecondPass second = new SecondPass(fileName, first.columns, naTokens, first.rows);
            parse(fileName, source, second);
            if (second.row != first.rows) {
                throw new AnnealException(fileName + ": changed while it was being read");
            }
            for (int i = 0; i < second.columns.length; i++) {
                if (second.columns[i] != null) {
                    rereadColumns.put(second.columns[i].name(), second.columns[i].build(first.rows));
                }
            }
        }
        List<Column> columns = new ArrayList<>(first.columns.length);
        for (ColumnAccumulator column : first.columns) {
            switch (column.mode()) {
                case NUMERIC, LABELS -> columns.add(column.build(first.rows));
                case REREAD -> columns.add(rereadColumns.get(column.name()));
                case SKIP -> {
                    // declared ignore
                }
            }
        }
        return new Table(columns);
    }

    private static void parse(String fileName, Source source, AbstractBaseCsvCallbackHandler<Object> handler) {
        try (InputStream in = source.open();
             de.siegmar.fastcsv.reader.CsvReader<Object> reader = de.siegmar.fastcsv.reader.CsvReader.builder()
                     .detectBomHeader(true)
                     .skipEmptyLines(true)
                     .ignoreDifferentFieldCount(true)
                     .build(handler, in, StandardCharsets.UTF_8)) {
            for (Object ignored : reader) {
                // the handler keeps everything
            }
        } catch (NoSuchFileException e) {
            throw new AnnealException(fileName + ": file not found", e);
        } catch (IOException e) {
            throw new AnnealException(fileName + ": cannot read: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new AnnealException(fileName + ": cannot read: " + e.getCause().getMessage(), e);
        } catch (CsvParseException e) {
            if (e.getCause() instanceof AnnealException cause) {
                throw cause;
            }
            Throwable detail = e.getCause() != null ? e.getCause() : e;
            throw new AnnealException(fileName + ": not valid CSV: " + detail.getMessage(), e);
        }
    }

    private static char[][] naTokens(Set<String> naValues) {
        List<char[]> tokens = new ArrayList<>();
        for (String value : naValues) {
            if (!value.isEmpty()) {
                tokens.add(value.toCharArray());
            }
        }
        return tokens.toArray(new char[0][]);
    }

    /**
     * Reads the header, checks every record and copies its fields into {@link RowBatch}es for the
     * {@link ColumnFiller}; marks, through the accumulators, the columns that need a second pass.
     */
    private static final class FirstPass extends AbstractBaseCsvCallbackHandler<Object> {

        private final String fileName;
        private final ReadOptions options;
        private final char[][] naTokens;
        private final long sizeHint;
        private final List<String> header = new ArrayList<>();
        private ColumnAccumulator[] columns;
        private boolean[] skipped;
        private ColumnFiller filler;
        private RowBatch batch;
        private int width;
        private int rows;
        private long line;

        FirstPass(String fileName, ReadOptions options, char[][] naTokens, long sizeHint) {
            this.fileName = fileName;
            this.options = options;
            this.naTokens = naTokens;
            this.sizeHint = sizeHint;
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            line = startingLineNumber;
            if (batch != null) {
                batch.beginRecord();
            }
        }

        @Override
        protected void handleField(int index, char[] buf, int off, int len, boolean quoted) {
            if (batch == null) {
                header.add(new String(buf, off, len));
            } else if (index < width) {
                batch.addField(index, buf, off, skipped[index] ? 0 : len);
            }
        }

        @Override
        protected RecordWrapper<Object> buildRecord() {
            if (isEmptyLine()) {
                if (batch == null) {
                    header.clear();
                } else {
                    batch.dropRecord();
                }
            } else if (batch == null) {
                startColumns();
            } else {
                if (getFieldCount() != width) {
                    throw raggedRow(fileName, line, width, getFieldCount());
                }
                batch.commitRecord(line);
                if (batch.isFull()) {
                    filler.submit(batch);
                    batch = filler.emptyBatch();
                }
            }
            return wrapRecord(RECORD);
        }

        /** Called once the parse is over: fills the last batch and waits for the columns. */
        void finish() {
            if (filler != null) {
                rows = filler.finish(batch);
            }
        }

        void close() {
            if (filler != null) {
                filler.close();
            }
        }

        private void startColumns() {
            Set<String> seen = new LinkedHashSet<>();
            Set<String> duplicates = new LinkedHashSet<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i);
                if (name.isBlank()) {
                    throw new AnnealException(fileName + ": line " + line + ": column " + (i + 1)
                            + " of the header has an empty name");
                }
                if (!seen.add(name)) {
                    duplicates.add(name);
                }
            }
            if (!duplicates.isEmpty()) {
                throw new AnnealException(fileName + ": line " + line + ": duplicate column names in the header: "
                        + String.join(", ", duplicates));
            }
            width = header.size();
            columns = new ColumnAccumulator[width];
            skipped = new boolean[width];
            for (int i = 0; i < width; i++) {
                String name = header.get(i);
                columns[i] = new ColumnAccumulator(name, options.declaredType(name), naTokens, INITIAL_ROWS);
                skipped[i] = columns[i].mode() == ColumnAccumulator.Mode.SKIP;
            }
            filler = new ColumnFiller(fileName, columns, sizeHint, INITIAL_ROWS);
            batch = filler.emptyBatch();
        }
    }

    /** Reads only the columns marked {@link ColumnAccumulator.Mode#REREAD}, as labels. */
    private static final class SecondPass extends AbstractBaseCsvCallbackHandler<Object> {

        private final String fileName;
        private final ColumnAccumulator[] columns;
        private final int width;
        private boolean inHeader = true;
        private int row;
        private long line;

        SecondPass(String fileName, ColumnAccumulator[] first, char[][] naTokens, int rows) {
            this.fileName = fileName;
            this.width = first.length;
            this.columns = new ColumnAccumulator[width];
            for (int i = 0; i < width; i++) {
                if (first[i].mode() == ColumnAccumulator.Mode.REREAD) {
                    columns[i] = ColumnAccumulator.labels(first[i].name(), naTokens, rows);
                }
            }
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            line = startingLineNumber;
        }

        @Override
        protected void handleField(int index, char[] buf, int off, int len, boolean quoted) {
            if (!inHeader && index < width && columns[index] != null) {
                columns[index].ensureCapacity(row + 1);
                columns[index].accept(row, buf, off, len);
            }
        }

        @Override
        protected RecordWrapper<Object> buildRecord() {
            if (!isEmptyLine()) {
                if (inHeader) {
                    inHeader = false;
                } else {
                    if (getFieldCount() != width) {
                        throw raggedRow(fileName, line, width, getFieldCount());
                    }
                    row++;
                }
            }
            return wrapRecord(RECORD);
        }
    }

    private static AnnealException raggedRow(String fileName, long line, int expected, int actual) {
        return new AnnealException(fileName + ": line " + line + ": expected " + expected
                + " fields as in the header, found " + actual);
    }
}
