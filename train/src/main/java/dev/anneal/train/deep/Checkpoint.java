package dev.anneal.train.deep;

import dev.anneal.core.AnnealException;
import dev.anneal.core.io.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of a deep training loop after a whole epoch, written as one file ({@code checkpoint.bin}),
 * atomically, so that a process killed at any moment leaves either the previous epoch's checkpoint or
 * this one: the weights, the best weights so far, the optimiser's moments and counts, the early-stopping
 * counters, the plateau factor of the learning rate, and the learning curve.
 */
final class Checkpoint {

    static final String FILE = "checkpoint.bin";
    private static final int MAGIC = 0x414e4331;

    /** Epochs completed. */
    int epochs;
    double bestScore;
    int bestEpoch;
    int sinceBest;
    double plateauFactor;
    List<EpochRecord> curve = new ArrayList<>();
    float[][] weights;
    float[][] bestWeights;

    static boolean exists(Path folder) {
        return folder != null && Files.isRegularFile(folder.resolve(FILE));
    }

    void write(Path folder, CheckpointedAdam optimizer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(epochs);
            out.writeDouble(bestScore);
            out.writeInt(bestEpoch);
            out.writeInt(sinceBest);
            out.writeDouble(plateauFactor);
            out.writeInt(curve.size());
            for (EpochRecord r : curve) {
                out.writeInt(r.epoch());
                for (double v : new double[] {r.trainLoss(), r.validationLoss(), r.validationMetric(),
                    r.learningRate(), r.seconds(), r.rowsPerSecond()}) {
                    out.writeDouble(v);
                }
            }
            writeMatrix(out, weights);
            writeMatrix(out, bestWeights);
            optimizer.write(out);
            out.flush();
            Files.createDirectories(folder);
            AtomicFiles.write(folder.resolve(FILE), bytes.toByteArray());
        } catch (IOException e) {
            throw new AnnealException("cannot write the checkpoint in " + folder + ": " + e.getMessage(), e);
        }
    }

    static Checkpoint read(Path folder, CheckpointedAdam optimizer) {
        Path file = folder.resolve(FILE);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            if (in.readInt() != MAGIC) {
                throw new AnnealException(file + " is not an anneal checkpoint");
            }
            Checkpoint c = new Checkpoint();
            c.epochs = in.readInt();
            c.bestScore = in.readDouble();
            c.bestEpoch = in.readInt();
            c.sinceBest = in.readInt();
            c.plateauFactor = in.readDouble();
            int size = in.readInt();
            for (int i = 0; i < size; i++) {
                c.curve.add(new EpochRecord(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readDouble()));
            }
            c.weights = readMatrix(in);
            c.bestWeights = readMatrix(in);
            optimizer.read(in);
            return c;
        } catch (IOException e) {
            throw new AnnealException("cannot read the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeMatrix(DataOutputStream out, float[][] matrix) throws IOException {
        out.writeInt(matrix == null ? -1 : matrix.length);
        if (matrix != null) {
            for (float[] row : matrix) {
                writeFloats(out, row);
            }
        }
    }

    private static float[][] readMatrix(DataInputStream in) throws IOException {
        int rows = in.readInt();
        if (rows < 0) {
            return null;
        }
        float[][] matrix = new float[rows][];
        for (int i = 0; i < rows; i++) {
            matrix[i] = readFloats(in);
        }
        return matrix;
    }

    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
