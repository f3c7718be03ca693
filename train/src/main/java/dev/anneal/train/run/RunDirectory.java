package dev.anneal.train.run;

import dev.anneal.core.AnnealException;
import dev.anneal.core.io.AtomicFiles;
import dev.anneal.core.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * The folder a run writes everything into. Work happens in {@code <folder>.partial}, which is renamed
 * to the final name only when the run completes, so a folder without the suffix is always complete;
 * a failed run removes its partial folder.
 */
public final class RunDirectory {

    /** The suffix of a folder a run is still writing, or that an interrupted run left. */
    public static final String PARTIAL = ".partial";
    /** The folder of the winner's bundle inside a completed run folder. */
    public static final String BUNDLE = "bundle";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path finalPath;
    private final Path workPath;

    private RunDirectory(Path finalPath) {
        this(finalPath, false);
    }

    private RunDirectory(Path finalPath, boolean reopen) {
        this.finalPath = finalPath.toAbsolutePath().normalize();
        this.workPath = this.finalPath.resolveSibling(this.finalPath.getFileName() + PARTIAL);
        if (reopen) {
            return;
        }
        try {
            FileTrees.deleteTree(workPath);
            Files.createDirectories(workPath);
        } catch (IOException | UncheckedIOException e) {
            throw new AnnealException("cannot create the run folder " + workPath + ": " + e.getMessage(), e);
        }
    }

    /** A new folder {@code <output>/<name>-<yyyyMMdd-HHmmss>} (with a counter if that exists). */
    public static RunDirectory create(Path output, String name, LocalDateTime now) {
        String base = name + "-" + STAMP.format(now);
        Path candidate = output.resolve(base);
        for (int i = 2; Files.exists(candidate) || Files.exists(candidate.resolveSibling(base + ".partial")); i++) {
            candidate = output.resolve(base + "-" + i);
        }
        return new RunDirectory(candidate);
    }

    /** Exactly {@code folder} (the {@code --out} option); it must not exist yet or be empty. */
    public static RunDirectory exactly(Path folder) {
        if (Files.exists(folder) && !isEmptyFolder(folder)) {
            throw new AnnealException("--out " + folder + ": the folder already exists and is not empty; "
                    + "choose another or remove it");
        }
        return new RunDirectory(folder);
    }

    /**
     * The folder an interrupted run left, reopened as it is, to be continued: {@code folder} is either the
     * run's final name or its {@code .partial} folder, which must exist and hold the run's
     * {@code config.yaml}.
     */
    public static RunDirectory resume(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        String name = absolute.getFileName() == null ? "" : absolute.getFileName().toString();
        Path finalPath = name.endsWith(PARTIAL) && name.length() > PARTIAL.length()
                ? absolute.resolveSibling(name.substring(0, name.length() - PARTIAL.length())) : absolute;
        RunDirectory directory = new RunDirectory(finalPath, true);
        if (!Files.isRegularFile(directory.workPath.resolve("config.yaml"))) {
            String why = Files.isRegularFile(finalPath.resolve("leaderboard.json")) && !Files.exists(directory.workPath)
                    ? "it is a completed run, not an interrupted one"
                    : "it is not an interrupted run (no " + directory.workPath.getFileName() + " folder with config.yaml)";
            throw new AnnealException("--resume " + folder + ": " + why);
        }
        return directory;
    }

    private static boolean isEmptyFolder(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** The folder files are written into while the run works. */
    public Path work() {
        return workPath;
    }

    /** Where the run will be once complete. */
    public Path finalPath() {
        return finalPath;
    }

    public void writeJson(String file, Object value) {
        AtomicFiles.writeJson(workPath.resolve(file), value);
    }

    public void writeString(String file, String content) {
        AtomicFiles.writeString(workPath.resolve(file), content);
    }

    /** Renames the work folder to its final name. */
    public Path complete() {
        try {
            if (Files.exists(finalPath)) {
                Files.delete(finalPath);
            }
            try {
                Files.move(workPath, finalPath, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(workPath, finalPath);
            }
            return finalPath;
        } catch (IOException e) {
            throw new AnnealException("cannot complete the run folder " + finalPath + ": " + e.getMessage(), e);
        }
    }

    /** Removes the work folder of a run that did not complete. */
    public void discard() {
        FileTrees.deleteTree(workPath);
    }
}
