package dev.anneal.serve.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.serve.runtime.BundleSession;
import dev.anneal.serve.runtime.RowBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling {@code scripts/bench-serve} compares the server with: a bundle scoring batches of raw rows
 * in process, through the same {@link RowBatch} and ONNX Runtime session the server uses, on
 * {@code threads} threads at once (one ONNX Runtime thread each), for {@code seconds}.
 *
 * <p>Usage: {@code InProcessBench BUNDLE ROWS.csv BATCH THREADS SECONDS}; prints rows/s.
 */
public final class InProcessBench {

    private InProcessBench() {
    }

    public static void main(String[] args) throws Exception {
        ModelBundle bundle = ModelBundle.read(Path.of(args[0]));
        int batch = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        double seconds = Double.parseDouble(args[4]);
        List<NamedCsvRecord> rows = new ArrayList<>();
        try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(Path.of(args[1]))) {
            reader.forEach(rows::add);
        }
        try (BundleSession session = BundleSession.open(bundle.file(ModelBundle.MODEL), "cpu", 1, w -> { })) {
            AtomicLong scored = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long end = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    int at = 0;
                    while (System.nanoTime() < end) {
                        RowBatch pending = new RowBatch(bundle.manifest().inputs(), bundle.tokenizers(), batch);
                        for (int i = 0; i < batch; i++) {
                            NamedCsvRecord row = rows.get(at++ % rows.size());
                            pending.add(column -> row.findField(column).orElse(null), "row");
                        }
                        scored.addAndGet(session.score(pending.drain()).rows());
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            pool.shutdown();
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "in process: %s batch %d, %d threads: %,.0f rows/s%n",
                    bundle.manifest().candidate().get("type"), batch, threads, scored.get() / elapsed);
        }
    }
}
