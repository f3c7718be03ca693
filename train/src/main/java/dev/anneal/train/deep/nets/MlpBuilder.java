package dev.anneal.train.deep.nets;

import static dev.anneal.train.deep.nets.NetParams.ACTIVATION;
import static dev.anneal.train.deep.nets.NetParams.DROPOUT;
import static dev.anneal.train.deep.nets.NetParams.NORM;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import dev.anneal.core.config.Problems;
import dev.anneal.train.deep.NetworkBuilder;
import dev.anneal.train.deep.TabularLayout;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code mlp} architecture: the flat input block, then per hidden layer Linear → norm → activation →
 * dropout, then a Linear to the outputs. The plain baseline of tabular deep learning; with numeric
 * embeddings it is the MLP-PLR / MLP-Q of Gorishniy et al. (2022).
 *
 * <p>Parameters (defaults): {@code hidden} [256, 256], {@code activation} relu (relu | gelu | silu),
 * {@code dropout} 0.1, {@code norm} none (batch | layer | none), {@code categorical} embedding
 * (embedding | onehot), {@code embedding_dim} 8, {@code numeric_embedding} none (none | ple | periodic),
 * {@code ple_bins} 8, {@code periodic_frequencies} 16, {@code periodic_sigma} 0.1. With {@code ple},
 * {@link #build} also needs {@value TabularInputBlock#PLE_EDGES} in the params.
 */
public final class MlpBuilder implements NetworkBuilder {

    static final String HIDDEN = "hidden";
    static final List<String> NORMS = List.of("batch", "layer", "none");

    private static final Map<String, Object> DEFAULTS = defaults();

    private static Map<String, Object> defaults() {
        Map<String, Object> defaults = NetParams.ordered(
                HIDDEN, List.of(256, 256),
                ACTIVATION, "relu",
                DROPOUT, 0.1,
                NORM, "none");
        defaults.putAll(NetParams.CATEGORICAL_DEFAULTS);
        defaults.putAll(NetParams.NUMERIC_DEFAULTS);
        return Collections.unmodifiableMap(defaults);
    }

    @Override
    public Set<String> parameterNames() {
        return DEFAULTS.keySet();
    }

    @Override
    public void check(Map<String, Object> params, String path, Problems problems) {
        NetParams.at(params, HIDDEN, path, problems, (v, at) -> NetParams.checkPositiveIntList(v, at, problems));
        NetParams.at(params, ACTIVATION, path, problems,
                (v, at) -> NetParams.checkChoice(v, NetParams.ACTIVATIONS, at, problems));
        NetParams.at(params, DROPOUT, path, problems, (v, at) -> NetParams.checkDropout(v, at, problems));
        NetParams.at(params, NORM, path, problems, (v, at) -> NetParams.checkChoice(v, NORMS, at, problems));
        NetParams.checkCategorical(params, path, problems);
        NetParams.checkNumeric(params, path, problems);
    }

    @Override
    public Map<String, Object> resolve(Map<String, Object> params) {
        return NetParams.resolve(params, DEFAULTS);
    }

    @Override
    public Block build(TabularLayout layout, int outputs, Map<String, Object> params) {
        Map<String, Object> p = NetParams.forBuild(this, outputs, params);
        String activation = NetParams.stringOf(p, ACTIVATION);
        String norm = NetParams.stringOf(p, NORM);
        float dropout = NetParams.floatOf(p, DROPOUT);
        SequentialBlock net = new SequentialBlock();
        net.add(NetParams.inputBlock(layout, p, 0));
        for (Object width : (List<?>) p.get(HIDDEN)) {
            net.add(NetParams.linear(((Number) width).intValue()));
            if (!norm.equals("none")) {
                net.add(NetParams.norm(norm, 2));
            }
            net.add(NetParams.activation(activation));
            if (dropout > 0) {
                net.add(Dropout.builder().optRate(dropout).build());
            }
        }
        net.add(NetParams.linear(outputs));
        return net;
    }
}
