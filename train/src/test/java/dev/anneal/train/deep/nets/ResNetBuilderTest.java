package dev.anneal.train.deep.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import dev.anneal.core.Task;
import dev.anneal.core.config.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResNetBuilderTest {

    private static final Map<String, Object> SMALL = Map.of("d_main", 16, "d_hidden", 32, "blocks", 2);

    private final ResNetBuilder builder = new ResNetBuilder();

    private Block build(int outputs, Map<String, Object> params) {
        return builder.build(NetFixture.LAYOUT, outputs, builder.forTask(builder.resolve(params), Task.BINARY));
    }

    private static Map<String, Object> small(Object... more) {
        Map<String, Object> params = new LinkedHashMap<>(SMALL);
        for (int i = 0; i < more.length; i += 2) {
            params.put((String) more[i], more[i + 1]);
        }
        return params;
    }

    @Test
    void autoNormIsLayerNormForARegressionAndBatchNormOtherwise() {
        assertEquals("auto", builder.resolve(SMALL).get("norm"));
        assertEquals("layer", builder.forTask(builder.resolve(SMALL), Task.REGRESSION).get("norm"));
        assertEquals("batch", builder.forTask(builder.resolve(SMALL), Task.BINARY).get("norm"));
        assertEquals("batch", builder.forTask(builder.resolve(SMALL), Task.MULTICLASS).get("norm"));
        assertEquals("batch", builder.forTask(builder.resolve(small("norm", "batch")), Task.REGRESSION).get("norm"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void forwardGivesOneRowOfOutputsPerInputRow(int outputs) {
        try (NetFixture net = new NetFixture(build(outputs, SMALL), outputs, 1)) {
            assertEquals(new Shape(NetFixture.BATCH, outputs), net.outputShape(NetFixture.rows(NetFixture.BATCH, 2)));
        }
    }

    @Test
    void hasTheBlocksOfThePaper() {
        Block block = build(3, small("norm", "layer"));
        List<Block> children = block.getChildren().values();
        // input, Linear(d_main), 2 residual blocks, head norm, activation, Linear(outputs)
        assertEquals(7, children.size());
        assertTrue(children.get(2) instanceof ParallelBlock && children.get(3) instanceof ParallelBlock);
        try (NetFixture net = new NetFixture(block, 3, 1)) {
            // table 10x8; 21 -> 16; per block: LayerNorm 2x16, 16 -> 32, 32 -> 16; head LayerNorm 2x16, 16 -> 3
            long perBlock = 2 * 16 + 16 * 32 + 32 + 32 * 16 + 16;
            assertEquals(80 + 21 * 16 + 16 + 2 * perBlock + 2 * 16 + 16 * 3 + 3, net.parameterCount());
        }
    }

    @Test
    void trainingReducesTheLossAndReachesEveryParameter() {
        for (int outputs : new int[] {1, 3}) {
            try (NetFixture net = new NetFixture(build(outputs, small("residual_dropout", 0.05)), outputs, 5)) {
                float[] x = NetFixture.rows(NetFixture.BATCH, 6);
                net.backward(x);
                assertEquals(List.of(), net.parametersWithoutGradient());
                List<Float> losses = net.train(x, 60);
                assertTrue(losses.get(59) < 0.5 * losses.get(0), outputs + " outputs: " + losses);
            }
        }
    }

    @Test
    void sameSeedGivesSameNetwork() {
        float[] x = NetFixture.rows(16, 9);
        float[] first;
        try (NetFixture net = new NetFixture(build(1, SMALL), 1, 42)) {
            first = net.predict(x);
        }
        try (NetFixture net = new NetFixture(build(1, SMALL), 1, 42)) {
            assertArrayEquals(first, net.predict(x));
        }
    }

    @Test
    void resolveFillsDefaults() {
        Map<String, Object> resolved = builder.resolve(Map.of("blocks", 5, "hidden", List.of(3)));
        assertEquals(List.of("d_main", "d_hidden", "blocks", "dropout", "residual_dropout", "activation", "norm",
                "categorical", "embedding_dim", "numeric_embedding", "ple_bins", "periodic_frequencies",
                "periodic_sigma"), List.copyOf(resolved.keySet()));
        assertEquals(128, resolved.get("d_main"));
        assertEquals(256, resolved.get("d_hidden"));
        assertEquals(5, resolved.get("blocks"));
        assertEquals(0.15, resolved.get("dropout"));
        assertEquals(0.0, resolved.get("residual_dropout"));
        assertEquals("relu", resolved.get("activation"));
        assertEquals("auto", resolved.get("norm"));
        assertEquals(resolved.keySet(), builder.parameterNames());
    }

    @Test
    void checkReportsEveryBadValueWithItsPath() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("d_main", 0);
        params.put("d_hidden", 12.5);
        params.put("blocks", -2);
        params.put("dropout", 1.0);
        params.put("residual_dropout", -0.5);
        params.put("activation", "tanh");
        params.put("norm", "none");
        params.put("embedding_dim", "8");
        Problems problems = new Problems();
        builder.check(params, "r", problems);
        assertEquals(List.of(
                "r.d_main: expected a positive integer, got 0",
                "r.d_hidden: expected a positive integer, got 12.5",
                "r.blocks: expected a positive integer, got -2",
                "r.dropout: must be in [0, 1), got 1.0",
                "r.residual_dropout: must be in [0, 1), got -0.5",
                "r.activation: expected one of [relu, gelu, silu], got tanh",
                "r.norm: expected one of [batch, layer, auto], got none",
                "r.embedding_dim: expected a positive integer, got 8"), problems.list());
        Problems none = new Problems();
        builder.check(builder.resolve(Map.of()), "r", none);
        assertFalse(!none.isEmpty(), none.list().toString());
    }
}
