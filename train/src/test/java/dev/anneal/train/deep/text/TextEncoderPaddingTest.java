package dev.anneal.train.deep.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.anneal.core.config.TextConfig;
import dev.anneal.core.config.TextConfig.EncoderType;
import dev.anneal.train.deep.TabularLayout;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A row's embedding does not depend on its batch: alone (cut to its own length) or beside a longer row (so
 * padded), every encoder gives the same numbers. Embeddings, and the exported graphs that pad every row to
 * the column's maximum, rely on it.
 */
class TextEncoderPaddingTest {

    private static final int VOCAB = 50;

    private static float[] embed(TextEncoder encoder, NDManager manager, long[][] rows) {
        int length = Arrays.stream(rows).mapToInt(row -> row.length).max().orElse(1);
        long[] ids = new long[rows.length * length];
        float[] mask = new float[ids.length];
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < rows[r].length; i++) {
                ids[r * length + i] = rows[r][i];
                mask[r * length + i] = 1;
            }
        }
        Shape shape = new Shape(rows.length, length);
        return encoder.forward(new ParameterStore(manager, false), new NDList(manager.create(ids, shape),
                manager.create(mask, shape)), false).singletonOrThrow().toFloatArray();
    }

    @ParameterizedTest
    @EnumSource(value = EncoderType.class, names = {"BAG", "CNN", "TRANSFORMER"})
    void aRowEmbedsAloneAsBesideALongerRow(EncoderType type) {
        TextConfig.Encoder settings = new TextConfig.Encoder(type, 8, 1, 2, List.of(2, 3, 4), 4, "mean", null, false,
                null);
        TextEncoder encoder = TextEncoders.create(new TabularLayout.TextInput("review", 16, VOCAB, settings));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            encoder.initialize(manager, DataType.FLOAT32, new Shape(2, 16), new Shape(2, 16));
            long[] row = {2, 7, 9, 11, 13};
            long[] longer = {2, 3, 5, 8, 13, 21, 34, 40, 41, 42, 43, 44};
            float[] alone = embed(encoder, manager, new long[][] {row});
            float[] batched = embed(encoder, manager, new long[][] {row, longer});
            assertArrayEquals(alone, Arrays.copyOf(batched, alone.length), 1e-6f);
        }
    }
}
