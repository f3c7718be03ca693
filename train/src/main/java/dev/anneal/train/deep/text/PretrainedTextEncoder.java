package dev.anneal.train.deep.text;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.anneal.core.AnnealException;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pretrained sentence encoder from a local TorchScript file (say a sentence-embedding model exported from
 * Hugging Face with {@code torch.jit.script} or {@code torch.jit.trace}), either frozen, a fixed feature
 * extractor, or fine-tuned with the rest of the network. Nothing is downloaded: the file is the model.
 *
 * <p>The module's contract is {@code forward(input_ids: int64 [B, L], attention_mask: int64 [B, L]) ->
 * float32 [B, d]}, pooling included; this block feeds it {@link TextEncoder}'s ids and float mask (the mask
 * converted to int64) and {@link #outputDim()} is {@code d}. {@link Builder#build()} loads the file once on
 * the CPU and runs it on a dummy batch, so a missing file, a file that is not TorchScript or a module that
 * breaks the contract fails there, with an {@link AnnealException} naming the file.
 *
 * <p>The module itself is loaded when the block is initialised (or its parameters loaded), onto the
 * initialising manager (a model's manager, with a trainer): it sits on that manager's device and is freed
 * with it. The PyTorch engine only; one device (the weights are the module's own tensors, which DJL's
 * per-device copies would not reach). As with DJL's {@code PtSymbolBlock}, a forward switches the module
 * between training and inference mode, so one trainable instance must not train and predict on two threads
 * at once.
 *
 * <ul>
 *   <li><b>Frozen</b> ({@code trainable} false): the module always runs in inference mode (no dropout, no
 *       autograd), and its weights are no parameters of this block: {@link #getParameters()} is empty, so no
 *       optimiser, checkpoint or saved model sees them; they always come from the file.</li>
 *   <li><b>Trainable</b>: every weight of the module is a parameter of this block (named as in the module,
 *       {@code layers.0.qkv.weight}), whose array <em>is</em> the module's tensor; each training forward
 *       registers them with the {@link ParameterStore}, so a trainer's step updates them in place, and the
 *       module runs in training mode (dropout on) when training. Parameters are saved and loaded as usual
 *       (written into the module's tensors on load), and a caller snapshotting or restoring them through
 *       {@link #getParameters()}, as {@code DeepTrainer} does, reads and writes the module's weights.</li>
 * </ul>
 */
public final class PretrainedTextEncoder extends AbstractBlock implements TextEncoder {

    private static final byte VERSION = 1;
    private static final String CONTRACT =
            "forward(input_ids: int64 [B, L], attention_mask: int64 [B, L]) -> float32 [B, d]";

    private final Path file;
    private final Path onnx;
    private final boolean trainable;
    private final int outputDim;
    private PtSymbolBlock module;

    private PretrainedTextEncoder(Builder builder, Probe probe) {
        super(VERSION);
        file = builder.file;
        onnx = builder.onnx;
        trainable = builder.trainable;
        outputDim = probe.outputDim();
        if (trainable) {
            for (String name : probe.weightNames()) {
                addParameter(Parameter.builder().setName(name).setType(Parameter.Type.OTHER).build());
            }
        }
    }

    /** A builder: {@code setFile} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int outputDim() {
        return outputDim;
    }

    /** The TorchScript file. */
    public Path file() {
        return file;
    }

    /** The same module exported to ONNX, which an exported network embeds, or {@code null}. */
    public Path onnx() {
        return onnx;
    }

    /** Whether the module's weights are trained with the network. */
    public boolean trainable() {
        return trainable;
    }

    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        loadModule(manager);
        super.initialize(manager, dataType, inputShapes);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (module == null) {
            throw new IllegalStateException("initialize the encoder (" + file + ") before running it");
        }
        NDArray ids = inputs.get(0);
        NDList moduleInputs = new NDList(ids, inputs.get(1).toType(DataType.INT64, false));
        if (!trainable) {
            NDArray embedding = module.forward(store, moduleInputs, false).singletonOrThrow();
            // Run in inference mode, the output is an inference tensor, which autograd refuses to save for
            // the backward pass of the layers above; a copy is an ordinary tensor.
            return new NDList(training ? embedding.duplicate() : embedding);
        }
        for (Parameter weight : getDirectParameters().values()) {
            // The module reads its weights itself; this puts them in the store, whose update is the step.
            store.getValue(weight, ids.getDevice(), training);
        }
        // TorchScript's optimising executor keeps tensors it made while a forward ran in inference mode
        // (validation) and reuses them in training, where autograd refuses inference tensors. Its setting is
        // per thread, so it is switched off here, on the thread that runs the module.
        JniUtils.setGraphExecutorOptimize(false);
        return module.forward(store, moduleInputs, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputDim)};
    }

    /** Loads the module, then writes saved weights (trainable) into its tensors. */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
        loadModule(manager);
        loadMetadata(is.readByte(), is);
        for (Parameter weight : getDirectParameters().values()) {
            Parameter.Builder builder = Parameter.builder().setName(weight.getName()).setType(Parameter.Type.OTHER);
            try (Parameter saved = builder.build()) {
                saved.load(manager, is);
                weight.getArray().set(new NDIndex("..."), saved.getArray());
            }
        }
    }

    /** Loads the module onto {@code manager} once; its tensors become the arrays of this block's parameters. */
    private void loadModule(NDManager manager) {
        if (module != null) {
            return;
        }
        if (!(manager instanceof PtNDManager pytorch)) {
            throw new AnnealException(file + ": a TorchScript encoder needs the PyTorch engine, not "
                    + manager.getEngine().getEngineName());
        }
        module = load(file, pytorch, trainable);
        Map<String, Parameter> weights = getDirectParameters().toMap();
        for (Parameter tensor : module.getDirectParameters().values()) {
            if (trainable) {
                weights.get(tensor.getName()).setArray(tensor.getArray());
            } else {
                // Saved modules keep requires_grad; running in inference mode already keeps gradients away.
                tensor.getArray().setRequiresGradient(false);
            }
        }
    }

    private static PtSymbolBlock load(Path file, PtNDManager manager, boolean trainable) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new AnnealException(file + ": no readable file there (expected a TorchScript encoder, "
                    + CONTRACT + ")");
        }
        try {
            // Onto the manager's device; a frozen module is loaded under libtorch's inference guard.
            return JniUtils.loadModule(manager, file.toAbsolutePath(), true, new String[0], new String[0],
                    trainable);
        } catch (EngineException e) {
            throw new AnnealException(file + ": not a TorchScript module that libtorch can load (expected a file"
                    + " saved by torch.jit.save): " + firstLine(e.getMessage()), e);
        }
    }

    /** What building found out by running the module once. */
    private record Probe(int outputDim, List<String> weightNames) {
    }

    /** Loads {@code file} on the CPU and checks the contract on a dummy batch of 2 rows of 3 tokens. */
    private static Probe probe(Path file) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            PtSymbolBlock module = load(file, (PtNDManager) manager, false);
            NDArray ones = manager.ones(new Shape(2, 3), DataType.INT64);
            NDList out;
            try {
                out = module.forward(new ParameterStore(manager, false), new NDList(ones, ones), false);
            } catch (EngineException e) {
                throw new AnnealException(file + ": the module does not run as a text encoder (expected "
                        + CONTRACT + "): " + firstLine(e.getMessage()), e);
            }
            if (!isEmbedding(out)) {
                throw new AnnealException(file + ": the module returns " + describe(out) + " for 2 rows of 3 tokens"
                        + " (expected " + CONTRACT + ")");
            }
            List<String> names = new ArrayList<>(module.getDirectParameters().keys());
            return new Probe(Math.toIntExact(out.get(0).getShape().get(1)), names);
        }
    }

    /** One float32 array of the dummy batch's 2 rows and at least one column. */
    private static boolean isEmbedding(NDList out) {
        if (out.size() != 1 || out.get(0).getDataType() != DataType.FLOAT32) {
            return false;
        }
        Shape shape = out.get(0).getShape();
        return shape.dimension() == 2 && shape.get(0) == 2 && shape.get(1) > 0;
    }

    private static String describe(NDList out) {
        List<String> arrays = new ArrayList<>();
        for (NDArray array : out) {
            arrays.add(array.getDataType() + " " + array.getShape());
        }
        return out.size() == 1 ? arrays.get(0) : out.size() + " arrays " + arrays;
    }

    /** libtorch's messages go on with its C++ stack; the first line says what went wrong. */
    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("");
    }

    /** Builds a {@link PretrainedTextEncoder}. */
    public static final class Builder {

        private Path file;
        private Path onnx;
        private boolean trainable;

        private Builder() {
        }

        /** The TorchScript file ({@code encoder.pt}). */
        public Builder setFile(Path file) {
            this.file = file;
            return this;
        }

        /**
         * The same module exported to ONNX (opset 17; inputs {@code input_ids} and {@code attention_mask},
         * one output), which {@link TextEncoderGraph} splices into an exported network. Not read here.
         */
        public Builder optOnnx(Path onnx) {
            this.onnx = onnx;
            return this;
        }

        /** Fine-tune the module's weights with the network (default false: frozen). */
        public Builder optTrainable(boolean trainable) {
            this.trainable = trainable;
            return this;
        }

        /**
         * Checks the file against the contract (loading and running it once on the CPU) and builds the block.
         *
         * @throws AnnealException naming the file, when it is missing, unreadable, not TorchScript, or a module
         *     whose output is not one float32 {@code [B, d]} array
         */
        public PretrainedTextEncoder build() {
            if (file == null) {
                throw new IllegalArgumentException("setFile is required");
            }
            return new PretrainedTextEncoder(this, probe(file));
        }
    }
}
