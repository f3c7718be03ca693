package dev.anneal.train.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import dev.anneal.train.deep.text.PretrainedTextEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Weights laid out in one tensor train exactly as weights updated one parameter at a time. */
class ContiguousParametersTest {

    private static Block network() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(8).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(1).build());
    }

    /** Every parameter's values after three Adam steps (with weight decay and clipping) on fixed batches. */
    private static List<float[]> trainThreeSteps(boolean contiguous) {
        Engine.getEngine("PyTorch").setRandomSeed(7);
        Block block = network();
        try (Model model = Model.newInstance("net", Device.cpu(), "PyTorch")) {
            model.setBlock(block);
            CheckpointedAdam adam = new CheckpointedAdam(Tracker.fixed(0.05f), 0.01f, 0.5f, block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam)
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config); NDManager data = model.getNDManager().newSubManager()) {
                trainer.initialize(new Shape(16, 3));
                Optional<ContiguousParameters> parameters = contiguous
                        ? ContiguousParameters.layOut(block, model.getNDManager()) : Optional.empty();
                assertEquals(contiguous, parameters.isPresent());
                for (int step = 0; step < 3; step++) {
                    NDArray x = data.randomNormal(new Shape(16, 3));
                    NDArray y = x.sum(new int[] {1}, true).gt(0).toType(DataType.FLOAT32, false);
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray prediction = trainer.forward(new NDList(x)).singletonOrThrow();
                        collector.backward(prediction.sub(y).square().mean());
                    }
                    if (contiguous) {
                        adam.step(parameters.orElseThrow());
                    } else {
                        trainer.step();
                    }
                }
                List<float[]> values = new ArrayList<>();
                for (Parameter parameter : block.getParameters().values()) {
                    values.add(parameter.getArray().toFloatArray());
                }
                return values;
            }
        }
    }

    @Test
    void stepsOverTheLayoutGiveExactlyThePerParameterWeights() {
        List<float[]> perParameter = trainThreeSteps(false);
        List<float[]> laidOut = trainThreeSteps(true);
        assertEquals(perParameter.size(), laidOut.size());
        for (int i = 0; i < perParameter.size(); i++) {
            assertArrayEquals(perParameter.get(i), laidOut.get(i), 0f, "parameter " + i);
        }
    }

    @Test
    void theParametersAreViewsOfTheOneTensorAndStatisticsStayOut() {
        Block block = network();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            block.initialize(manager, DataType.FLOAT32, new Shape(4, 3));
            ContiguousParameters parameters = ContiguousParameters.layOut(block, manager).orElseThrow();
            // Two linear layers (3x8 + 8, 8x1 + 1) and the batch norm's gamma and beta (8 + 8); its running
            // mean and variance are not trained.
            assertEquals(3 * 8 + 8 + 8 + 8 + 8 + 1, parameters.weights().size());
            parameters.weights().muli(0).addi(2);
            for (Parameter parameter : block.getParameters().values()) {
                float[] values = parameter.getArray().toFloatArray();
                boolean trained = parameter.requiresGradient();
                assertEquals(trained, values[0] == 2f, parameter.getName());
            }
        }
    }

    @Test
    void aTrainableTorchScriptEncoderKeepsItsOwnTensors() {
        Path model = Path.of("src/test/resources/pretrained/tiny-encoder/encoder.pt");
        for (boolean trainable : new boolean[] {true, false}) {
            Block block = new SequentialBlock()
                    .add(PretrainedTextEncoder.builder().setFile(model).optTrainable(trainable).build())
                    .add(Linear.builder().setUnits(1).build());
            try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                block.initialize(manager, DataType.FLOAT32, new Shape(2, 6), new Shape(2, 6));
                Optional<ContiguousParameters> parameters = ContiguousParameters.layOut(block, manager);
                assertEquals(!trainable, parameters.isPresent(), "trainable " + trainable);
                assertFalse(parameters.isPresent() && parameters.get().weights().isEmpty());
            }
        }
    }
}
