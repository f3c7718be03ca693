package dev.anneal.cli;

import dev.anneal.core.AnnealException;
import dev.anneal.core.bundle.ModelBundle;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every command that scores rows with a bundle shares (a picocli mixin): the bundle and how to run it. */
final class BundleOptions {

    /** The progress bar's name. */
    String task = "score";

    @Option(names = "--model", required = true, paramLabel = "BUNDLE",
            description = "A bundle folder, a run folder (its winner's bundle), or a model's folder in a repository "
                    + "(its newest version is used).")
    Path model;

    @Mixin
    RowOptions rows;

    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu (default) or cuda:N; CUDA falls back to the "
            + "CPU with a warning when it cannot load.")
    String device = "cpu";

    /** Rows per call for a bundle with a text input, whose graph holds a row's TF-IDF or tokens densely. */
    static final int TEXT_BATCH = 128;
    private static final int BATCH = 4096;

    @Option(names = "--batch", paramLabel = "ROWS", description = "Rows per call to ONNX Runtime (default: " + BATCH
            + ", or " + TEXT_BATCH + " for a bundle with a text column).")
    Integer batch;

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime's intra-op threads (default: the cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    /**
     * Checks the options, names the progress bar after {@code command}, and opens the bundle
     * {@code --model} names, read and checked.
     */
    ModelBundle open(String command) {
        check();
        task = command;
        return Bundles.open(model);
    }

    /** Checks the values, which picocli cannot. */
    private void check() {
        rows.check();
        if (batch != null && batch < 1) {
            throw new AnnealException("--batch: expected a positive number of rows, got " + batch);
        }
    }

    /** The rows per call for {@code bundle}: {@code --batch}, else the default for its inputs. */
    int batch(ModelBundle bundle) {
        if (batch != null) {
            return batch;
        }
        return bundle.manifest().inputs().stream().anyMatch(input -> input.tokenizer() != null) ? TEXT_BATCH : BATCH;
    }

}
