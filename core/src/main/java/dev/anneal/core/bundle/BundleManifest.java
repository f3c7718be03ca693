package dev.anneal.core.bundle;

import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: what a model bundle is and how to call it, so that a runtime needs nothing
 * else. Written last, with the SHA-256 of every other file in the bundle.
 *
 * @param formatVersion the bundle format, {@value ModelBundle#FORMAT_VERSION}; a reader refuses others
 * @param name the model's name (the config's {@code name})
 * @param version the version folder it was written to
 * @param task {@code binary}, {@code multiclass} or {@code regression}
 * @param target the column the model predicts (a labelled file for evaluation holds it)
 * @param candidate the winning candidate's name and family
 * @param classes the class labels in the order of the {@code probabilities} output (empty for regression)
 * @param positive the positive class of a binary task, else {@code null}
 * @param threshold the positive class's decision threshold chosen on validation (binary), else {@code null}
 * @param inputs the graph's inputs, one per raw column
 * @param outputs the graph's output names
 * @param metrics per split ({@code validation}, {@code test}, {@code test_onnx}: the test split scored by
 *     the exported graph itself) the task's metrics
 * @param provenance where the model comes from (run folder, data file and its SHA-256, anneal version...)
 * @param files every other file of the bundle with its SHA-256 (hex)
 */
public record BundleManifest(
        int formatVersion,
        String name,
        String version,
        String task,
        String target,
        Map<String, String> candidate,
        List<String> classes,
        String positive,
        Double threshold,
        List<InputColumn> inputs,
        List<String> outputs,
        Map<String, Map<String, Double>> metrics,
        Map<String, Object> provenance,
        Map<String, String> files) {

    /**
     * One raw input column.
     *
     * @param type {@code numeric} (a double, NaN = missing), {@code date} (double epoch seconds, UTC, NaN =
     *     missing), {@code category} (a string, "" = missing) or {@code text} (int64 token ids and their
     *     mask, from the bundle's {@code tokenizer})
     * @param categories the categories seen in training (category inputs only); others are unseen
     * @param min the smallest value seen in training (numeric inputs only)
     * @param max the largest value seen in training (numeric inputs only)
     * @param training the column's distribution over the training rows (of a text, its token count), for
     *     drift checks
     * @param tokenizer the bundle's file with the tokenizer of a text input ({@code tokenizer.json} format),
     *     else {@code null}
     */
    public record InputColumn(String column, String type, List<String> categories, Double min, Double max,
            Distribution training, String tokenizer) {

        /** An input that is not text. */
        public InputColumn(String column, String type, List<String> categories, Double min, Double max,
                Distribution training) {
            this(column, type, categories, min, max, training, null);
        }
    }

    /** This manifest with {@code files} as its file hashes. */
    public BundleManifest withFiles(Map<String, String> files) {
        return new BundleManifest(formatVersion, name, version, task, target, candidate, classes, positive, threshold, inputs,
                outputs, metrics, provenance, files);
    }
}
