package dev.anneal.train.embed;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.core.AnnealException;
import dev.anneal.core.bundle.GraphInputs;
import dev.anneal.core.features.FittedPipeline;
import dev.anneal.core.features.TextTokensFeature;
import dev.anneal.core.io.Json;
import dev.anneal.core.text.Tokenizer;
import dev.anneal.train.deep.TabularLayout;
import dev.anneal.train.deep.text.TextEncoder;
import dev.anneal.train.deep.text.TextEncoderFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trained text encoder of one column of a deep candidate of a completed run, run alone: texts in, one
 * embedding per text out, exactly as the network computed them inside (the column's saved tokenizer, the
 * encoder's saved weights, inference mode). Behind {@code anneal embed}.
 *
 * <p>Not thread-safe; close it to free the encoder's arrays.
 */
public final class TextEmbedder implements AutoCloseable {

    private final String model;
    private final String column;
    private final Tokenizer tokenizer;
    private final NDManager manager;
    private final TextEncoder encoder;

    private TextEmbedder(String model, String column, Tokenizer tokenizer, NDManager manager, TextEncoder encoder) {
        this.model = model;
        this.column = column;
        this.tokenizer = tokenizer;
        this.manager = manager;
        this.encoder = encoder;
    }

    /**
     * The encoder of text column {@code column} of candidate {@code model} of the completed run in
     * {@code run}, on {@code device}. Without a {@code model}, the run's winner when it has an encoder of
     * that column, else the only candidate that has one.
     *
     * @throws AnnealException when the run, the candidate or the column is not there, the candidate reads
     *     the column without an encoder (TF-IDF), or the choice is ambiguous; each message names what
     *     there is to choose from
     */
    public static TextEmbedder open(Path run, String model, String column, Device device) {
        JsonNode metrics = readJson(run.resolve("metrics.json"), run + " is not a completed run folder");
        Map<String, String> encoders = encodersByCandidate(run, column);
        String chosen = model != null ? model : defaultCandidate(run, column, metrics.path("winner").asText(null),
                encoders);
        if (!Files.isDirectory(run.resolve("models").resolve(chosen))
                || !Files.isRegularFile(run.resolve("models").resolve(chosen).resolve("features.json"))) {
            throw new AnnealException(run + " has no finished candidate '" + chosen + "'");
        }
        if (!encoders.containsKey(chosen)) {
            throw new AnnealException("candidate '" + chosen + "' of " + run + " has no text encoder of column '" + column
                    + "' (" + (encoders.isEmpty() ? "no candidate has one" : "candidates with one: "
                            + List.copyOf(encoders.keySet())) + ")");
        }
        Path folder = run.resolve("models").resolve(chosen);
        FittedPipeline pipeline = readPipeline(folder.resolve("features.json"));
        TabularLayout.TextInput text = TabularLayout.of(pipeline).texts().stream()
                .filter(t -> t.column().equals(column)).findFirst()
                .orElseThrow(() -> new AnnealException(folder.resolve("features.json") + " has no text column '"
                        + column + "'"));
        Tokenizer tokenizer = pipeline.features().stream()
                .filter(f -> f instanceof TextTokensFeature t && t.column().equals(column))
                .map(f -> ((TextTokensFeature) f).tokenizer()).findFirst().orElseThrow();
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            TextEncoder encoder = TextEncoderFile.load(folder.resolve(encoders.get(chosen)), text, manager);
            return new TextEmbedder(chosen, column, tokenizer, manager, encoder);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The candidates of {@code run} whose network has an encoder of {@code column}, with its file. */
    private static Map<String, String> encodersByCandidate(Path run, String column) {
        Map<String, String> found = new TreeMap<>();
        Path models = run.resolve("models");
        if (!Files.isDirectory(models)) {
            return found;
        }
        try (var folders = Files.list(models)) {
            for (Path folder : folders.sorted().toList()) {
                Path network = folder.resolve("network.json");
                if (Files.isRegularFile(network)) {
                    JsonNode file = readJson(network, "cannot read " + network).path("text_encoders").path(column);
                    if (file.isTextual()) {
                        found.put(folder.getFileName().toString(), file.asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new AnnealException("cannot list " + models + ": " + e.getMessage(), e);
        }
        return found;
    }

    private static String defaultCandidate(Path run, String column, String winner, Map<String, String> encoders) {
        if (winner != null && encoders.containsKey(winner)) {
            return winner;
        }
        if (encoders.size() == 1) {
            return encoders.keySet().iterator().next();
        }
        String why = winner == null ? "the run has no winner" : "the winner '" + winner + "' has no text encoder of"
                + " column '" + column + "'";
        throw new AnnealException(why + "; choose one with --model"
                + (encoders.isEmpty() ? " (no candidate of " + run + " has one: the deep families encode text, "
                        + "xgboost and linear read TF-IDF)" : " from " + List.copyOf(encoders.keySet())));
    }

    private static JsonNode readJson(Path file, String problem) {
        if (!Files.isRegularFile(file)) {
            throw new AnnealException(problem + " (no " + file.getFileName() + ")");
        }
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new AnnealException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static FittedPipeline readPipeline(Path file) {
        try {
            return FittedPipeline.fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new AnnealException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The candidate whose encoder this is. */
    public String model() {
        return model;
    }

    /** The text column. */
    public String column() {
        return column;
    }

    /** The width of an embedding. */
    public int dim() {
        return encoder.outputDim();
    }

    /**
     * The embeddings of {@code texts} ({@code null} is the empty text), row-major: {@code texts.size() x
     * dim()} floats. The batch is padded to its longest row.
     */
    public float[] embed(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0];
        }
        // The token ids and mask exactly as a bundle's graph gets them.
        Map<String, Object> tokens = new HashMap<>();
        GraphInputs.putTokens(tokens, column, tokenizer, texts.toArray(String[]::new));
        try (NDManager batch = manager.newSubManager()) {
            NDArray ids = batch.create((long[][]) tokens.get(column));
            NDArray mask = batch.create((long[][]) tokens.get(GraphInputs.maskName(column))).toType(DataType.FLOAT32,
                    false);
            return encoder.forward(new ParameterStore(batch, false), new NDList(ids, mask), false).singletonOrThrow()
                    .toFloatArray();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
