package dev.anneal.train.deep;

import dev.anneal.core.config.Problems;
import dev.anneal.train.deep.nets.NetParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The training-loop parameters every deep family shares: how long and how fast it learns, and when it
 * stops. Read from a candidate's {@code params} next to its architecture parameters.
 *
 * @param epochs the most passes over the training rows
 * @param patience epochs without a better validation metric before stopping (the best epoch's weights are kept)
 * @param schedule {@code constant}, {@code cosine} (decay to 0 over {@code epochs}, after warm-up) or
 *     {@code plateau} (halve the rate after {@code patience / 2} epochs without improvement)
 * @param gradClip clip each gradient value to [-gradClip, gradClip]; 0 = off
 * @param classWeights {@code none} or {@code balanced} (classification: weight rows inversely to their class share)
 * @param regressionLoss {@code mse} or {@code huber}, on the standardised target
 */
public record TrainingParams(
        int epochs,
        int batchSize,
        double learningRate,
        double weightDecay,
        String schedule,
        int warmupEpochs,
        int patience,
        double gradClip,
        String classWeights,
        String regressionLoss) {

    static final String EPOCHS = "epochs";
    static final String BATCH_SIZE = "batch_size";
    static final String LEARNING_RATE = "learning_rate";
    static final String WEIGHT_DECAY = "weight_decay";
    static final String SCHEDULE = "schedule";
    static final String WARMUP_EPOCHS = "warmup_epochs";
    static final String PATIENCE = "patience";
    static final String GRAD_CLIP = "grad_clip";
    static final String CLASS_WEIGHTS = "class_weights";
    static final String LOSS = "loss";

    static final List<String> SCHEDULES = List.of("constant", "cosine", "plateau");
    static final List<String> CLASS_WEIGHT_CHOICES = List.of("none", "balanced");
    static final List<String> LOSSES = List.of("mse", "huber");

    /** Defaults: Adam-style rate 1e-3 with early stopping, as the reference MLP, plus a little weight decay. */
    private static final Map<String, Object> DEFAULTS = Map.of(
            EPOCHS, 100, BATCH_SIZE, 256, LEARNING_RATE, 1e-3, WEIGHT_DECAY, 1e-5, SCHEDULE, "constant",
            WARMUP_EPOCHS, 0, PATIENCE, 10, GRAD_CLIP, 0.0, CLASS_WEIGHTS, "none", LOSS, "mse");

    /** The names of the shared training parameters. */
    public static Set<String> names() {
        return new TreeSet<>(DEFAULTS.keySet());
    }

    /** Adds a problem for every shared training parameter in {@code params} that is out of range. */
    public static void check(Map<String, Object> params, String path, Problems problems) {
        for (String key : List.of(EPOCHS, BATCH_SIZE, PATIENCE)) {
            NetParams.at(params, key, path, problems, (v, at) -> NetParams.checkPositiveInt(v, at, problems));
        }
        NetParams.at(params, WARMUP_EPOCHS, path, problems, (v, at) -> NetParams.checkNonNegativeInt(v, at, problems));
        NetParams.at(params, LEARNING_RATE, path, problems, (v, at) -> NetParams.checkPositiveNumber(v, at, problems));
        for (String key : List.of(WEIGHT_DECAY, GRAD_CLIP)) {
            NetParams.at(params, key, path, problems, (v, at) -> NetParams.checkNonNegativeNumber(v, at, problems));
        }
        NetParams.at(params, SCHEDULE, path, problems, (v, at) -> NetParams.checkChoice(v, SCHEDULES, at, problems));
        NetParams.at(params, CLASS_WEIGHTS, path, problems,
                (v, at) -> NetParams.checkChoice(v, CLASS_WEIGHT_CHOICES, at, problems));
        NetParams.at(params, LOSS, path, problems, (v, at) -> NetParams.checkChoice(v, LOSSES, at, problems));
    }

    /** The shared training parameters of {@code params}, defaults filled in (for the resolved config). */
    public static Map<String, Object> resolve(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names()) {
            out.put(name, params.getOrDefault(name, DEFAULTS.get(name)));
        }
        return out;
    }

    /** Reads checked (or resolved) {@code params}. */
    public static TrainingParams of(Map<String, Object> params) {
        Map<String, Object> p = resolve(params);
        return new TrainingParams(
                ((Number) p.get(EPOCHS)).intValue(),
                ((Number) p.get(BATCH_SIZE)).intValue(),
                ((Number) p.get(LEARNING_RATE)).doubleValue(),
                ((Number) p.get(WEIGHT_DECAY)).doubleValue(),
                (String) p.get(SCHEDULE),
                ((Number) p.get(WARMUP_EPOCHS)).intValue(),
                ((Number) p.get(PATIENCE)).intValue(),
                ((Number) p.get(GRAD_CLIP)).doubleValue(),
                (String) p.get(CLASS_WEIGHTS),
                (String) p.get(LOSS));
    }
}
