package dev.anneal.cli;

import ai.djl.Device;
import dev.anneal.core.AnnealException;
import dev.anneal.core.config.DeviceSpec;
import dev.anneal.core.data.RowSource;
import dev.anneal.train.deep.Devices;
import dev.anneal.train.embed.EmbeddingWriter;
import dev.anneal.train.embed.TextEmbedder;
import dev.anneal.train.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code anneal embed}: the learned embedding of one text column for every row of a file, from the trained
 * text encoder of a deep candidate of a run, streamed to HDF5, {@code .npy} or CSV.
 */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {"Write the embedding a run's trained text encoder gives one text column of every row of a CSV "
                + "or JSONL file, with the row ids, to HDF5 (.h5), NumPy (.npy) or CSV, streaming.",
            "Layouts: docs/embeddings.md."},
        footer = {"", "Example:", "  anneal embed --run runs/reviews-20261128-101500 --model bag_mlp --data reviews.csv "
                + "--column review --id id -o embeddings.h5"})
final class EmbedCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "A completed run folder.")
    Path run;

    @Option(names = "--model", paramLabel = "NAME", description = "A deep candidate of the run with an encoder of the "
            + "column (default: the winner when it has one, else the only candidate that has one).")
    String model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Rows: CSV with a header, or JSONL "
            + "(.jsonl, .ndjson).")
    Path data;

    @Option(names = "--column", required = true, paramLabel = "COLUMN", description = "The text column to embed.")
    String column;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the embeddings: .h5/.hdf5, "
            + ".npy (ids beside it in NAME.ids.txt) or .csv (default: ${DEFAULT-VALUE}).")
    Path output = Path.of("embeddings.h5");

    @Option(names = "--id", paramLabel = "COLUMN", description = "A column of the input whose value identifies each "
            + "row (default: the row number, from 0).")
    String id;

    @Option(names = "--device", paramLabel = "DEVICE", description = "auto, cpu (default), gpu or gpu:N.")
    String device = "cpu";

    @Option(names = "--batch", paramLabel = "ROWS", description = "Rows per forward pass (default: ${DEFAULT-VALUE}).")
    int batch = 256;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads (default: the cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    RowOptions rows;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        check();
        PrintWriter err = spec.commandLine().getErr();
        Devices.useThreads(threads);
        Device target = Devices.resolve(device)[0];
        long written;
        RowOptions.BadRows bad = rows.badRows(err);
        String model;
        try (TextEmbedder embedder = TextEmbedder.open(run, this.model, column, target)) {
            model = embedder.model();
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("run", run.toAbsolutePath().normalize().toString());
            attributes.put("model", model);
            attributes.put("column", column);
            attributes.put("data", data.toAbsolutePath().normalize().toString());
            List<String> required = id == null ? List.of(column) : List.of(column, id);
            try (RowSource source = RowSource.open(data, required, null);
                    Progress.Task bar = rows.progress().start("embed", Files.size(data));
                    EmbeddingWriter writer = EmbeddingWriter.open(output, embedder.dim(), attributes)) {
                try {
                    List<String> texts = new ArrayList<>(batch);
                    List<String> ids = new ArrayList<>(batch);
                    for (RowSource.Row row = source.next(); row != null; row = source.next()) {
                        if (row.problem() != null) {
                            bad.reject(row.problem());
                            continue;
                        }
                        texts.add(row.valueOf().apply(column));
                        if (id != null) {
                            String value = row.valueOf().apply(id);
                            ids.add(value == null ? "" : value);
                        }
                        if (texts.size() == batch) {
                            write(embedder, writer, texts, ids);
                            bar.update(source.bytesRead(), String.format(Locale.ROOT, "%,d rows", writer.rows()));
                        }
                    }
                    write(embedder, writer, texts, ids);
                    bar.update(Files.size(data), String.format(Locale.ROOT, "%,d rows", writer.rows()));
                    written = writer.rows();
                } catch (RuntimeException e) {
                    writer.abort();
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new AnnealException("cannot read " + data + ": " + e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%,d rows embedded with the '%s' encoder of %s%s; embeddings in %s%n", written,
                column, model, bad.skipped() > 0 ? String.format(Locale.ROOT, ", %,d bad rows skipped", bad.skipped())
                        : "", output);
        stdout.flush();
        err.flush();
        return 0;
    }

    private void write(TextEmbedder embedder, EmbeddingWriter writer, List<String> texts, List<String> ids) {
        if (texts.isEmpty()) {
            return;
        }
        writer.write(id == null ? null : ids.toArray(String[]::new), embedder.embed(texts), texts.size());
        texts.clear();
        ids.clear();
    }

    /** Checks the values, which picocli cannot. */
    private void check() {
        rows.check();
        if (batch < 1) {
            throw new AnnealException("--batch: expected a positive number of rows, got " + batch);
        }
        if (threads < 1) {
            throw new AnnealException("--threads: expected at least 1, got " + threads);
        }
        DeviceSpec.problem(device).ifPresent(problem -> {
            throw new AnnealException("--device: " + problem);
        });
    }
}
