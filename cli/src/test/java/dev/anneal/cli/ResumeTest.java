package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anneal train --resume}: a run killed with SIGKILL in the middle of a deep candidate's training
 * continues from the last epoch's checkpoint and ends exactly where an uninterrupted run ends.
 */
class ResumeTest {

    private static final int ROWS = 6000;

    @TempDir
    Path tmp;

    /** A bigger regression/binary data set, so that an epoch lasts long enough to be killed in. */
    private Path config() {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        lines.add("a,b,c,color,y");
        String[] colors = {"red", "green", "blue"};
        for (int i = 0; i < ROWS; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            String color = colors[random.nextInt(3)];
            double signal = a - b + 0.5 * c * a + ("red".equals(color) ? 0.7 : 0) + 0.6 * random.nextGaussian();
            lines.add(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%s,%s", a, b, c, color, signal > 0.3 ? "yes" : "no"));
        }
        TestData.write(tmp.resolve("big.csv"), lines);
        return TestData.write(tmp.resolve("big.yaml"), List.of(
                "schemaVersion: 1",
                "name: big",
                "data: {path: big.csv}",
                "target: y",
                "device: cpu",
                "models:",
                "  - {name: lin, type: linear}",
                "  - {name: mlp, type: mlp, params: {epochs: 12, patience: 20, hidden: [64, 64], batch_size: 16,"
                        + " dropout: 0.1, weight_decay: 0.0001, schedule: cosine, warmup_epochs: 1}}",
                "output: runs"));
    }

    @Test
    void aRunKilledMidTrainingResumesToTheSameResultAsAnUninterruptedOne() throws Exception {
        Path config = config();
        Path killed = tmp.resolve("killed");
        Path partial = tmp.resolve("killed.partial");
        Path checkpoint = partial.resolve("models").resolve("mlp").resolve("checkpoint").resolve("checkpoint.bin");

        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                "dev.anneal.cli.Main", "train", config.toString(), "--out", killed.toString(), "--no-progress",
                "--threads", "2")
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile());
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process child = builder.start();
        int epochs = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && child.isAlive()) {
            epochs = checkpointEpochs(checkpoint);
            if (epochs >= 2) {
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), () -> "the child ended before it could be killed: " + log());
        assertTrue(epochs >= 2 && epochs < 12, "killed after " + epochs + " epochs");
        // Mid-epoch: the checkpoint is of a whole epoch, the next one is under way.
        Thread.sleep(100);
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.isDirectory(partial), "a killed run leaves its .partial folder");
        assertFalse(Files.exists(killed));
        assertTrue(Files.isRegularFile(partial.resolve("models").resolve("lin").resolve("entry.json")),
                "the linear candidate had finished");
        int killedAt = checkpointEpochs(checkpoint);
        assertTrue(killedAt >= 2 && killedAt < 12, "the checkpoint is of epoch " + killedAt);

        Cli.Result resumed = Cli.run("train", "--resume", killed, "--no-progress", "--threads", "2");
        assertEquals(0, resumed.exitCode(), resumed::toString);
        RunFolder.assertComplete(killed, "binary", "roc_auc", ROWS, List.of("lin", "mlp"));
        assertFalse(Files.exists(killed.resolve("models").resolve("mlp").resolve("checkpoint")),
                "the checkpoint is removed once the candidate finishes");

        Path straight = tmp.resolve("straight");
        Cli.trainOk(config, straight, "--threads", "2");

        JsonNode curveA = Cli.json(killed.resolve("models/mlp/learning_curve.json"));
        JsonNode curveB = Cli.json(straight.resolve("models/mlp/learning_curve.json"));
        assertEquals(12, curveB.size());
        assertEquals(curveB.size(), curveA.size());
        for (int i = 0; i < curveB.size(); i++) {
            for (String field : List.of("epoch", "train_loss", "validation_loss", "validation_metric", "learning_rate")) {
                assertEquals(curveB.get(i).path(field), curveA.get(i).path(field), "epoch " + (i + 1) + " " + field);
            }
        }
        JsonNode a = Cli.json(killed.resolve("leaderboard.json"));
        JsonNode b = Cli.json(straight.resolve("leaderboard.json"));
        for (int i = 0; i < 2; i++) {
            String name = b.get(i).path("name").asText();
            assertEquals(b.get(i).path("test"), a.get(i).path("test"), name + " test metrics");
            assertEquals(b.get(i).path("validation"), a.get(i).path("validation"), name + " validation metrics");
            assertEquals(b.get(i).path("best_iteration"), a.get(i).path("best_iteration"), name);
        }
    }

    @Test
    void resumingAFolderThatIsNotAnInterruptedRunIsAUserError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("nothing"));
        Cli.assertUserError(Cli.run("train", "--resume", empty, "--no-progress"), "--resume", "not an interrupted run");
        Cli.assertUserError(Cli.run("train", "--resume", tmp.resolve("absent"), "--no-progress"), "--resume");
    }

    @Test
    void resumeTakesNoConfig() {
        Cli.assertUserError(Cli.run("train", tmp.resolve("x.yaml"), "--resume", tmp, "--no-progress"), "--resume");
    }

    /** The epochs a checkpoint file records (its second int), 0 while there is none. */
    private static int checkpointEpochs(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return bytes.length < 8 ? 0 : java.nio.ByteBuffer.wrap(bytes, 4, 4).getInt();
        } catch (IOException e) {
            return 0;
        }
    }

    private String log() {
        try {
            return Files.readString(tmp.resolve("child.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }
}
