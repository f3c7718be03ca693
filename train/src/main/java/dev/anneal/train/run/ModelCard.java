package dev.anneal.train.run;

import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.core.config.ProjectConfig;
import java.util.Locale;
import java.util.Map;

/**
 * {@code MODEL_CARD.md}: what a person needs before using a bundle — what it predicts, from which data
 * and split, how well (each figure with its split), at which decision threshold, its limits, and how to
 * call it.
 */
final class ModelCard {

    private ModelCard() {
    }

    static String of(BundleManifest manifest, ProjectConfig config, PreparedData data) {
        StringBuilder card = new StringBuilder();
        card.append("# Model card: ").append(manifest.name()).append(", version ").append(manifest.version())
                .append("\n\n## Intended use\n\n")
                .append("Predicts `").append(config.target()).append("` (").append(manifest.task()).append(") from ")
                .append(manifest.inputs().size()).append(" columns of rows like those of `")
                .append(config.data().path().getFileName()).append("`. ");
        if (manifest.positive() != null) {
            card.append("The positive class is `").append(manifest.positive()).append("`. ");
        }
        card.append("It was chosen among the run's candidates on validation; it is the `")
                .append(manifest.candidate().get("type")).append("` candidate `")
                .append(manifest.candidate().get("name")).append("`.\n\n## Data and split\n\n")
                .append(String.format(Locale.ROOT, "%,d rows of `%s` (SHA-256 `%s`), split by `%s` (seed %d).%n%n",
                        data.table().rowCount(), config.data().path().getFileName(),
                        manifest.provenance().get("data_sha256"), config.split().method().configName(),
                        config.seed()))
                .append("## Metrics\n\n| split | metric | value |\n|---|---|---|\n");
        for (Map.Entry<String, Map<String, Double>> split : manifest.metrics().entrySet()) {
            if (split.getValue() == null) {
                continue;
            }
            for (Map.Entry<String, Double> metric : split.getValue().entrySet()) {
                card.append(String.format(Locale.ROOT, "| %s | %s | %.4f |%n", split.getKey(), metric.getKey(),
                        metric.getValue()));
            }
        }
        card.append("\nValidation chose the model (and the threshold); test was used only to report. `test_onnx` is ")
                .append("the test split scored by this bundle's `model.onnx` itself.\n\n");
        if (manifest.threshold() != null) {
            card.append(String.format(Locale.ROOT, "## Decision threshold%n%nThe `label` output is `%s` when its "
                    + "probability is at least %.4f (the threshold that maximised F1 on validation).%n%n",
                    manifest.positive(), manifest.threshold()));
        }
        card.append("## Limitations\n\n")
                .append("- It has seen only the training rows' categories and numeric ranges (listed in `manifest.json`);")
                .append(" an unseen category is treated as the encoding's unseen/other level, and a number outside")
                .append(" the range is extrapolated by the model, not refused.\n")
                .append("- Its figures hold for data drawn like the training file; check drift before relying on it.\n\n")
                .append("## How to call it\n\n")
                .append("`model.onnx` takes one input per column, each `[batch, 1]`: double for numeric columns and for ")
                .append("dates (epoch seconds, UTC), NaN for missing; string for categorical ones (the empty string for ")
                .append("missing). Its outputs are ")
                .append(String.join(", ", manifest.outputs().stream().map(o -> "`" + o + "`").toList()))
                .append(manifest.classes().isEmpty() ? "" : "; `probabilities` columns follow the class order "
                        + manifest.classes())
                .append(". Any ONNX runtime (opset 17, ai.onnx.ml 3) runs it.\n");
        return card.toString();
    }
}
