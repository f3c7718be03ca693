package dev.anneal.train.deep;

import ai.djl.nn.Block;
import dev.anneal.core.Task;
import dev.anneal.core.config.Problems;
import java.util.Map;
import java.util.Set;

/**
 * One deep architecture ({@code mlp}, {@code resnet}, {@code ft_transformer}): which parameters it takes,
 * their checks, and the DJL block it builds for a given input layout. The training loop, losses and
 * optimiser are shared by all architectures ({@link DeepFamily}).
 */
public interface NetworkBuilder {

    /** The architecture parameters this builder reads (besides the shared training parameters). */
    Set<String> parameterNames();

    /**
     * Adds a problem, with its path ({@code path + "." + name}), for every architecture parameter in
     * {@code params} that is out of range (negative sizes, heads not dividing the width, dropout outside
     * [0, 1), unknown activation or norm...). Keys not in {@link #parameterNames()} are ignored here.
     */
    void check(Map<String, Object> params, String path, Problems problems);

    /** {@code params} with every architecture default filled in (keys of {@link #parameterNames()} only). */
    Map<String, Object> resolve(Map<String, Object> params);

    /**
     * {@code params} (resolved) with the choices a config may leave to the task ({@code auto}) made for
     * {@code task}; the network is built from, and the run records, what this returns.
     */
    default Map<String, Object> forTask(Map<String, Object> params, Task task) {
        return params;
    }

    /**
     * The network for inputs laid out as {@code layout} ({@code [batch, layout.width()]} float rows) with
     * {@code outputs} logits or values per row. {@code params} is resolved (every default present).
     */
    Block build(TabularLayout layout, int outputs, Map<String, Object> params);
}
