package dev.anneal.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model's {@code serving.yaml}: what it sets, what it leaves to the server, and every wrong key or value named. */
class ServingConfigTest {

    @TempDir
    Path model;

    private ServingConfig read(String yaml) throws IOException {
        Files.writeString(model.resolve(ServingConfig.FILE_NAME), yaml);
        return ServingConfig.read(model);
    }

    private List<String> problems(String yaml) throws IOException {
        Files.writeString(model.resolve(ServingConfig.FILE_NAME), yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> ServingConfig.read(model));
        assertTrue(e.getMessage().startsWith(model.resolve(ServingConfig.FILE_NAME).toString()), e.getMessage());
        return e.problems();
    }

    @Test
    void aModelWithoutTheFileLeavesEverythingToTheServer() {
        assertEquals(ServingConfig.NONE, ServingConfig.read(model));
    }

    @Test
    void theShippedExampleReads() {
        assertEquals(new ServingConfig(64, 500L, 1024, 2), ServingConfig.read(Path.of("..", "configs")));
    }

    @Test
    void anEmptyFileSetsNothing() throws IOException {
        assertEquals(ServingConfig.NONE, read("# nothing here yet\n"));
    }

    @Test
    void readsEveryKey() throws IOException {
        assertEquals(new ServingConfig(32, 500L, 100, 2),
                read("max_batch_size: 32\nmax_queue_delay_us: 500\nmax_queue: 100\nworkers: 2\n"));
        assertEquals(new ServingConfig(null, null, null, ServingConfig.AUTO_WORKERS), read("workers: auto\n"));
        assertEquals(new ServingConfig(1, null, null, 0), read("max_batch_size: 1\nworkers: 0\n"));
    }

    @Test
    void anUnknownKeyIsNamedWithTheNearestOne() throws IOException {
        assertEquals(List.of("max_batch: unknown key; did you mean 'max_batch_size'? (allowed: max_batch_size, "
                + "max_queue_delay_us, max_queue, workers)"), problems("max_batch: 32\n"));
    }

    @Test
    void wrongValuesAreAllNamedTogether() throws IOException {
        List<String> problems = problems("max_batch_size: 0\nmax_queue_delay_us: -5\nmax_queue: many\n"
                + "workers: -1\n");
        assertEquals(4, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("max_batch_size: must be in [1, "), problems.get(0));
        assertTrue(problems.get(1).startsWith("max_queue_delay_us: must be in [0, 60000000], got -5"), problems.get(1));
        assertEquals("max_queue: expected an integer, got 'many'", problems.get(2));
        assertTrue(problems.get(3).startsWith("workers: expected auto, 0 (the event loops) or a number of worker "
                + "threads"), problems.get(3));
    }

    @Test
    void theEventLoopsCannotWaitForMoreRequests() throws IOException {
        List<String> problems = problems("workers: 0\nmax_queue_delay_us: 200\n");
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("max_queue_delay_us: workers: 0 scores on the event loops"),
                problems.get(0));
        assertEquals(new ServingConfig(null, 200L, null, 1), read("workers: 1\nmax_queue_delay_us: 200\n"));
    }

    @Test
    void aFileThatIsNotAMappingOrNotYamlIsNamed() throws IOException {
        assertEquals(List.of("expected a mapping of keys to values, got a list"), problems("- 1\n- 2\n"));
        Files.writeString(model.resolve(ServingConfig.FILE_NAME), "max_batch_size: [1\n");
        AnnealException e = assertThrows(AnnealException.class, () -> ServingConfig.read(model));
        assertTrue(e.getMessage().startsWith(model.resolve(ServingConfig.FILE_NAME) + ": not valid YAML at line "),
                e.getMessage());
    }
}
