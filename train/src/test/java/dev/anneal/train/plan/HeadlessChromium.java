package dev.anneal.train.plan;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, run once per call on a local page in a fresh profile, offline as far as its
 * flags allow, with its console messages logged to stderr so that a test can look for script errors.
 */
final class HeadlessChromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 60;

    /** What one run printed, and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {

        /** Chromium's stderr lines that report a script error that nothing caught. */
        List<String> uncaughtErrors() {
            return stderr.lines().filter(line -> line.contains("Uncaught")).toList();
        }
    }

    private HeadlessChromium() {
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Opens {@code page} with {@code flags} (such as {@code --dump-dom}), keeping the profile and the output
     * in {@code workDir}; fails the test when Chromium has not finished within a minute, after killing it.
     */
    static Result open(Path page, Path workDir, String... flags) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Path stdout = Files.createTempFile(workDir, "chromium", ".out");
        Path stderr = Files.createTempFile(workDir, "chromium", ".err");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(flags));
        command.add(page.toUri().toString());
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            fail("chromium " + String.join(" ", flags) + " did not finish within " + TIMEOUT_SECONDS
                    + " s; its stderr:\n" + read(stderr));
        }
        return new Result(process.exitValue(), read(stdout), read(stderr));
    }

    /** The file as UTF-8, any malformed bytes replaced: Chromium's logs are not promised to be valid text. */
    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
