package dev.anneal.train.deep.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.anneal.core.AnnealException;
import dev.anneal.core.config.TextConfig;
import dev.anneal.core.config.TextConfig.EncoderType;
import dev.anneal.train.deep.TabularLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An encoder saved alone and rebuilt from its column's settings computes what the original computed, for
 * every encoder type: what {@code anneal embed} relies on.
 */
class TextEncoderFileTest {

    private static final Path TINY = Path.of("src/test/resources/pretrained/tiny-encoder/encoder.pt");
    private static final int VOCAB = 40;
    private static final int LENGTH = 12;

    @TempDir
    Path tmp;

    private static TabularLayout.TextInput input(EncoderType type, boolean trainable) {
        TextConfig.Encoder encoder = new TextConfig.Encoder(type, 8, 1, 2, List.of(2, 3), 4, "mean",
                type == EncoderType.PRETRAINED ? TINY : null, trainable, null);
        return new TabularLayout.TextInput("review", LENGTH, VOCAB, encoder);
    }

    /** Two rows of ids below {@link #VOCAB}, the second padded after 5 tokens. */
    private static NDList batch(NDManager manager) {
        long[] ids = new long[2 * LENGTH];
        float[] mask = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boolean real = i < LENGTH + 5;
            ids[i] = real ? 2 + (i * 7) % (VOCAB - 2) : 0;
            mask[i] = real ? 1 : 0;
        }
        return new NDList(manager.create(ids, new Shape(2, LENGTH)), manager.create(mask, new Shape(2, LENGTH)));
    }

    private static float[] run(TextEncoder encoder, NDManager manager) {
        return encoder.forward(new ParameterStore(manager, false), batch(manager), false).singletonOrThrow()
                .toFloatArray();
    }

    @ParameterizedTest
    @EnumSource(EncoderType.class)
    void aReloadedEncoderComputesWhatTheSavedOneDid(EncoderType type) {
        // Trainable, so that a pretrained encoder's weights are in the file too.
        TabularLayout.TextInput text = input(type, true);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            TextEncoder original = TextEncoders.create(text);
            Shape shape = new Shape(2, LENGTH);
            original.initialize(manager, DataType.FLOAT32, shape, shape);
            // Moves every weight away from the file's, so that only loading can bring them back.
            original.getParameters().values().forEach(p -> p.getArray().addi(0.25f));
            float[] expected = run(original, manager);
            Path file = tmp.resolve(TextEncoderFile.name(0));
            TextEncoderFile.save(original, file);
            TextEncoder reloaded = TextEncoderFile.load(file, text, manager);
            assertEquals(original.outputDim(), reloaded.outputDim());
            assertArrayEquals(expected, run(reloaded, manager), 1e-6f);
            TextEncoder fresh = TextEncoders.create(text);
            fresh.initialize(manager, DataType.FLOAT32, shape, shape);
            assertFalse(Arrays.equals(expected, run(fresh, manager)), "the test must tell weights apart");
        }
    }

    @Test
    void aFileOfAnotherEncoderIsRefusedWithTheColumn() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            TextEncoder bag = TextEncoders.create(input(EncoderType.BAG, false));
            Shape shape = new Shape(2, LENGTH);
            bag.initialize(manager, DataType.FLOAT32, shape, shape);
            Path file = tmp.resolve("bag.params");
            TextEncoderFile.save(bag, file);
            AnnealException e = assertThrows(AnnealException.class,
                    () -> TextEncoderFile.load(file, input(EncoderType.CNN, false), manager));
            assertTrue(e.getMessage().startsWith(file + ": not the cnn encoder of column 'review'"), e.getMessage());
            AnnealException missing = assertThrows(AnnealException.class,
                    () -> TextEncoderFile.load(tmp.resolve("none.params"), input(EncoderType.BAG, false), manager));
            assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
            assertFalse(Files.exists(tmp.resolve("none.params")));
        }
    }
}
