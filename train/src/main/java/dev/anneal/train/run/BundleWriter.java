package dev.anneal.train.run;

import dev.anneal.core.AnnealException;
import dev.anneal.core.AnnealVersion;
import dev.anneal.core.Task;
import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.core.bundle.Distribution;
import dev.anneal.core.bundle.GraphInputs;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.core.config.ProjectConfig;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.DateColumn;
import dev.anneal.core.data.NumericColumn;
import dev.anneal.core.data.Table;
import dev.anneal.core.features.EncodedCategoryFeature;
import dev.anneal.core.features.FittedFeature;
import dev.anneal.core.features.FittedPipeline;
import dev.anneal.core.features.OneHotFeature;
import dev.anneal.core.io.FileTrees;
import dev.anneal.core.text.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a candidate's model bundle from its files in a run folder (its exported graph and fitted
 * features): the winner's at the end of a run, into the run folder's {@code bundle/} and into the model
 * repository as {@code <bundles>/<name>/<version>/}, the next version number there (so that a resumed run
 * bundles a winner trained before the interruption); any candidate's with {@code anneal export}.
 */
final class BundleWriter {

    private BundleWriter() {
    }

    /** The winner's bundle, written into the run folder's {@code bundle/} and into the model repository. */
    static ModelBundle write(ProjectConfig config, PreparedData data, Table train, RunDirectory folder,
            LeaderboardEntry winner) {
        Path repository = config.bundles().resolve(config.name());
        String version = Integer.toString(nextVersion(repository));
        return write(config, data, train, folder.work(), folder.finalPath(), winner, version,
                List.of(folder.work().resolve(RunDirectory.BUNDLE), repository.resolve(version)));
    }

    /** The next version number in {@code config}'s model repository. */
    static String nextVersion(ProjectConfig config) {
        return Integer.toString(nextVersion(config.bundles().resolve(config.name())));
    }

    /**
     * Writes the bundle of {@code entry}, a candidate of the run in {@code runFolder}, as {@code version}
     * into each of {@code targets}; returns the last.
     */
    static ModelBundle write(ProjectConfig config, PreparedData data, Table train, Path runFolder, Path runName,
            LeaderboardEntry entry, String version, List<Path> targets) {
        Path modelFolder = runFolder.resolve("models").resolve(entry.name());
        try {
            byte[] graph = Files.readAllBytes(modelFolder.resolve(CandidateExport.MODEL_FILE));
            byte[] features = Files.readAllBytes(modelFolder.resolve("features.json"));
            FittedPipeline pipeline = FittedPipeline.fromJson(new String(features, StandardCharsets.UTF_8));
            BundleManifest manifest = manifest(config, data, train, runName, entry, pipeline, version);
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(ModelBundle.MODEL, graph);
            files.put(ModelBundle.PREPROCESSOR, features);
            files.put(ModelBundle.MODEL_CARD, ModelCard.of(manifest, config, data).getBytes(StandardCharsets.UTF_8));
            for (FittedFeature feature : pipeline.features()) {
                Tokenizer tokenizer = GraphInputs.tokenizer(feature);
                if (tokenizer != null) {
                    files.put(tokenizerFile(manifest, feature.column()), tokenizer.toJson().getBytes(StandardCharsets.UTF_8));
                }
            }
            ModelBundle written = null;
            for (Path target : targets) {
                written = ModelBundle.write(target, manifest, files);
            }
            return written;
        } catch (IOException e) {
            throw new AnnealException("cannot read the files of '" + entry.name() + "' in " + modelFolder + ": "
                    + e.getMessage(), e);
        }
    }

    private static BundleManifest manifest(ProjectConfig config, PreparedData data, Table train, Path runName,
            LeaderboardEntry winner, FittedPipeline pipeline, String version) {
        Task task = data.task();
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("validation", winner.validation());
        metrics.put("test", winner.test());
        metrics.put("test_onnx", winner.testOnnx());
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("anneal_version", AnnealVersion.get());
        provenance.put("run", runName.toAbsolutePath().toString());
        provenance.put("data", config.data().path().toAbsolutePath().toString());
        provenance.put("data_sha256", FileTrees.sha256(config.data().path()));
        provenance.put("seed", config.seed());
        provenance.put("created", Instant.now().toString());
        return new BundleManifest(ModelBundle.FORMAT_VERSION, config.name(), version, task.configName(), config.target(),
                Map.of("name", winner.name(), "type", winner.type()),
                task == Task.REGRESSION ? List.of() : data.target().classes(),
                task == Task.BINARY ? data.target().classes().get(1) : null,
                task == Task.BINARY ? winner.validation().get("tuned_threshold") : null,
                inputs(pipeline, train),
                task == Task.REGRESSION ? List.of("prediction") : List.of("label", "probabilities"),
                metrics, provenance, null);
    }

    private static String tokenizerFile(BundleManifest manifest, String column) {
        return manifest.inputs().stream().filter(input -> input.column().equals(column)).findFirst().orElseThrow()
                .tokenizer();
    }

    /**
     * One input per raw column the pipeline reads: its type, and what training saw of it; a text input
     * names its tokenizer's file, {@code tokenizer_<k>.json} for the k-th text input.
     */
    private static List<BundleManifest.InputColumn> inputs(FittedPipeline pipeline, Table train) {
        List<BundleManifest.InputColumn> inputs = new ArrayList<>();
        for (FittedFeature feature : pipeline.features()) {
            Column column = train.column(feature.column());
            String type = GraphInputs.inputType(feature);
            if (type.equals("text")) {
                Tokenizer tokenizer = GraphInputs.tokenizer(feature);
                double[] lengths = new double[column.size()];
                for (int row = 0; row < lengths.length; row++) {
                    lengths[row] = tokenizer.encode(column.format(row)).length;
                }
                long texts = inputs.stream().filter(input -> input.tokenizer() != null).count();
                inputs.add(new BundleManifest.InputColumn(feature.column(), type, null, null, null,
                        Distribution.ofNumbers(lengths), "tokenizer_" + texts + ".json"));
            } else if (!type.equals("category")) {
                double[] values = type.equals("numeric") ? ((NumericColumn) column).values()
                        : Arrays.stream(((DateColumn) column).epochSeconds())
                                .mapToDouble(s -> s == DateColumn.MISSING ? Double.NaN : s).toArray();
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double value : values) {
                    if (Double.isFinite(value)) {
                        min = Math.min(min, value);
                        max = Math.max(max, value);
                    }
                }
                inputs.add(new BundleManifest.InputColumn(feature.column(), type, null,
                        Double.isFinite(min) ? min : null, Double.isFinite(max) ? max : null,
                        Distribution.ofNumbers(values)));
            } else {
                List<String> categories = feature instanceof OneHotFeature oneHot ? oneHot.levels()
                        : ((EncodedCategoryFeature) feature).levels();
                Map<String, Integer> index = Distribution.categoryIndex(categories);
                long[] counts = new long[categories.size() + 2];
                for (int row = 0; row < column.size(); row++) {
                    counts[Distribution.categoryBin(column.format(row), index)]++;
                }
                inputs.add(new BundleManifest.InputColumn(feature.column(), "category", categories, null, null,
                        new Distribution(List.of(), Distribution.shares(counts))));
            }
        }
        return inputs;
    }

    /** One more than the highest numbered version in {@code repository}, or 1. */
    private static int nextVersion(Path repository) {
        List<Path> versions = ModelBundle.versions(repository);
        return versions.isEmpty() ? 1 : 1 + Integer.parseInt(versions.get(versions.size() - 1).getFileName().toString());
    }
}
