package dev.anneal.serve.runtime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exported anneal graph loaded in ONNX Runtime, ready to score batches of raw columns (as
 * {@link dev.anneal.core.bundle.GraphInputs} lays them out). On {@code cuda:N} it uses the CUDA execution
 * provider and falls back to the CPU, with a warning, when that provider cannot load.
 */
public final class BundleSession implements AutoCloseable {

    private static final Pattern CUDA = Pattern.compile("cuda:(\\d+)");

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String device;
    /** The position of each {@code [batch, 1]} double input among them, by name. */
    private final Map<String, Integer> doubleInputs;
    /** Per thread, by row count: the tensors of the double inputs, made once, refilled by each call. */
    private final ThreadLocal<ReusedInputs[]> reused = ThreadLocal.withInitial(() -> new ReusedInputs[REUSED_ROWS + 1]);
    /** Every thread's {@link ReusedInputs}, closed with the session. */
    private final Queue<ReusedInputs> allReused = new ConcurrentLinkedQueue<>();

    /** What a graph returned for a batch: labels and probabilities (classification) or predictions. */
    public record Scores(String[] labels, float[][] probabilities, float[] predictions) {

        public int rows() {
            return predictions != null ? predictions.length : labels.length;
        }

        /** Rows {@code [from, to)} of these scores. */
        public Scores rows(int from, int to) {
            return predictions != null ? new Scores(null, null, Arrays.copyOfRange(predictions, from, to))
                    : new Scores(Arrays.copyOfRange(labels, from, to), Arrays.copyOfRange(probabilities, from, to), null);
        }

        /**
         * The scores as anneal's in-process models give them: the positive-class probability (binary),
         * the class probabilities row-major (multiclass), or the predicted values (regression).
         */
        public double[] asModelOutput(Task task) {
            if (task == Task.REGRESSION) {
                double[] out = new double[predictions.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = predictions[i];
                }
                return out;
            }
            int width = task == Task.BINARY ? 1 : probabilities.length == 0 ? 0 : probabilities[0].length;
            double[] out = new double[probabilities.length * width];
            for (int row = 0; row < probabilities.length; row++) {
                for (int k = 0; k < width; k++) {
                    out[row * width + k] = probabilities[row][task == Task.BINARY ? 1 : k];
                }
            }
            return out;
        }
    }

    private BundleSession(OrtSession session, String device) throws OrtException {
        this.session = session;
        this.device = device;
        this.doubleInputs = doubleInputs(session);
    }

    private static Map<String, Integer> doubleInputs(OrtSession session) throws OrtException {
        Map<String, Integer> positions = new HashMap<>();
        session.getInputInfo().forEach((name, node) -> {
            if (node.getInfo() instanceof TensorInfo tensor && tensor.type == OnnxJavaType.DOUBLE
                    && tensor.getShape().length == 2 && tensor.getShape()[1] == 1) {
                positions.put(name, positions.size());
            }
        });
        return Map.copyOf(positions);
    }

    /** The graph in {@code model} on the CPU with {@code threads} intra-op threads. */
    public static BundleSession of(byte[] model, int threads) {
        try (OrtSession.SessionOptions options = cpuOptions(threads)) {
            return new BundleSession(OrtEnvironment.getEnvironment().createSession(model, options), "cpu");
        } catch (OrtException e) {
            throw new AnnealException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    /**
     * The graph in {@code modelFile} on {@code device} ({@code cpu} or {@code cuda:N}); {@code warnings}
     * hears why CUDA was not used when it falls back to the CPU.
     */
    public static BundleSession open(Path modelFile, String device, int threads, Consumer<String> warnings) {
        Matcher cuda = CUDA.matcher(device);
        if (!device.equals("cpu") && !cuda.matches()) {
            throw new AnnealException("--device: expected cpu or cuda:N, got '" + device + "'");
        }
        byte[] model;
        try {
            model = Files.readAllBytes(modelFile);
        } catch (java.io.IOException e) {
            throw new AnnealException("cannot read " + modelFile + ": " + e.getMessage(), e);
        }
        if (cuda.matches()) {
            Optional<BundleSession> onGpu = onCuda(model, Integer.parseInt(cuda.group(1)), threads, warnings);
            if (onGpu.isPresent()) {
                return onGpu.get();
            }
        }
        return of(model, threads);
    }

    private static Optional<BundleSession> onCuda(byte[] model, int gpu, int threads, Consumer<String> warnings) {
        // Only a real session tells whether CUDA works: the provider list names it even without a GPU.
        try (OrtSession.SessionOptions options = cpuOptions(threads)) {
            options.addCUDA(gpu);
            return Optional.of(new BundleSession(OrtEnvironment.getEnvironment().createSession(model, options),
                    "cuda:" + gpu));
        } catch (OrtException | RuntimeException e) {
            warnings.accept("cannot use cuda:" + gpu + " (" + firstLine(e.getMessage()) + "); running on the CPU");
            return Optional.empty();
        }
    }

    private static OrtSession.SessionOptions cpuOptions(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    /** Where the graph runs: {@code cpu} or {@code cuda:N}. */
    public String device() {
        return device;
    }

    /**
     * Scores one batch of raw columns as {@link dev.anneal.core.bundle.GraphInputs} lays them out
     * ({@code double[][]} or {@code String[][]} of {@code [rows, 1]}, {@code long[][]} token ids and masks).
     */
    public Scores score(Map<String, Object> columns) {
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        List<OnnxTensor> made = new ArrayList<>(columns.size());
        ReusedInputs reusable = reusedInputs(columns);
        ByteBuffer numbers = numberBuffer(columns, reusable);
        try {
            for (Map.Entry<String, Object> column : columns.entrySet()) {
                if (reused(column.getKey(), reusable)) {
                    inputs.put(column.getKey(),
                            reusable.fill(doubleInputs.get(column.getKey()), (double[][]) column.getValue()));
                } else {
                    OnnxTensor tensor = tensor(column.getValue(), numbers);
                    made.add(tensor);
                    inputs.put(column.getKey(), tensor);
                }
            }
            try (OrtSession.Result result = session.run(inputs)) {
                Optional<OnnxValue> prediction = result.get("prediction");
                if (prediction.isPresent()) {
                    return new Scores(null, null, (float[]) prediction.get().getValue());
                }
                return new Scores((String[]) result.get("label").orElseThrow().getValue(),
                        (float[][]) result.get("probabilities").orElseThrow().getValue(), null);
            }
        } catch (OrtException e) {
            throw new AnnealException("ONNX Runtime could not score the batch: " + firstLine(e.getMessage()), e);
        } finally {
            made.forEach(OnnxTensor::close);
        }
    }

    /** Whether the input {@code name} goes through {@code reusable} (null: none does). */
    private boolean reused(String name, ReusedInputs reusable) {
        return reusable != null && doubleInputs.containsKey(name);
    }

    /** The most rows of a call whose double inputs go through {@link ReusedInputs}. */
    private static final int REUSED_ROWS = 64;

    /**
     * This thread's {@link ReusedInputs} for the row count of {@code columns}, made on first use; {@code null}
     * when there are more rows than {@link #REUSED_ROWS}, none, or no double input.
     */
    private ReusedInputs reusedInputs(Map<String, Object> columns) {
        if (doubleInputs.isEmpty() || columns.isEmpty()) {
            return null;
        }
        int rows = ((Object[]) columns.values().iterator().next()).length;
        if (rows < 1 || rows > REUSED_ROWS) {
            return null;
        }
        for (Map.Entry<String, Integer> input : doubleInputs.entrySet()) {
            if (!(columns.get(input.getKey()) instanceof double[][] values) || values.length != rows) {
                return null;
            }
        }
        ReusedInputs[] byRows = reused.get();
        if (byRows[rows] == null) {
            byRows[rows] = new ReusedInputs(env, doubleInputs.size(), rows);
            allReused.add(byRows[rows]);
        }
        return byRows[rows];
    }

    /**
     * The {@code [rows, 1]} tensors of a graph's double inputs over one native buffer, made once and refilled
     * by every call of that many rows: with the fifteen numeric input tensors of the demo's xgboost bundle made
     * and closed per call, a probe scored six rows in 102-117 µs, against 62-69 µs this way
     * (docs/benchmarks.md). One thread's only, as a call fills them.
     */
    private static final class ReusedInputs implements AutoCloseable {
        private final DoubleBuffer[] buffers;
        private final OnnxTensor[] tensors;

        ReusedInputs(OrtEnvironment env, int inputs, int rows) {
            ByteBuffer memory = ByteBuffer.allocateDirect(inputs * rows * Double.BYTES).order(ByteOrder.nativeOrder());
            buffers = new DoubleBuffer[inputs];
            tensors = new OnnxTensor[inputs];
            try {
                for (int i = 0; i < inputs; i++) {
                    buffers[i] = next(memory, rows * Double.BYTES).asDoubleBuffer();
                    tensors[i] = OnnxTensor.createTensor(env, buffers[i], new long[] {rows, 1});
                }
            } catch (OrtException e) {
                close();
                throw new AnnealException("ONNX Runtime cannot make an input tensor: " + e.getMessage(), e);
            }
        }

        /** The tensor of the double input at {@code position}, holding {@code values} ({@code [rows, 1]}). */
        OnnxTensor fill(int position, double[][] values) {
            DoubleBuffer buffer = buffers[position];
            for (int row = 0; row < values.length; row++) {
                buffer.put(row, values[row][0]);
            }
            return tensors[position];
        }

        @Override
        public void close() {
            for (OnnxTensor tensor : tensors) {
                if (tensor != null) {
                    tensor.close();
                }
            }
        }
    }

    /**
     * Native memory for every numeric input of {@code columns} that {@code reusable} does not hold: this
     * thread's scratch buffer while the inputs fit in {@link #SCRATCH_BYTES} (tensors over it are closed
     * before {@link #score} returns), else a buffer of their own. A small call otherwise paid for a direct
     * allocation per input.
     */
    private ByteBuffer numberBuffer(Map<String, Object> columns, ReusedInputs reusable) {
        long bytes = 0;
        for (Map.Entry<String, Object> column : columns.entrySet()) {
            Object values = column.getValue();
            if (reused(column.getKey(), reusable)) {
                continue;
            }
            if (values instanceof double[][] doubles) {
                bytes += (long) doubles.length * (doubles.length == 0 ? 1 : doubles[0].length) * Double.BYTES;
            } else if (values instanceof long[][] longs) {
                bytes += (long) longs.length * (longs.length == 0 ? 1 : longs[0].length) * Long.BYTES;
            }
        }
        if (bytes > SCRATCH_BYTES) {
            return ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
        }
        ByteBuffer scratch = SCRATCH.get();
        if (scratch.capacity() < bytes) {
            scratch = ByteBuffer.allocateDirect((int) Math.max(bytes, 2 * scratch.capacity())).order(ByteOrder.nativeOrder());
            SCRATCH.set(scratch);
        }
        return scratch.clear();
    }

    /** The most native memory a thread keeps for the numeric inputs of its calls. */
    private static final int SCRATCH_BYTES = 1 << 20;
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(1 << 12).order(ByteOrder.nativeOrder()));

    /**
     * A {@code [rows, width]} tensor of {@code values}, flattened first (numbers into the next part of
     * {@code numbers}): ONNX Runtime's Java API copies a nested array element by element through reflection,
     * and wraps a direct buffer as it is.
     */
    private OnnxTensor tensor(Object values, ByteBuffer numbers) throws OrtException {
        if (values instanceof double[][] doubles) {
            int width = doubles.length == 0 ? 1 : doubles[0].length;
            DoubleBuffer flat = next(numbers, doubles.length * width * Double.BYTES).asDoubleBuffer();
            for (double[] row : doubles) {
                flat.put(row);
            }
            return OnnxTensor.createTensor(env, flat.rewind(), new long[] {doubles.length, width});
        }
        if (values instanceof long[][] longs) {
            int width = longs.length == 0 ? 1 : longs[0].length;
            LongBuffer flat = next(numbers, longs.length * width * Long.BYTES).asLongBuffer();
            for (long[] row : longs) {
                flat.put(row);
            }
            return OnnxTensor.createTensor(env, flat.rewind(), new long[] {longs.length, width});
        }
        String[][] strings = (String[][]) values;
        int width = strings.length == 0 ? 1 : strings[0].length;
        String[] flat = new String[strings.length * width];
        for (int row = 0; row < strings.length; row++) {
            System.arraycopy(strings[row], 0, flat, row * width, width);
        }
        return OnnxTensor.createTensor(env, flat, new long[] {strings.length, width});
    }

    /** The next {@code bytes} of {@code buffer}, in native order. */
    private static ByteBuffer next(ByteBuffer buffer, int bytes) {
        ByteBuffer part = buffer.slice(buffer.position(), bytes).order(ByteOrder.nativeOrder());
        buffer.position(buffer.position() + bytes);
        return part;
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() {
        allReused.forEach(ReusedInputs::close);
        try {
            session.close();
        } catch (OrtException e) {
            throw new AnnealException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
