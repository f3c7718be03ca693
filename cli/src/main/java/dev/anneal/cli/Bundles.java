package dev.anneal.cli;

import dev.anneal.core.AnnealException;
import dev.anneal.core.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Finds the bundle a {@code --model} option names: a bundle folder, or the newest version in a model's folder. */
final class Bundles {

    private Bundles() {
    }

    static ModelBundle open(Path path) {
        if (Files.isRegularFile(path.resolve(ModelBundle.MANIFEST)) || !Files.isDirectory(path)) {
            return ModelBundle.read(path);
        }
        try (Stream<Path> versions = Files.list(path)) {
            Path newest = versions.filter(p -> p.getFileName().toString().matches("[0-9]{1,9}"))
                    .filter(p -> Files.isRegularFile(p.resolve(ModelBundle.MANIFEST)))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())))
                    .orElseThrow(() -> new AnnealException(path + " is neither a model bundle nor a folder of "
                            + "numbered bundle versions"));
            return ModelBundle.read(newest);
        } catch (IOException e) {
            throw new AnnealException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }
}
