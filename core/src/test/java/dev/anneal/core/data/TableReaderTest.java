package dev.anneal.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }

    private Path writeGzip(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(path))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return path;
    }

    @Test
    void choosesTheReaderByExtensionIgnoringCase() throws IOException {
        assertEquals(List.of("a", "b"),
                TableReader.read(write("x.CSV", "a,b\n1,2\n"), ReadOptions.defaults()).columnNames());
        assertEquals(List.of("a"),
                TableReader.read(write("x.jsonl", "{\"a\": 1}\n"), ReadOptions.defaults()).columnNames());
        assertEquals(List.of("b"),
                TableReader.read(write("x.NDJSON", "{\"b\": 1}\n"), ReadOptions.defaults()).columnNames());
    }

    @Test
    void readsGzippedFilesIncludingASecondCsvPass() throws IOException {
        Table csv = TableReader.read(writeGzip("x.csv.gz", "a,b\n1,007\n2,x\n"), ReadOptions.defaults());
        assertEquals("007", ((CategoryColumn) csv.column("b")).label(0));
        Table jsonl = TableReader.read(writeGzip("x.jsonl.gz", "{\"a\": 1}\n{\"a\": 2}\n"), ReadOptions.defaults());
        assertEquals(2, jsonl.rowCount());
    }

    @Test
    void unknownExtensionListsTheSupportedOnes() throws IOException {
        Path path = write("x.parquet", "");
        AnnealException e = assertThrows(AnnealException.class, () -> TableReader.read(path, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith(path.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected one of: .csv, .csv.gz, .jsonl, .jsonl.gz, .ndjson, .ndjson.gz"),
                e.getMessage());
    }

    @Test
    void missingGzipFileFails() {
        Path path = dir.resolve("none.csv.gz");
        AnnealException e = assertThrows(AnnealException.class, () -> TableReader.read(path, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }
}
