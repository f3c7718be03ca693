package dev.anneal.train.deep.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.anneal.core.Task;
import dev.anneal.train.deep.TabularLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TabularInputBlockTest {

    private static final TabularLayout LAYOUT = new TabularLayout(2, new int[] {3, 2});
    /** Two rows: numbers, then indices of columns with 3 and 2 levels. */
    private static final float[] ROWS = {0.5f, -1f, 2, 1, /* */ 3f, 0f, 0, 0};

    private static float[] forward(TabularInputBlock block, NDManager manager) {
        block.initialize(manager, DataType.FLOAT32, new Shape(2, LAYOUT.width()));
        NDArray x = manager.create(ROWS, new Shape(2, LAYOUT.width()));
        NDArray out = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
        assertEquals(block.getOutputShapes(new Shape[] {new Shape(2, LAYOUT.width())})[0], out.getShape());
        return out.toFloatArray();
    }

    private static float[] parameter(Block block, String name) {
        return block.getParameters().get(name).getArray().toFloatArray();
    }

    @Test
    void oneHotIsNumbersThenOneIndicatorPerLevel() {
        TabularInputBlock block = TabularInputBlock.builder(LAYOUT)
                .optCategorical(TabularInputBlock.Categorical.ONEHOT).build();
        assertEquals(2 + 5, block.outputWidth());
        try (NDManager manager = NDManager.newBaseManager()) {
            assertArrayEquals(new float[] {0.5f, -1f, 0, 0, 1, 0, 1, /* */ 3f, 0f, 1, 0, 0, 1, 0},
                    forward(block, manager));
        }
    }

    @Test
    void embeddingsAreRowsOfOneSharedTable() {
        TabularInputBlock block = TabularInputBlock.builder(LAYOUT).optEmbeddingDim(2).build();
        assertEquals(2 + 2 * 2, block.outputWidth());
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] out = forward(block, manager);
            float[] table = parameter(block, "embedding"); // 5 rows x 2
            assertEquals(10, table.length);
            // row 0: column 0 level 2 -> table row 2; column 1 level 1 -> table row 3 + 1
            assertArrayEquals(new float[] {0.5f, -1f, table[4], table[5], table[8], table[9]},
                    java.util.Arrays.copyOfRange(out, 0, 6));
            assertArrayEquals(new float[] {3f, 0f, table[0], table[1], table[6], table[7]},
                    java.util.Arrays.copyOfRange(out, 6, 12));
        }
    }

    @Test
    void tokensAreClsThenNumericThenCategorical() {
        TabularInputBlock block = TabularInputBlock.builder(LAYOUT).optTokens(4).build();
        assertEquals(5, block.tokenCount());
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] out = forward(block, manager); // [2, 5, 4]
            float[] cls = parameter(block, "cls");
            float[] weight = parameter(block, "numeric_weight"); // [2, 4]
            float[] bias = parameter(block, "numeric_bias");
            float[] table = parameter(block, "embedding"); // [5, 4]
            float[] categoryBias = parameter(block, "category_bias"); // [2, 4]
            for (int k = 0; k < 4; k++) {
                assertEquals(cls[k], out[k], 1e-6);
                assertEquals(cls[k], out[20 + k], 1e-6);
                assertEquals(0.5f * weight[k] + bias[k], out[4 + k], 1e-6);
                assertEquals(-1f * weight[4 + k] + bias[4 + k], out[8 + k], 1e-6);
                assertEquals(table[2 * 4 + k] + categoryBias[k], out[12 + k], 1e-6);
                assertEquals(table[4 * 4 + k] + categoryBias[4 + k], out[16 + k], 1e-6);
            }
        }
    }

    @Test
    void numericEmbeddingsGiveOneVectorPerFeature() {
        TabularInputBlock periodic = TabularInputBlock.builder(LAYOUT).optEmbeddingDim(3)
                .optNumericEmbedding(TabularInputBlock.NumericEmbedding.PERIODIC).optPeriodic(5, 0.5f).build();
        assertEquals(2 * 3 + 2 * 3, periodic.outputWidth());
        TabularInputBlock ple = TabularInputBlock.builder(LAYOUT).optTokens(8)
                .optNumericEmbedding(TabularInputBlock.NumericEmbedding.PLE)
                .optPleEdges(new double[][] {{0, 1, 2}, {-1, 0, 1, 2, 3}}).build();
        assertEquals(4, ple.pleBins());
        try (NDManager manager = NDManager.newBaseManager()) {
            forward(periodic, manager);
            assertEquals(new Shape(2, 5), periodic.getParameters().get("frequencies").getArray().getShape());
            assertEquals(new Shape(2, 10, 3), periodic.getParameters().get("numeric_embedding_weight").getShape());
            forward(ple, manager);
            Parameter constants = ple.getParameters().get("ple_constants");
            assertFalse(constants.requiresGradient(), "fitted edges are not trained");
            assertEquals(new Shape(5, 2, 4), constants.getArray().getShape());
        }
    }

    @Test
    void pleWithoutFittedEdgesIsAClearError() {
        MlpBuilder mlp = new MlpBuilder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                mlp.build(LAYOUT, 1, mlp.resolve(Map.of("numeric_embedding", "ple"))));
        assertTrue(e.getMessage().contains("'ple_edges'"), e.getMessage());
        // no numeric columns: nothing to fit
        mlp.build(new TabularLayout(0, new int[] {4}), 1, mlp.resolve(Map.of("numeric_embedding", "ple")));
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        TabularInputBlock block = TabularInputBlock.builder(LAYOUT).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class,
                    () -> block.initialize(manager, DataType.FLOAT32, new Shape(2, LAYOUT.width() + 1)));
        }
    }

    /** Numeric embeddings learn: training reaches the frequencies and the per-feature layers. */
    @Test
    void numericEmbeddingsTrainInsideEveryArchitecture() {
        float[] x = NetFixture.rows(NetFixture.BATCH, 6);
        double[][] edges = PiecewiseLinearEncoding.quantileEdges(x, NetFixture.BATCH, NetFixture.LAYOUT.width(),
                NetFixture.LAYOUT.numericCount(), 8);
        List<Map.Entry<dev.anneal.train.deep.NetworkBuilder, Map<String, Object>>> cases = List.of(
                Map.entry(new MlpBuilder(), Map.of("hidden", List.of(32))),
                Map.entry(new ResNetBuilder(), Map.of("d_main", 16, "d_hidden", 16, "blocks", 1)),
                Map.entry(new FtTransformerBuilder(), Map.of("d_token", 16, "heads", 4, "layers", 1,
                        "attention_dropout", 0.0, "ffn_dropout", 0.0)));
        for (var entry : cases) {
            for (String kind : List.of("periodic", "ple")) {
                Map<String, Object> params = new HashMap<>(entry.getValue());
                params.put("numeric_embedding", kind);
                params = new HashMap<>(entry.getKey().forTask(entry.getKey().resolve(params), Task.BINARY));
                params.put(TabularInputBlock.PLE_EDGES, edges);
                Block block = entry.getKey().build(NetFixture.LAYOUT, 1, params);
                try (NetFixture net = new NetFixture(block, 1, 3)) {
                    float[] before = kind.equals("ple") ? constants(net) : null;
                    net.backward(x);
                    String what = entry.getKey().getClass().getSimpleName() + " " + kind;
                    assertEquals(List.of(), net.parametersWithoutGradient(), what);
                    List<Float> losses = net.train(x, 40);
                    assertTrue(losses.get(39) < 0.5 * losses.get(0), what + ": " + losses);
                    if (before != null) {
                        assertArrayEquals(before, constants(net), what + ": the fitted edges stay fixed");
                    }
                }
            }
        }
    }

    private static float[] constants(NetFixture net) {
        return net.model.getBlock().getParameters().stream()
                .filter(p -> p.getKey().endsWith("ple_constants")).findFirst().orElseThrow()
                .getValue().getArray().toFloatArray();
    }

    @Test
    void modelSavesAndLoadsTheInputParameters(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        double[][] edges = {{0, 1, 2}, {-1, 0, 1}};
        TabularInputBlock.Builder builder = TabularInputBlock.builder(LAYOUT).optEmbeddingDim(3)
                .optNumericEmbedding(TabularInputBlock.NumericEmbedding.PLE).optPleEdges(edges);
        float[] saved;
        try (Model model = Model.newInstance("input")) {
            model.setBlock(builder.build());
            saved = forward((TabularInputBlock) model.getBlock(), model.getNDManager());
            model.save(dir, "input");
        }
        try (Model model = Model.newInstance("input")) {
            TabularInputBlock fresh = builder.build();
            model.setBlock(fresh);
            fresh.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(2, LAYOUT.width()));
            model.load(dir, "input");
            NDArray x = model.getNDManager().create(ROWS, new Shape(2, LAYOUT.width()));
            float[] loaded = fresh.forward(new ParameterStore(model.getNDManager(), false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
            assertArrayEquals(saved, loaded);
        }
    }
}
