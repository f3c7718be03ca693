package dev.anneal.train.deep.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import dev.anneal.core.config.Problems;
import dev.anneal.train.deep.TabularLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FtTransformerBuilderTest {

    private static final Map<String, Object> SMALL = Map.of("d_token", 16, "heads", 4, "layers", 2);

    private final FtTransformerBuilder builder = new FtTransformerBuilder();

    private Block build(int outputs, Map<String, Object> params) {
        return builder.build(NetFixture.LAYOUT, outputs, builder.resolve(params));
    }

    private static Map<String, Object> small(Object... more) {
        Map<String, Object> params = new LinkedHashMap<>(SMALL);
        for (int i = 0; i < more.length; i += 2) {
            params.put((String) more[i], more[i + 1]);
        }
        return params;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void forwardGivesOneRowOfOutputsPerInputRow(int outputs) {
        try (NetFixture net = new NetFixture(build(outputs, SMALL), outputs, 1)) {
            assertEquals(new Shape(NetFixture.BATCH, outputs), net.outputShape(NetFixture.rows(NetFixture.BATCH, 2)));
            assertEquals(new Shape(3, outputs), net.outputShape(NetFixture.rows(3, 2)));
        }
    }

    @Test
    void countsTokenizerAttentionAndFeedForward() {
        Block block = build(3, small("layers", 1, "ffn_factor", 2));
        try (NetFixture net = new NetFixture(block, 3, 1)) {
            long d = 16;
            long tokenizer = 10 * d + 2 * d + d + 5 * d + 5 * d; // table, category bias, cls, numeric W and b
            long attention = 4 * (d * d + d); // q, k, v and output projections; no norm before the first layer
            long ffn = 2 * d + d * 32 + 32 + 32 * d + d;
            long head = 2 * d + d * 3 + 3;
            assertEquals(tokenizer + attention + ffn + head, net.parameterCount());
        }
        long attentionBlocks = build(1, SMALL).getChildren().values().stream()
                .flatMap(child -> child.getChildren().values().stream())
                .flatMap(child -> child.getChildren().values().stream())
                .filter(ScaledDotProductAttentionBlock.class::isInstance).count();
        assertEquals(2, attentionBlocks);
    }

    @Test
    void trainingReducesTheLossAndReachesEveryParameter() {
        for (int outputs : new int[] {1, 3}) {
            Map<String, Object> params = small("attention_dropout", 0.1, "ffn_dropout", 0.05, "residual_dropout", 0.05);
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
    void worksWithOnlyNumericOrOnlyCategoricalColumns() {
        for (TabularLayout layout : List.of(new TabularLayout(3, new int[0]), new TabularLayout(0, new int[] {4, 2}))) {
            Block block = builder.build(layout, 2, builder.resolve(SMALL));
            try (ai.djl.Model model = ai.djl.Model.newInstance("ft")) {
                model.setBlock(block);
                block.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(4, layout.width()));
                ai.djl.ndarray.NDArray x = model.getNDManager().zeros(new Shape(4, layout.width()));
                Shape out = block.forward(new ai.djl.training.ParameterStore(model.getNDManager(), false),
                        new ai.djl.ndarray.NDList(x), false).singletonOrThrow().getShape();
                assertEquals(new Shape(4, 2), out);
            }
        }
    }

    @Test
    void sameSeedGivesSameNetwork() {
        float[] x = NetFixture.rows(16, 9);
        float[] first;
        try (NetFixture net = new NetFixture(build(3, SMALL), 3, 42)) {
            first = net.predict(x);
        }
        try (NetFixture net = new NetFixture(build(3, SMALL), 3, 42)) {
            assertArrayEquals(first, net.predict(x));
        }
    }

    @Test
    void resolveFillsDefaults() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("d_token", 64);
        expected.put("layers", 3);
        expected.put("heads", 8);
        expected.put("ffn_factor", 2.0);
        expected.put("attention_dropout", 0.2);
        expected.put("ffn_dropout", 0.1);
        expected.put("residual_dropout", 0.0);
        expected.put("activation", "gelu");
        expected.put("numeric_embedding", "none");
        expected.put("ple_bins", 8);
        expected.put("periodic_frequencies", 16);
        expected.put("periodic_sigma", 0.1);
        assertEquals(expected, builder.resolve(Map.of("categorical", "onehot")));
    }

    @Test
    void checkReportsEveryBadValueWithItsPath() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("d_token", -64);
        params.put("layers", 0);
        params.put("heads", 2.0);
        params.put("ffn_factor", 0);
        params.put("attention_dropout", 1);
        params.put("ffn_dropout", 2);
        params.put("residual_dropout", -1);
        params.put("activation", "reglu");
        params.put("numeric_embedding", "quantile");
        Problems problems = new Problems();
        builder.check(params, "ft", problems);
        assertEquals(List.of(
                "ft.d_token: expected a positive integer, got -64",
                "ft.layers: expected a positive integer, got 0",
                "ft.heads: expected a positive integer, got 2.0",
                "ft.ffn_factor: expected a positive number, got 0",
                "ft.attention_dropout: must be in [0, 1), got 1",
                "ft.ffn_dropout: must be in [0, 1), got 2",
                "ft.residual_dropout: must be in [0, 1), got -1",
                "ft.activation: expected one of [relu, gelu, silu], got reglu; did you mean 'relu'?",
                "ft.numeric_embedding: expected one of [none, ple, periodic], got quantile"), problems.list());
    }

    @Test
    void headsMustDivideTheTokenWidth() {
        Problems problems = new Problems();
        builder.check(Map.of("heads", 5), "a", problems);
        builder.check(Map.of("d_token", 12), "b", problems);
        builder.check(Map.of("d_token", 12, "heads", 3), "c", problems);
        assertEquals(List.of("a.heads: must divide d_token (64), got 5", "b.heads: must divide d_token (12), got 8"),
                problems.list());
        assertThrows(IllegalArgumentException.class, () -> build(1, Map.of("d_token", 12)));
    }
}
