package dev.anneal.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming rows: their values, the lines they start on, the columns a file has, and gzipped files. */
class RowSourceTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** Each row as {@code line:value of column}, or {@code line:problem} for a bad row. */
    private static List<String> rows(Path file, String column) {
        List<String> out = new ArrayList<>();
        try (RowSource source = RowSource.open(file, List.of(), null)) {
            for (RowSource.Row row = source.next(); row != null; row = source.next()) {
                out.add(row.line() + ":" + (row.problem() != null ? row.problem() : row.valueOf().apply(column)));
            }
        }
        return out;
    }

    @Test
    void aCsvRowStartsOnItsOwnLineEvenAfterAQuotedNewline() throws IOException {
        Path file = write("data.csv", "id,note\n1,\"two\nlines\"\n2,\n3,plain\n");
        assertEquals(List.of("2:two\nlines", "4:null", "5:plain"), rows(file, "note"));
    }

    @Test
    void aRaggedCsvRowIsABadRowNamingItsLine() throws IOException {
        Path file = write("data.csv", "a,b\n1,2\n3\n");
        assertEquals(List.of("2:2", "3:data.csv line 3: expected 2 fields as in the header, found 1"), rows(file, "b"));
    }

    @Test
    void jsonlLinesCountBlankLinesAndColumnsAreEveryKeySeen() throws IOException {
        Path file = write("data.jsonl", "{\"a\": 1}\n\n{\"b\": \"x\", \"a\": null}\n");
        try (RowSource source = RowSource.open(file, List.of(), null)) {
            RowSource.Row first = source.next();
            assertEquals(1, first.line());
            assertEquals("1", first.valueOf().apply("a"));
            assertEquals(Set.of("a"), source.columns());
            RowSource.Row second = source.next();
            assertEquals(3, second.line());
            assertNull(second.valueOf().apply("a"));
            assertEquals(Set.of("a", "b"), source.columns());
            assertNull(source.next());
        }
    }

    @Test
    void aCsvsColumnsAreItsHeaderAsTrainingReadsIt() throws IOException {
        Path file = write("data.csv", "\uFEFFa, b\n1,2\n");
        try (RowSource source = RowSource.open(file, List.of(), null)) {
            assertEquals(List.of("a", " b"), List.copyOf(source.columns()), "only the byte-order mark goes");
        }
    }

    @Test
    void aHeaderWithADuplicateOrEmptyNameIsRefused() throws IOException {
        Path duplicate = write("duplicate.csv", "a,a,y\n1,2,3\n");
        AnnealException twice = assertThrows(AnnealException.class, () -> RowSource.open(duplicate, List.of(), null));
        assertTrue(twice.getMessage().endsWith("duplicate column name in the header: a"), twice.getMessage());
        Path empty = write("empty.csv", "a,,y\n1,2,3\n");
        AnnealException blank = assertThrows(AnnealException.class, () -> RowSource.open(empty, List.of(), null));
        assertTrue(blank.getMessage().endsWith("column 2 of the header has an empty name"), blank.getMessage());
    }

    @Test
    void gzippedFilesAreReadLikeTheTableReaderReadsThem() throws IOException {
        Path file = dir.resolve("data.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("{\"a\": \"x\"}\n{\"a\": \"y\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of("1:x", "2:y"), rows(file, "a"));
    }

    @Test
    void bytesReadComeToTheFilesSizeAtItsEnd() throws IOException {
        Path file = write("data.csv", "a\n1\n2\n");
        try (RowSource source = RowSource.open(file, List.of(), null)) {
            assertEquals(Files.size(file), source.size());
            while (source.next() != null) {
                assertTrue(source.bytesRead() <= source.size());
            }
            assertEquals(source.size(), source.bytesRead());
        }
    }

    @Test
    void anAbsentFileIsOneLineSayingSo() {
        Path file = dir.resolve("absent.csv");
        AnnealException e = assertThrows(AnnealException.class, () -> RowSource.open(file, List.of(), null));
        assertEquals(file + ": file not found", e.getMessage());
    }

    @Test
    void aRequiredColumnMissingFromTheHeaderRefusesTheFile() throws IOException {
        Path file = write("data.csv", "a\n1\n");
        AnnealException e = assertThrows(AnnealException.class, () -> RowSource.open(file, List.of("b"), null));
        assertTrue(e.getMessage().contains("no column 'b'"), e.getMessage());
    }
}
