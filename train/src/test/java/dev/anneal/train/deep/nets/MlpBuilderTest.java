package dev.anneal.train.deep.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import dev.anneal.core.config.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MlpBuilderTest {

    private final MlpBuilder builder = new MlpBuilder();

    private Block build(int outputs, Map<String, Object> params) {
        return builder.build(NetFixture.LAYOUT, outputs, builder.resolve(params));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void forwardGivesOneRowOfOutputsPerInputRow(int outputs) {
        try (NetFixture net = new NetFixture(build(outputs, Map.of("hidden", List.of(16, 8))), outputs, 1)) {
            assertEquals(new Shape(NetFixture.BATCH, outputs), net.outputShape(NetFixture.rows(NetFixture.BATCH, 2)));
            assertEquals(new Shape(7, outputs), net.outputShape(NetFixture.rows(7, 3)));
        }
    }

    @Test
    void countsEmbeddingTableAndLayers() {
        // input: 5 numbers + 2 columns x 4 = 13; table 10 x 4; 13 -> 16 -> 3
        try (NetFixture net = new NetFixture(build(3, Map.of("hidden", List.of(16), "embedding_dim", 4)), 3, 1)) {
            assertEquals(40 + 13 * 16 + 16 + 16 * 3 + 3, net.parameterCount());
            List<String> names = net.model.getBlock().getParameters().keys();
            assertTrue(names.stream().anyMatch(n -> n.endsWith("embedding")), names.toString());
        }
        // one-hot: 5 numbers + 10 indicator columns, no table
        try (NetFixture net = new NetFixture(build(1, Map.of("hidden", List.of(16), "categorical", "onehot")), 1, 1)) {
            assertEquals(15 * 16 + 16 + 16 + 1, net.parameterCount());
        }
    }

    @Test
    void layersAreNamedBlocks() {
        Block block = build(1, Map.of("hidden", List.of(8, 8), "activation", "gelu", "norm", "layer", "dropout", 0.2));
        List<String> kinds = new ArrayList<>();
        for (Block child : block.getChildren().values()) {
            kinds.add(child instanceof LambdaBlock lambda ? lambda.getName() : child.getClass().getSimpleName());
        }
        assertEquals(List.of("TabularInputBlock", "Linear", "LayerNorm", "GELU", "Dropout", "Linear", "LayerNorm",
                "GELU", "Dropout", "Linear"), kinds);
        Block relu = build(1, Map.of("hidden", List.of(8), "dropout", 0.0));
        assertEquals(4, relu.getChildren().size(), "no norm and no dropout block when they are off");
        assertEquals("ReLU", ((LambdaBlock) relu.getChildren().get(2).getValue()).getName());
        Block silu = build(1, Map.of("hidden", List.of(8), "activation", "silu", "norm", "batch"));
        assertEquals("Swish", ((LambdaBlock) silu.getChildren().get(3).getValue()).getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedding", "onehot"})
    void trainingReducesTheLossAndReachesEveryParameter(String categorical) {
        Map<String, Object> params = Map.of("hidden", List.of(32, 32), "norm", "batch", "categorical", categorical);
        for (int outputs : new int[] {1, 3}) {
            try (NetFixture net = new NetFixture(build(outputs, params), outputs, 5)) {
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
        Map<String, Object> params = Map.of("hidden", List.of(16), "numeric_embedding", "periodic");
        float[] first;
        try (NetFixture net = new NetFixture(build(3, params), 3, 42)) {
            first = net.predict(x);
        }
        try (NetFixture net = new NetFixture(build(3, params), 3, 42)) {
            assertArrayEquals(first, net.predict(x));
        }
        try (NetFixture net = new NetFixture(build(3, params), 3, 43)) {
            assertFalse(java.util.Arrays.equals(first, net.predict(x)));
        }
    }

    @Test
    void resolveFillsDefaultsAndKeepsOnlyItsKeys() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("hidden", List.of(256, 256));
        expected.put("activation", "relu");
        expected.put("dropout", 0.1);
        expected.put("norm", "none");
        expected.put("categorical", "embedding");
        expected.put("embedding_dim", 8);
        expected.put("numeric_embedding", "none");
        expected.put("ple_bins", 8);
        expected.put("periodic_frequencies", 16);
        expected.put("periodic_sigma", 0.1);
        assertEquals(expected, builder.resolve(Map.of()));
        assertEquals(expected.keySet(), builder.parameterNames());
        Map<String, Object> resolved = builder.resolve(Map.of("hidden", List.of(32), "epochs", 5));
        assertEquals(List.of(32), resolved.get("hidden"));
        assertFalse(resolved.containsKey("epochs"));
    }

    @Test
    void checkAcceptsDefaultsAndValidValues() {
        Problems problems = new Problems();
        builder.check(builder.resolve(Map.of()), "m", problems);
        builder.check(Map.of("hidden", List.of(1, 2048), "dropout", 0, "norm", "batch", "activation", "silu",
                "categorical", "onehot", "numeric_embedding", "ple", "ple_bins", 3L, "periodic_sigma", 1), "m",
                problems);
        assertEquals(List.of(), problems.list());
    }

    @Test
    void checkReportsEveryBadValueWithItsPath() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("hidden", List.of(64, 0));
        params.put("activation", "rellu");
        params.put("dropout", 1.5);
        params.put("norm", "group");
        params.put("categorical", "hash");
        params.put("embedding_dim", 2.5);
        params.put("numeric_embedding", "periodik");
        params.put("ple_bins", -1);
        params.put("periodic_frequencies", 0);
        params.put("periodic_sigma", 0);
        params.put("unknown_key", 1);
        Problems problems = new Problems();
        builder.check(params, "models[1].params", problems);
        String at = "models[1].params.";
        assertEquals(List.of(
                at + "hidden: expected a non-empty list of positive integers, got [64, 0]",
                at + "activation: expected one of [relu, gelu, silu], got rellu; did you mean 'relu'?",
                at + "dropout: must be in [0, 1), got 1.5",
                at + "norm: expected one of [batch, layer, none], got group",
                at + "categorical: expected one of [embedding, onehot], got hash",
                at + "embedding_dim: expected a positive integer, got 2.5",
                at + "numeric_embedding: expected one of [none, ple, periodic], got periodik; did you mean 'periodic'?",
                at + "ple_bins: expected a positive integer, got -1",
                at + "periodic_frequencies: expected a positive integer, got 0",
                at + "periodic_sigma: expected a positive number, got 0"), problems.list());
    }

    @Test
    void checkRejectsAnEmptyOrNonListHidden() {
        Problems problems = new Problems();
        builder.check(Map.of("hidden", List.of()), "p", problems);
        builder.check(Map.of("hidden", 64), "p", problems);
        builder.check(Map.of("dropout", -0.1), "p", problems);
        builder.check(Map.of("dropout", "high"), "p", problems);
        assertEquals(List.of(
                "p.hidden: expected a non-empty list of positive integers, got []",
                "p.hidden: expected a non-empty list of positive integers, got 64",
                "p.dropout: must be in [0, 1), got -0.1",
                "p.dropout: must be in [0, 1), got high"), problems.list());
    }
}
