package dev.anneal.core.data;

import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads a data file into a {@link Table}, choosing the reader by the file's extension (case-insensitive):
 * {@code .csv} and {@code .csv.gz} with {@link CsvReader}, {@code .jsonl}, {@code .ndjson} and their
 * {@code .gz} forms with {@link JsonlReader}.
 */
public final class TableReader {

    /** The extensions {@link #read} accepts, as listed in its error message. */
    public static final List<String> SUPPORTED_EXTENSIONS =
            List.of(".csv", ".csv.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz");

    private static final int GZIP_BUFFER = 1 << 16;

    private TableReader() {
    }

    /** Reads {@code path} with the reader its extension names. */
    public static Table read(Path path, ReadOptions options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        Path fileName = path.getFileName();
        String name = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(".gz");
        String base = gzip ? name.substring(0, name.length() - 3) : name;
        if (base.endsWith(".csv")) {
            if (!gzip) {
                return CsvReader.read(path, options);
            }
            checkReadable(path);
            return CsvReader.read(path.toString(), () -> gunzip(path), -1, options);
        }
        if (base.endsWith(".jsonl") || base.endsWith(".ndjson")) {
            if (!gzip) {
                return JsonlReader.read(path, options);
            }
            checkReadable(path);
            try (InputStream in = gunzip(path)) {
                return JsonlReader.read(path.toString(), in, options);
            } catch (IOException e) {
                throw new AnnealException(path + ": cannot read: " + e.getMessage(), e);
            }
        }
        throw new AnnealException(path + ": unsupported file type, expected one of: "
                + String.join(", ", SUPPORTED_EXTENSIONS));
    }

    private static void checkReadable(Path path) {
        if (Files.isDirectory(path)) {
            throw new AnnealException(path + ": is a directory, expected a data file");
        }
        if (!Files.exists(path)) {
            throw new AnnealException(path + ": file not found");
        }
    }

    private static InputStream gunzip(Path path) throws IOException {
        InputStream raw = Files.newInputStream(path);
        try {
            return new GZIPInputStream(raw, GZIP_BUFFER);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }
}
