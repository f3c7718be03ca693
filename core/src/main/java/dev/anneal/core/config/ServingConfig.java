package dev.anneal.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * One model's own serving settings, from {@value #FILE_NAME} in its folder of a model repository
 * ({@code DIR/<name>/serving.yaml}, beside the version folders): how {@code anneal serve} batches and queues
 * that model's requests. Each key set there overrides the server's flag of the same meaning for that model
 * only (all versions); a key left out, or the whole file, falls back to the flag. So a large model can wait
 * for fuller batches on worker threads while a small one beside it is scored at once on the event loops.
 *
 * @param maxBatchSize {@code max_batch_size}: the most rows joined into one ONNX Runtime call; null when unset
 * @param maxQueueDelayMicros {@code max_queue_delay_us}: how long a batch may wait for more requests; null when unset
 * @param maxQueue {@code max_queue}: requests waiting before new ones get 503; null when unset
 * @param workers {@code workers}: worker threads, 0 for the event loops, {@link #AUTO_WORKERS} for {@code auto};
 *     null when unset
 */
public record ServingConfig(Integer maxBatchSize, Long maxQueueDelayMicros, Integer maxQueue, Integer workers) {

    /** The file's name in a model's folder. */
    public static final String FILE_NAME = "serving.yaml";
    /** {@link #workers()} for {@code workers: auto}: the server chooses by the model's speed at warm-up. */
    public static final int AUTO_WORKERS = -1;
    /** No file, or a file that sets nothing: every setting is the server's. */
    public static final ServingConfig NONE = new ServingConfig(null, null, null, null);

    private static final Set<String> KEYS = Section.keys("max_batch_size", "max_queue_delay_us", "max_queue",
            "workers");
    private static final long MAX_DELAY_MICROS = 60_000_000;
    private static final int MAX_WORKERS = 1024;

    /**
     * The settings of the model whose folder is {@code modelFolder}: {@link #NONE} when it has no
     * {@value #FILE_NAME}.
     *
     * @throws ConfigException naming the file and every wrong key or value in it
     * @throws dev.anneal.core.AnnealException when the file is not valid YAML or cannot be read
     */
    public static ServingConfig read(Path modelFolder) {
        Path file = modelFolder.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return NONE;
        }
        Problems problems = new Problems();
        Section top = new Section(YamlFile.read(file, "serving settings"), "", problems, KEYS);
        Long batch = top.integer("max_batch_size", null, 1, Integer.MAX_VALUE);
        Long delay = top.integer("max_queue_delay_us", null, 0, MAX_DELAY_MICROS);
        Long queue = top.integer("max_queue", null, 1, Integer.MAX_VALUE);
        Integer workers = workers(top);
        if (workers != null && workers == 0 && delay != null && delay > 0) {
            problems.add("max_queue_delay_us", "workers: 0 scores on the event loops, which never wait for more "
                    + "requests; set workers to auto or 1 or more, or max_queue_delay_us to 0");
        }
        problems.throwIfAny(file.toString());
        return new ServingConfig(batch == null ? null : batch.intValue(), delay,
                queue == null ? null : queue.intValue(), workers);
    }

    private static Integer workers(Section top) {
        JsonNode value = top.raw("workers");
        if (value == null) {
            return null;
        }
        if (value.isTextual() && value.asText().equals("auto")) {
            return AUTO_WORKERS;
        }
        if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0
                && value.intValue() <= MAX_WORKERS) {
            return value.intValue();
        }
        top.problems().add("workers", "expected auto, 0 (the event loops) or a number of worker threads up to "
                + MAX_WORKERS + ", got " + Section.describe(value));
        return null;
    }
}
