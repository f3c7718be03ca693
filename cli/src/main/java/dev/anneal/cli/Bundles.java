package dev.anneal.cli;

import dev.anneal.core.AnnealException;
import dev.anneal.core.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the bundle a {@code --model} option names: a bundle folder, or the newest version in a model's folder. */
final class Bundles {

    private Bundles() {
    }

    static ModelBundle open(Path path) {
        if (Files.isRegularFile(path.resolve(ModelBundle.MANIFEST)) || !Files.isDirectory(path)) {
            return ModelBundle.read(path);
        }
        List<Path> complete = ModelBundle.versions(path).stream()
                .filter(version -> Files.isRegularFile(version.resolve(ModelBundle.MANIFEST)))
                .toList();
        if (complete.isEmpty()) {
            throw new AnnealException(path + " is neither a model bundle nor a folder of numbered bundle versions");
        }
        return ModelBundle.read(complete.get(complete.size() - 1));
    }
}
