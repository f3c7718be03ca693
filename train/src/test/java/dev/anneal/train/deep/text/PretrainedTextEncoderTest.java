package dev.anneal.train.deep.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.anneal.core.AnnealException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoder on the tiny TorchScript model checked in under test resources (scripts/make_tiny_encoder.py). */
class PretrainedTextEncoderTest {

    private static final Path FOLDER = Path.of("src/test/resources/pretrained/tiny-encoder");
    private static final Path MODEL = FOLDER.resolve("encoder.pt");
    private static final String[] REVIEWS = {
        "The coffee was great, really fresh and not bitter.",
        "These cookies tasted stale; my kids hated them!",
        "Delicious chocolate cake, but the price is too high.",
        "I ordered two boxes and would buy them again.",
        "Crunchiest chips ever: salty, spicy and cheap.",
    };

    private static PretrainedTextEncoder encoder(boolean trainable) {
        return PretrainedTextEncoder.builder().setFile(MODEL).optTrainable(trainable).build();
    }

    /** Token ids of {@code text}, [CLS] and [SEP] included, padded with 0 to {@code length}. */
    private static long[] ids(HuggingFaceTokenizer tokenizer, String text, int length) {
        return Arrays.copyOf(tokenizer.encode(text).getIds(), length);
    }

    private static NDList batch(NDManager manager, long[]... rows) {
        long[] ids = Arrays.stream(rows).flatMapToLong(Arrays::stream).toArray();
        NDArray array = manager.create(ids, new Shape(rows.length, rows[0].length));
        return new NDList(array, array.neq(0).toType(DataType.FLOAT32, false));
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static float[] embed(PretrainedTextEncoder encoder, NDManager manager, NDList batch) {
        return encoder.forward(new ParameterStore(manager, false), batch, false).singletonOrThrow().toFloatArray();
    }

    @Test
    void theTokenizerLoadsInHuggingFacesLibraryAndKnowsReviewWords() throws Exception {
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(FOLDER.resolve("tokenizer.json"))) {
            List<String> tokens = Arrays.asList(tokenizer.encode("The coffee was GREAT, tasty!").getTokens());
            assertEquals(List.of("[CLS]", "the", "coffee", "was", "great", ",", "tasty", "!", "[SEP]"), tokens);
            // A word outside the vocabulary falls into word pieces, down to single letters, never [UNK].
            List<String> pieces = Arrays.asList(tokenizer.encode("crunchiest").getTokens());
            assertTrue(pieces.size() > 3, pieces.toString());
            assertEquals("crunchiest", String.join("", pieces.subList(1, pieces.size() - 1)).replace("##", ""));
            int unknown = 0;
            for (String review : REVIEWS) {
                unknown += (int) Arrays.stream(tokenizer.encode(review).getIds()).filter(id -> id == 1).count();
            }
            assertEquals(0, unknown);
        }
    }

    @Test
    void givesOneEmbeddingPerRowWhateverTheBatchSizeAndLength() {
        PretrainedTextEncoder encoder = encoder(false);
        assertEquals(32, encoder.outputDim());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 4), new Shape(1, 4));
            NDList small = batch(manager, new long[] {2, 10, 11, 3});
            NDList large = batch(manager, new long[] {2, 5, 3, 0, 0, 0, 0, 0, 0, 0, 0},
                    new long[] {2, 6, 7, 8, 9, 10, 11, 12, 13, 14, 3}, new long[] {2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            for (NDList input : List.of(small, large)) {
                NDArray out = encoder.forward(new ParameterStore(manager, false), input, false).singletonOrThrow();
                Shape expected = new Shape(input.get(0).getShape().get(0), 32);
                assertEquals(expected, out.getShape());
                assertEquals(DataType.FLOAT32, out.getDataType());
                assertEquals(expected, encoder.getOutputShapes(new Shape[] {input.get(0).getShape()})[0]);
            }
        }
    }

    @Test
    void paddingDoesNotChangeARowsEmbedding() throws Exception {
        PretrainedTextEncoder encoder = encoder(false);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(FOLDER.resolve("tokenizer.json"))) {
            encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 8), new Shape(1, 8));
            String text = "the coffee was great";
            float[] short8 = embed(encoder, manager, batch(manager, ids(tokenizer, text, 8)));
            float[] long20 = embed(encoder, manager,
                    batch(manager, ids(tokenizer, text, 20), ids(tokenizer, REVIEWS[1], 20)));
            assertArrayEquals(short8, Arrays.copyOf(long20, 32), 1e-5f);
            assertFalse(Arrays.equals(short8, Arrays.copyOfRange(long20, 32, 64)));
        }
    }

    /** What one Adam step on an encoder + linear head changed. */
    private record Step(float[] embeddingBefore, float[] embeddingAfter, float[] headBefore, float[] headAfter,
            List<Pair<String, Parameter>> encoderParameters) {
    }

    private static Step oneTrainingStep(boolean trainable) {
        PretrainedTextEncoder encoder = encoder(trainable);
        Linear head = Linear.builder().setUnits(1).build();
        SequentialBlock net = new SequentialBlock().add(encoder).add(head);
        try (Model model = Model.newInstance("text", Device.cpu(), "PyTorch")) {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config); NDManager data = model.getNDManager().newSubManager()) {
                trainer.initialize(new Shape(2, 6), new Shape(2, 6));
                NDList input = batch(data, new long[] {2, 10, 11, 12, 3, 0}, new long[] {2, 20, 21, 22, 23, 3});
                float[] embeddingBefore = embed(encoder, data, input);
                float[] headBefore = head.getParameters().get("weight").getArray().toFloatArray();
                NDArray target = data.create(new float[] {1, -1}, new Shape(2, 1));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray prediction = trainer.forward(input).singletonOrThrow();
                    collector.backward(prediction.sub(target).square().mean());
                }
                trainer.step();
                return new Step(embeddingBefore, embed(encoder, data, input), headBefore,
                        head.getParameters().get("weight").getArray().toFloatArray(),
                        encoder.getParameters().stream().toList());
            }
        }
    }

    @Test
    void frozenTheStepTrainsTheHeadAndLeavesTheEncoderAlone() {
        Step step = oneTrainingStep(false);
        assertTrue(step.encoderParameters().isEmpty(), "a frozen encoder has no parameters to train or save");
        assertArrayEquals(step.embeddingBefore(), step.embeddingAfter(), 0f);
        assertTrue(maxDifference(step.headBefore(), step.headAfter()) > 1e-3, "the head above is trained");
    }

    @Test
    void trainableTheStepChangesTheEncodersWeights() {
        Step step = oneTrainingStep(true);
        assertFalse(step.encoderParameters().isEmpty());
        assertTrue(step.encoderParameters().stream().anyMatch(p -> p.getKey().equals("tokens.weight")));
        assertTrue(step.encoderParameters().stream().allMatch(p -> p.getValue().requiresGradient()));
        assertTrue(maxDifference(step.embeddingBefore(), step.embeddingAfter()) > 1e-3, "the encoder was fine-tuned");
        assertTrue(maxDifference(step.headBefore(), step.headAfter()) > 1e-3);
    }

    @Test
    void fineTunedWeightsSurviveSavingAndLoading() throws Exception {
        PretrainedTextEncoder tuned = encoder(true);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            tuned.initialize(manager, DataType.FLOAT32, new Shape(1, 4), new Shape(1, 4));
            NDList input = batch(manager, new long[] {2, 30, 31, 3});
            float[] original = embed(tuned, manager, input);
            NDArray tokens = tuned.getParameters().get("tokens.weight").getArray();
            // Scaled, not shifted: the layer norm after the embeddings would undo a shift.
            tokens.muli(3);
            float[] changed = embed(tuned, manager, input);
            assertTrue(maxDifference(original, changed) > 1e-2, "the parameter's array is the module's own tensor");

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            tuned.saveParameters(new DataOutputStream(bytes));
            PretrainedTextEncoder loaded = encoder(true);
            loaded.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertArrayEquals(changed, embed(loaded, manager, input), 0f);
        }
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() {
        Path missing = Path.of("no", "such", "encoder.pt");
        AnnealException e = assertThrows(AnnealException.class,
                () -> PretrainedTextEncoder.builder().setFile(missing).build());
        assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("TorchScript"), e.getMessage());
    }

    @Test
    void aFileThatIsNotTorchScriptIsAnErrorNamingIt() {
        Path notAModel = FOLDER.resolve("tokenizer.json");
        AnnealException e = assertThrows(AnnealException.class,
                () -> PretrainedTextEncoder.builder().setFile(notAModel).build());
        assertTrue(e.getMessage().startsWith(notAModel + ": not a TorchScript module"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
