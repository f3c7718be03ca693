package dev.anneal.train.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.anneal.core.AnnealException;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddingWriterTest {

    private static final int DIM = 16;
    private static final int CHUNK = 1000;
    private static final int CHUNKS = 3;
    private static final Map<String, String> ATTRIBUTES =
            Map.of("column", "review", "model", "mlp", "run", "runs/demo-1", "dim", "16");

    @TempDir
    Path dir;

    /** 3 chunks of 1000 rows: random floats, random bit patterns and the awkward values, with awkward ids. */
    private record Data(List<String[]> ids, List<float[]> chunks) {

        static Data make(long seed, boolean lineBreaks) {
            Random random = new Random(seed);
            float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-45f, 0.1f, 1f / 3};
            String[] awkward = {"a,b", "say \"hi\"", "日本語", "émoji 😀", "", null, " padded ", "#hash",
                "semi;colon", "tab\there"};
            List<String[]> ids = new ArrayList<>();
            List<float[]> chunks = new ArrayList<>();
            for (int c = 0; c < CHUNKS; c++) {
                String[] chunkIds = new String[CHUNK];
                float[] chunk = new float[CHUNK * DIM];
                for (int i = 0; i < CHUNK; i++) {
                    int row = c * CHUNK + i;
                    chunkIds[i] = row % 7 == 0 ? awkward[row / 7 % awkward.length] : "row-" + row;
                    if (lineBreaks && row >= CHUNK && row % 101 == 0) { // from row 1010
                        chunkIds[i] = "line\nbreak\r\n" + row;
                    }
                }
                for (int k = 0; k < chunk.length; k++) {
                    chunk[k] = switch (k % 3) {
                        case 0 -> (float) random.nextGaussian();
                        case 1 -> randomBits(random);
                        default -> special[random.nextInt(special.length)];
                    };
                }
                ids.add(chunkIds);
                chunks.add(chunk);
            }
            return new Data(ids, chunks);
        }

        private static float randomBits(Random random) {
            float value;
            do {
                value = Float.intBitsToFloat(random.nextInt());
            } while (Float.isNaN(value));
            return value;
        }

        void writeTo(EmbeddingWriter writer, boolean named) {
            for (int c = 0; c < CHUNKS; c++) {
                writer.write(named ? ids.get(c) : null, chunks.get(c), CHUNK);
            }
        }

        float[][] rows() {
            float[][] rows = new float[CHUNK * CHUNKS][];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = Arrays.copyOfRange(chunks.get(r / CHUNK), r % CHUNK * DIM, (r % CHUNK + 1) * DIM);
            }
            return rows;
        }

        /** The ids as they read back: a missing (null) id is "". */
        String[] storedIds() {
            return ids.stream().flatMap(Arrays::stream).map(id -> id == null ? "" : id).toArray(String[]::new);
        }

        String embeddingsSha256() {
            ByteBuffer bytes = ByteBuffer.allocate(CHUNK * CHUNKS * DIM * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] chunk : chunks) {
                for (float value : chunk) {
                    bytes.putFloat(value);
                }
            }
            return sha256(bytes.array());
        }

        String idsSha256() {
            return sha256(String.join("\n", storedIds()).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void hdf5HoldsEveryRowIdAndAttribute() throws IOException {
        Data data = Data.make(7, false);
        Path out = dir.resolve("embeddings.h5");
        try (EmbeddingWriter writer = EmbeddingWriter.open(out, DIM, ATTRIBUTES)) {
            data.writeTo(writer, true);
            assertEquals(3000, writer.rows());
        }
        assertEquals(List.of(out), listDir());
        try (HdfFile hdf = new HdfFile(out)) {
            assertArrayEquals(new int[] {3000, DIM}, hdf.getDatasetByPath("/embeddings").getDimensions());
            assertRowsEqual(data.rows(), (float[][]) hdf.getDatasetByPath("/embeddings").getData());
            assertArrayEquals(data.storedIds(), (String[]) hdf.getDatasetByPath("/ids").getData());
            ATTRIBUTES.forEach((key, value) -> assertEquals(value, hdf.getAttribute(key).getData(), key));
            assertEquals(1, ((Number) hdf.getAttribute("format_version").getData()).intValue());
        }
    }

    @Test
    void hdf5NumbersRowsWhenThereAreNoIds() throws IOException {
        Data data = Data.make(8, false);
        Path out = dir.resolve("numbered.hdf5");
        try (EmbeddingWriter writer = EmbeddingWriter.open(out, DIM, Map.of())) {
            data.writeTo(writer, false);
        }
        try (HdfFile hdf = new HdfFile(out)) {
            long[] ids = (long[]) hdf.getDatasetByPath("/ids").getData();
            assertEquals(3000, ids.length);
            for (int i = 0; i < ids.length; i++) {
                assertEquals(i, ids[i]);
            }
            assertRowsEqual(data.rows(), (float[][]) hdf.getDatasetByPath("/embeddings").getData());
        }
    }

    @Test
    void npyStreamsRowsAndWritesIdsBesideThem() throws IOException {
        Data data = Data.make(9, false);
        Path out = dir.resolve("embeddings.npy");
        try (EmbeddingWriter writer = EmbeddingWriter.open(out, DIM, ATTRIBUTES)) {
            data.writeTo(writer, true);
        }
        assertRowsEqual(data.rows(), readNpy(out));
        assertArrayEquals(data.storedIds(), readIdLines(dir.resolve("embeddings.ids.txt")));
        assertEquals(List.of(dir.resolve("embeddings.ids.txt"), out), listDir());
    }

    @Test
    void csvRowsParseBackToTheSameFloats() throws IOException {
        Data data = Data.make(10, true);
        Path out = dir.resolve("embeddings.csv");
        try (EmbeddingWriter writer = EmbeddingWriter.open(out, DIM, ATTRIBUTES)) {
            data.writeTo(writer, true);
        }
        List<CsvRecord> records = readCsv(out);
        assertEquals("id,e0,e1,e2,e3,e4,e5,e6,e7,e8,e9,e10,e11,e12,e13,e14,e15",
                String.join(",", records.get(0).getFields()));
        float[][] rows = new float[records.size() - 1][DIM];
        String[] ids = new String[rows.length];
        for (int r = 0; r < rows.length; r++) {
            CsvRecord record = records.get(r + 1);
            ids[r] = record.getField(0);
            for (int j = 0; j < DIM; j++) {
                rows[r][j] = Float.parseFloat(record.getField(j + 1));
            }
        }
        assertRowsEqual(data.rows(), rows);
        assertArrayEquals(data.storedIds(), ids);
    }

    @Test
    void csvNumbersRowsWhenThereAreNoIds() throws IOException {
        Path out = dir.resolve("numbered.csv");
        try (EmbeddingWriter writer = EmbeddingWriter.open(out, 2, Map.of())) {
            writer.write(null, new float[] {1f, 2f, 3f, 4f}, 2);
            writer.write(null, new float[] {5f, 6f, 99f}, 1);
        }
        assertEquals("id,e0,e1\r\n0,1.0,2.0\r\n1,3.0,4.0\r\n2,5.0,6.0\r\n", Files.readString(out));
    }

    @Test
    void emptyNpyAndCsvAreValidFiles() throws IOException {
        Path npy = dir.resolve("empty.npy");
        Path csv = dir.resolve("empty.csv");
        try (EmbeddingWriter writer = EmbeddingWriter.open(npy, DIM, Map.of())) {
            writer.write(null, new float[0], 0);
        }
        EmbeddingWriter.open(csv, 2, Map.of()).close();
        assertEquals(0, readNpy(npy).length);
        assertEquals("", Files.readString(dir.resolve("empty.ids.txt")));
        assertEquals("id,e0,e1\r\n", Files.readString(csv));
    }

    @Test
    void emptyHdf5IsAnErrorAndLeavesNothing() {
        Path out = dir.resolve("empty.h5");
        EmbeddingWriter writer = EmbeddingWriter.open(out, DIM, Map.of());
        AnnealException e = assertThrows(AnnealException.class, writer::close);
        assertTrue(e.getMessage().contains("empty.h5") && e.getMessage().contains("no rows"), e.getMessage());
        assertEquals(List.of(), listDir());
    }

    @Test
    void unknownExtensionIsAOneLineError() {
        Path out = dir.resolve("embeddings.parquet");
        AnnealException e = assertThrows(AnnealException.class, () -> EmbeddingWriter.open(out, DIM, Map.of()));
        assertEquals("cannot write embeddings to " + out + ": unknown extension; expected .h5, .hdf5, .npy or .csv",
                e.getMessage());
        assertEquals(List.of(), listDir());
    }

    @Test
    void failedWriteRemovesThePartialFilesAndKeepsTheOldOutput() throws IOException {
        Path out = dir.resolve("embeddings.npy");
        Path ids = dir.resolve("embeddings.ids.txt");
        Files.writeString(out, "old");
        Files.writeString(ids, "old ids");
        Data data = Data.make(11, true);
        try (EmbeddingWriter writer = EmbeddingWriter.open(out, DIM, Map.of())) {
            writer.write(data.ids().get(0), data.chunks().get(0), CHUNK);
            assertTrue(Files.exists(dir.resolve("embeddings.npy.partial")));
            AnnealException e = assertThrows(AnnealException.class,
                    () -> writer.write(data.ids().get(1), data.chunks().get(1), CHUNK));
            assertEquals("cannot write " + ids + ": the id of row 1010 contains a line break, which a one-id-per-line"
                    + " file cannot hold; write .h5 or .csv instead", e.getMessage());
            assertThrows(IllegalStateException.class, () -> writer.write(null, new float[DIM], 1));
        }
        assertEquals(List.of(ids, out), listDir());
        assertEquals("old", Files.readString(out));
        assertEquals("old ids", Files.readString(ids));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.h5", "a.npy", "a.csv"})
    void abortRemovesThePartialFiles(String name) {
        try (EmbeddingWriter writer = EmbeddingWriter.open(dir.resolve(name), 2, Map.of())) {
            writer.write(new String[] {"x"}, new float[] {1f, 2f}, 1);
            assertFalse(listDir().isEmpty());
            writer.abort();
        }
        assertEquals(List.of(), listDir());
    }

    @Test
    void badArgumentsAreRejectedAndEndTheWriter() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddingWriter.open(dir.resolve("a.h5"), 0, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> EmbeddingWriter.open(dir.resolve("a.h5"), 2, Map.of("format_version", "2")));
        try (EmbeddingWriter writer = EmbeddingWriter.open(dir.resolve("a.csv"), 2, Map.of())) {
            assertThrows(IllegalArgumentException.class, () -> writer.write(null, new float[3], 2));
        }
        try (EmbeddingWriter writer = EmbeddingWriter.open(dir.resolve("b.h5"), 2, Map.of())) {
            writer.write(new String[] {"x"}, new float[2], 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> writer.write(null, new float[2], 1));
            assertEquals("ids must be given for every chunk or for none: rows before 1 had ids, these have none",
                    e.getMessage());
        }
        assertEquals(List.of(), listDir());
    }

    /** h5py and numpy (Debian's python3-h5py and python3-numpy, which .ci/run installs) read what we write. */
    @Test
    void pythonReadsTheSameNumbersAndIds() throws Exception {
        Assumptions.assumeTrue(python("import h5py, numpy").exitCode == 0,
                "needs /usr/bin/python3 with h5py and numpy (apt-get install python3-h5py python3-numpy)");
        Data data = Data.make(12, false);
        Path h5 = dir.resolve("e.h5");
        Path numbered = dir.resolve("numbered.h5");
        Path npy = dir.resolve("e.npy");
        Path csv = dir.resolve("e.csv");
        for (Path out : List.of(h5, npy, csv)) {
            try (EmbeddingWriter writer = EmbeddingWriter.open(out, DIM, ATTRIBUTES)) {
                data.writeTo(writer, true);
            }
        }
        try (EmbeddingWriter writer = EmbeddingWriter.open(numbered, DIM, ATTRIBUTES)) {
            data.writeTo(writer, false);
        }
        Result result = python(READ_ALL, h5.toString(), numbered.toString(), npy.toString(), csv.toString());
        assertEquals(0, result.exitCode, result.output);
        String embeddings = data.embeddingsSha256();
        String ids = data.idsSha256();
        assertEquals(List.of(
                "h5 float32 3000 16 " + embeddings + " " + ids + " 1 mlp review",
                "numbered int64 True",
                "npy float32 3000 16 " + embeddings + " " + ids,
                "csv 3000 16 " + embeddings + " " + ids), result.output.lines().toList(), result.output);
    }

    private static final String READ_ALL = """
            import csv, hashlib, sys
            import h5py, numpy as np
            h5, numbered, npy, csv_file = sys.argv[1:]
            def sha(a): return hashlib.sha256(np.ascontiguousarray(a, dtype="<f4").tobytes()).hexdigest()
            def ids_sha(ids): return hashlib.sha256("\\n".join(ids).encode("utf-8")).hexdigest()
            def text(a): return a.decode("utf-8") if isinstance(a, bytes) else str(a)
            with h5py.File(h5, "r") as f:
                e = f["embeddings"][:]
                print("h5", e.dtype, *e.shape, sha(e), ids_sha(f["ids"].asstr()[:]),
                      f.attrs["format_version"], text(f.attrs["model"]), text(f.attrs["column"]))
            with h5py.File(numbered, "r") as f:
                print("numbered", f["ids"].dtype, bool((f["ids"][:] == np.arange(3000)).all()))
            e = np.load(npy)
            with open(npy[:-4] + ".ids.txt", encoding="utf-8", newline="\\n") as f:
                ids = f.read().split("\\n")[:-1]
            print("npy", e.dtype, *e.shape, sha(e), ids_sha(ids))
            with open(csv_file, encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))[1:]
            e = np.array([[float(x) for x in row[1:]] for row in rows], dtype=np.float32)
            print("csv", *e.shape, sha(e), ids_sha([row[0] for row in rows]))
            """;

    private record Result(int exitCode, String output) {
    }

    private static Result python(String script, String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return new Result(-1, "no /usr/bin/python3");
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "python3 did not finish");
        return new Result(process.exitValue(), output);
    }

    /** Reads a NumPy format 1.0 file of little-endian float32 in C order, checking its header. */
    private static float[][] readNpy(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        bytes.get(magic);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, magic);
        int length = Short.toUnsignedInt(bytes.getShort());
        assertEquals(0, (10 + length) % 64, "the header is padded to a multiple of 64 bytes");
        byte[] text = new byte[length];
        bytes.get(text);
        String header = new String(text, StandardCharsets.US_ASCII);
        Matcher matcher = Pattern.compile("\\{'descr': '<f4', 'fortran_order': False, 'shape': \\((\\d+), (\\d+)\\), } *\n")
                .matcher(header);
        assertTrue(matcher.matches(), header);
        int rows = Integer.parseInt(matcher.group(1));
        int dim = Integer.parseInt(matcher.group(2));
        assertEquals(DIM, dim);
        assertEquals((long) rows * dim * Float.BYTES, bytes.remaining(), "data after the header");
        float[][] result = new float[rows][dim];
        for (float[] row : result) {
            bytes.asFloatBuffer().get(row);
            bytes.position(bytes.position() + dim * Float.BYTES);
        }
        return result;
    }

    private static String[] readIdLines(Path file) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.endsWith("\n"));
        return text.substring(0, text.length() - 1).split("\n", -1);
    }

    private static List<CsvRecord> readCsv(Path file) throws IOException {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            return reader.stream().toList();
        }
    }

    private static void assertRowsEqual(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length, "rows");
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length, "width of row " + r);
            for (int j = 0; j < expected[r].length; j++) {
                int want = Float.floatToRawIntBits(expected[r][j]);
                int got = Float.floatToRawIntBits(actual[r][j]);
                if (want != got) {
                    throw new AssertionError("row " + r + ", column " + j + ": expected " + expected[r][j]
                            + " (0x" + Integer.toHexString(want) + "), got " + actual[r][j]
                            + " (0x" + Integer.toHexString(got) + ")");
                }
            }
        }
    }

    private List<Path> listDir() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
