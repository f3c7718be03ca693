package dev.anneal.train.deep;

import ai.djl.Device;
import dev.anneal.core.config.ModelConfig;
import dev.anneal.core.config.Problems;
import dev.anneal.core.config.Suggestions;
import dev.anneal.core.features.FeatureProfile;
import dev.anneal.train.deep.nets.PiecewiseLinearEncoding;
import dev.anneal.train.deep.nets.TabularInputBlock;
import dev.anneal.train.model.ModelFamily;
import dev.anneal.train.model.TrainedModel;
import dev.anneal.train.model.TrainingContext;
import dev.anneal.train.model.TrainingData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A deep tabular model family on DJL/PyTorch: one {@link NetworkBuilder} for the architecture, and the
 * shared training loop ({@link DeepTrainer}), losses ({@link TaskHead}) and devices ({@link Devices}).
 * Inputs come from the neural feature profile: standardised numbers, then category indices.
 */
public abstract class DeepFamily implements ModelFamily {

    private final String type;
    private final NetworkBuilder builder;

    protected DeepFamily(String type, NetworkBuilder builder) {
        this.type = type;
        this.builder = builder;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final FeatureProfile featureProfile() {
        return FeatureProfile.NEURAL;
    }

    private Set<String> parameterNames() {
        Set<String> names = new TreeSet<>(TrainingParams.names());
        names.addAll(builder.parameterNames());
        return names;
    }

    @Override
    public final void checkParams(Map<String, Object> params, String path, Problems problems) {
        Set<String> known = parameterNames();
        for (String key : params.keySet()) {
            if (!known.contains(key)) {
                problems.add(path + "." + key, "unknown parameter" + Suggestions.didYouMean(key, known) + " ("
                        + type + " takes " + known + ")");
            }
        }
        TrainingParams.check(params, path, problems);
        builder.check(params, path, problems);
    }

    @Override
    public final Map<String, Object> resolveParams(Map<String, Object> configured) {
        Map<String, Object> resolved = new LinkedHashMap<>(TrainingParams.resolve(configured));
        resolved.putAll(builder.resolve(configured));
        return resolved;
    }

    @Override
    public final TrainedModel train(TrainingData data, ModelConfig config, TrainingContext context) {
        Map<String, Object> params = builder.forTask(resolveParams(config.params()), data.trainTarget().task());
        TrainingParams training = TrainingParams.of(params);
        TabularLayout layout = TabularLayout.of(data.features());
        TaskHead head = TaskHead.of(data.trainTarget(), training.regressionLoss());
        Device[] devices = Devices.resolve(context.device());
        Map<String, Object> buildParams = new LinkedHashMap<>(params);
        buildParams.putAll(fittedInputs(params, layout, data));
        DeepTrainer.Result result = new DeepTrainer(training, head, context.selectionMetric(), context.progress(),
                config.name()).train(builder.build(layout, head.outputs(), buildParams), data.train(),
                data.trainTarget(), data.validation(), data.validationTarget(), devices, context.seed(),
                context.checkpoint());
        Map<String, Object> used = new LinkedHashMap<>(params);
        used.put("epochs_trained", result.curve().size());
        used.put("device", Devices.describe(devices));
        return new DeepModel(type, result, head, layout, used);
    }

    /**
     * Statistics of the training rows that the network's input needs, added to the parameters the
     * builder sees: the quantile bin edges of a piecewise-linear numeric embedding.
     */
    private static Map<String, Object> fittedInputs(Map<String, Object> params, TabularLayout layout, TrainingData data) {
        if (!"ple".equals(params.get("numeric_embedding")) || layout.numericCount() == 0) {
            return Map.of();
        }
        int bins = ((Number) params.get("ple_bins")).intValue();
        return Map.of(TabularInputBlock.PLE_EDGES, PiecewiseLinearEncoding.quantileEdges(data.train().values(),
                data.train().rows(), data.train().cols(), layout.numericCount(), bins));
    }
}
