package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Runs the real {@code anneal} command in-process, configured exactly as {@link Main} configures it, and
 * captures what it prints. Tests run with the {@code cli} module folder as working directory, so the
 * repository root is {@code ..}.
 */
final class Cli {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path DEMO_CONFIG = REPO.resolve("configs").resolve("demo.yaml");
    static final Path DEMO_DATA = REPO.resolve("data").resolve("demo").resolve("mlc_churn.csv");
    /** The published SHA-256 of the demo data (data/demo/README.md). */
    static final String DEMO_SHA256 = "7eaf98ebcdf529c260539b939b6d1e8f5001b9d3d5266810560ba070c5bc2046";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private Cli() {
    }

    /** What one execution returned and printed. */
    record Result(int exitCode, String out, String err) {

        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** {@code anneal ARGS...}; paths and numbers are passed as their strings. */
    static Result run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = AnnealCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        String[] strings = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        int code = line.execute(strings);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * {@code anneal train CONFIG --out OUT --bundles OUT-bundles --no-progress ARGS...}: bundles go beside the
     * run folder, never into the checkout's model repository.
     */
    static Result train(Path config, Path out, Object... more) {
        List<Object> args = new ArrayList<>(List.of("train", config, "--out", out, "--bundles", bundles(out),
                "--no-progress"));
        args.addAll(List.of(more));
        return run(args.toArray());
    }

    /**
     * Trains a logistic regression on the demo data into {@code folder/run} and returns its model folder
     * in the repository beside it ({@code churn-linear}, version 1 inside): a small, fast bundle for the
     * commands that use one.
     */
    static Path trainLinearBundle(Path folder) {
        Path config = folder.resolve("linear.yaml");
        try {
            Files.writeString(config, """
                    schemaVersion: 1
                    name: churn-linear
                    data: {path: %s}
                    target: churn
                    models: [{name: logreg, type: linear}]
                    """.formatted(DEMO_DATA));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path run = folder.resolve("run");
        trainOk(config, run);
        return bundles(run).resolve("churn-linear");
    }

    /** The model repository {@link #train} gives a run written to {@code out}. */
    static Path bundles(Path out) {
        return out.resolveSibling(out.getFileName() + "-bundles");
    }

    /** {@link #train} that must succeed; the failure message shows everything it printed. */
    static Result trainOk(Path config, Path out, Object... more) {
        Result result = train(config, out, more);
        assertEquals(0, result.exitCode(), result::toString);
        return result;
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid JSON", e);
        }
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid YAML", e);
        }
    }

    /** The names directly inside {@code folder}. */
    static Set<String> listing(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return new TreeSet<>(entries.map(p -> p.getFileName().toString()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A user error as the issue asks for it: exit 2, nothing on standard output, exactly one line on standard
     * error that starts with {@code error:} and contains every fragment, and no stack trace.
     */
    static void assertUserError(Result result, String... fragments) {
        assertEquals(AnnealCommand.USAGE, result.exitCode(), result::toString);
        assertEquals("", result.out(), result::toString);
        List<String> lines = result.errLines();
        assertEquals(1, lines.size(), () -> "expected exactly one line on stderr\n" + result);
        String line = lines.get(0);
        assertTrue(line.startsWith("error: "), line);
        for (String fragment : fragments) {
            assertTrue(line.contains(fragment), () -> "'" + fragment + "' missing from: " + line);
        }
        assertFalse(line.contains("Exception") || line.contains("\tat "), line);
    }
}
