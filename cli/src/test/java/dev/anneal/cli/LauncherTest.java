package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration tier: the {@code scripts/anneal} launcher with the packaged jar, as a user runs it, from the
 * repository root and with no config argument (so the default {@code configs/demo.yaml}).
 *
 * <p>Skipped (with an assumption) unless {@code cli/target/anneal.jar} exists. {@code mvn verify} runs the
 * tests before the {@code package} phase builds the jar, so in a clean CI build this test is usually skipped;
 * it runs after {@code mvn -DskipTests package}, e.g. when the tests are run a second time.
 */
class LauncherTest {

    private static final Path LAUNCHER = Cli.REPO.resolve("scripts").resolve("anneal");
    private static final Path JAR = Cli.REPO.resolve("cli").resolve("target").resolve("anneal.jar");

    @TempDir
    Path tmp;

    private record Exit(int code, String out, String err) {
    }

    private Exit launch(String... args) throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(JAR), JAR + " not built (mvn -DskipTests package); launcher test skipped");
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).directory(Cli.REPO.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the launcher did not finish in 180 s");
        return new Exit(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void trainsTheDemoByDefault() throws IOException, InterruptedException {
        Path run = tmp.resolve("run");
        Exit exit = launch("train", "--out", run.toString(), "--bundles", tmp.resolve("bundles").toString(),
                "--no-progress");
        assertEquals(0, exit.code(), () -> exit.out() + exit.err());
        assertTrue(exit.out().contains("winner: "), exit.out());
        // libtorch's own warnings (such as a deprecated guard DJL's set(Buffer) takes) reach stderr unasked.
        assertFalse(exit.err().contains("Warning:"), exit.err());
        RunFolder.assertComplete(run, "binary", "roc_auc", 5000, List.of("logreg", "xgb", "mlp"));
        assertEquals(Cli.DEMO_SHA256, Cli.json(run.resolve("provenance.json")).path("data").path("sha256").asText());
    }

    @Test
    void aUserErrorExitsWithTwoAndOneLine() throws IOException, InterruptedException {
        Path missing = tmp.resolve("missing.yaml");
        Exit exit = launch("train", missing.toString(), "--out", tmp.resolve("run").toString());
        assertEquals(2, exit.code(), () -> exit.out() + exit.err());
        assertEquals(List.of("error: " + missing + ": config file not found"), exit.err().lines().toList());
    }

    @Test
    void versionPrintsTheVersion() throws IOException, InterruptedException {
        Exit exit = launch("--version");
        assertEquals(0, exit.code(), exit::err);
        assertTrue(exit.out().matches("(?s)anneal \\d+\\.\\d+\\.\\d+.*"), exit.out());
    }
}
