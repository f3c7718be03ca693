package dev.anneal.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anneal serve} refuses what it cannot serve with one line, before it would block serving. */
class ServeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingOrEmptyRepositoryIsAOneLineError() throws Exception {
        Cli.assertUserError(Cli.run("serve", "--models", tmp.resolve("none"), "--port", 0), "--models",
                "no such folder");
        Files.createDirectories(tmp.resolve("empty/churn"));
        Cli.assertUserError(Cli.run("serve", "--models", tmp.resolve("empty"), "--port", 0), "no model bundle in it");
        Cli.assertUserError(Cli.run("serve", "--models", tmp, "--port", 70_000), "--port: expected 0 to 65535");
        Cli.assertUserError(Cli.run("serve", "--models", tmp, "--port", 0, "--workers", "many"),
                "--workers: expected auto, 0 (the event loops) or a number of threads, got 'many'");
        Cli.assertUserError(Cli.run("serve", "--models", tmp, "--port", 0, "--workers", 0, "--max-queue-delay-us",
                100), "--max-queue-delay-us 100 needs worker threads");
        Cli.assertUserError(Cli.run("serve", "--models", tmp, "--port", 0, "--transport", "kqueue"),
                "--transport: expected auto or one of [io_uring, epoll, nio], got 'kqueue'");
    }

    @Test
    void aWrongServingYamlIsAOneLineErrorNamingTheFile() throws Exception {
        Path settings = Files.createDirectories(tmp.resolve("models/churn")).resolve("serving.yaml");
        Files.writeString(settings, "max_batch_size: 0\n");
        Cli.assertUserError(Cli.run("serve", "--models", tmp.resolve("models"), "--port", 0),
                settings + ": max_batch_size: must be in [1, 2147483647], got 0");
        Files.writeString(settings, "max_queue_delay_us: 100\n");
        Cli.assertUserError(Cli.run("serve", "--models", tmp.resolve("models"), "--port", 0, "--workers", 0),
                settings + ": max_queue_delay_us 100 needs worker threads, but workers is 0");
    }
}
