package dev.anneal.train.deep;

import ai.djl.ndarray.NDManager;
import dev.anneal.core.AnnealException;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.io.AtomicFiles;
import dev.anneal.train.deep.nets.NetworkGraph;
import dev.anneal.train.deep.nets.TabularInputBlock;
import dev.anneal.train.deep.text.TextEncoder;
import dev.anneal.train.deep.text.TextEncoderFile;
import dev.anneal.train.export.ScoreGraph;
import dev.anneal.train.model.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trained deep network with its best epoch's weights. Saves DJL's parameter file, a
 * {@code network.json} describing the architecture, input layout and target scaling, the learning
 * curve as {@code learning_curve.json}, and each text column's encoder alone ({@link TextEncoderFile}).
 */
final class DeepModel implements TrainedModel {

    private final String family;
    private final DeepTrainer.Result result;
    private final TaskHead head;
    private final TabularLayout layout;
    private final Map<String, Object> params;

    DeepModel(String family, DeepTrainer.Result result, TaskHead head, TabularLayout layout, Map<String, Object> params) {
        this.family = family;
        this.result = result;
        this.head = head;
        this.layout = layout;
        this.params = Map.copyOf(params);
    }

    @Override
    public double[] predict(FeatureMatrix features) {
        try (NDManager manager = result.model().getNDManager().newSubManager()) {
            return head.predictions(DeepTrainer.forward(result.model().getBlock(), features, manager));
        }
    }

    @Override
    public Map<String, Object> params() {
        return params;
    }

    @Override
    public Integer bestIteration() {
        return result.bestEpoch();
    }

    @Override
    public ScoreGraph scoreGraph() {
        return new NetworkGraph(result.model().getBlock(), params, head.targetMean(), head.targetScale());
    }

    @Override
    public void save(Path folder) {
        try {
            Files.createDirectories(folder);
            result.model().save(folder, "network");
        } catch (IOException e) {
            throw new AnnealException("cannot save the " + family + " network into " + folder + ": " + e.getMessage(), e);
        }
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("family", family);
        network.put("params", new TreeMap<>(params));
        network.put("numeric_inputs", layout.numericCount());
        network.put("category_cardinalities", layout.cardinalities());
        network.put("outputs", head.outputs());
        network.put("target_mean", head.targetMean());
        network.put("target_scale", head.targetScale());
        network.put("best_epoch", result.bestEpoch());
        network.put("text_encoders", saveTextEncoders(folder));
        AtomicFiles.writeJson(folder.resolve("network.json"), network);
        AtomicFiles.writeJson(folder.resolve("learning_curve.json"), result.curve());
    }

    /** Each text column's encoder in a file of its own, for {@code anneal embed}: column to file name. */
    private Map<String, String> saveTextEncoders(Path folder) {
        Map<String, String> files = new LinkedHashMap<>();
        List<TextEncoder> encoders = TabularInputBlock.of(result.model().getBlock()).textEncoders();
        for (int i = 0; i < encoders.size(); i++) {
            String file = TextEncoderFile.name(i);
            TextEncoderFile.save(encoders.get(i), folder.resolve(file));
            files.put(layout.texts().get(i).column(), file);
        }
        return files;
    }
}
