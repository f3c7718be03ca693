package dev.anneal.train.run;

import dev.anneal.core.AnnealException;
import dev.anneal.core.AnnealVersion;
import dev.anneal.core.io.FileTrees;
import dev.anneal.core.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * What makes a run reproducible and traceable: anneal's version and commit, the data's fingerprint,
 * the seeds, and the JVM, OS and library versions. Written as {@code provenance.json}.
 */
final class Provenance {

    /** What this build is made of, written by Maven's resource filtering. */
    private static final Properties BUILD = loadBuild();

    private Provenance() {
    }

    /**
     * @param rows the data rows used: the file's, less {@code duplicatesRemoved}
     * @param duplicatesRemoved the rows {@code data.deduplicate} removed
     */
    static Map<String, Object> describe(Path data, int rows, int duplicatesRemoved, int columns, long seed,
            long splitSeed, int threads, String device) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("anneal", Map.of("version", AnnealVersion.get(), "commit", gitCommit()));
        Map<String, Object> fingerprint = new LinkedHashMap<>();
        fingerprint.put("path", data.toString());
        fingerprint.put("rows", rows);
        fingerprint.put("duplicates_removed", duplicatesRemoved);
        fingerprint.put("columns", columns);
        fingerprint.put("bytes", size(data));
        fingerprint.put("sha256", FileTrees.sha256(data));
        out.put("data", fingerprint);
        out.put("seeds", Map.of("seed", seed, "split", splitSeed));
        out.put("device", device);
        out.put("threads", threads);
        out.put("jvm", Map.of("version", System.getProperty("java.version"), "vendor", System.getProperty("java.vendor")));
        out.put("os", Map.of("name", System.getProperty("os.name"), "arch", System.getProperty("os.arch"),
                "version", System.getProperty("os.version"), "cores", Runtime.getRuntime().availableProcessors()));
        Map<String, String> libraries = new LinkedHashMap<>();
        for (String key : BUILD.stringPropertyNames().stream().sorted().toList()) {
            if (key.startsWith("library.")) {
                libraries.put(key.substring("library.".length()), BUILD.getProperty(key));
            }
        }
        out.put("libraries", libraries);
        return out;
    }

    private static Properties loadBuild() {
        Properties properties = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read anneal's build.properties", e);
        }
        return properties;
    }

    /** The commit of the checkout anneal runs from, or {@code unknown} outside a git checkout. */
    private static String gitCommit() {
        try {
            Path code = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path folder = Files.isDirectory(code) ? code : code.getParent();
            Process git = new ProcessBuilder("git", "-C", folder.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true).start();
            String commit = new String(git.getInputStream().readAllBytes()).strip();
            boolean done = git.waitFor(5, TimeUnit.SECONDS);
            return done && git.exitValue() == 0 && commit.matches("[0-9a-f]{40}") ? commit : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AnnealException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The data file's SHA-256 recorded in a run's {@code provenance.json}. */
    static String dataSha256(Path provenance) {
        try {
            return Json.mapper().readTree(provenance.toFile()).path("data").path("sha256").asText();
        } catch (IOException e) {
            throw new AnnealException("cannot read " + provenance + ": " + e.getMessage(), e);
        }
    }
}
