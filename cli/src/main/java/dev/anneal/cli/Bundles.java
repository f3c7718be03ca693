package dev.anneal.cli;

import dev.anneal.core.AnnealException;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.train.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the bundle an option such as {@code --model} names: a bundle folder, a run folder (its winner's
 * {@code bundle/}), or a model's folder in a repository (its newest version).
 */
final class Bundles {

    private Bundles() {
    }

    static ModelBundle open(Path path) {
        if (Files.isRegularFile(path.resolve(ModelBundle.MANIFEST)) || !Files.isDirectory(path)) {
            return ModelBundle.read(path);
        }
        Path runBundle = path.resolve(RunDirectory.BUNDLE);
        if (Files.isRegularFile(runBundle.resolve(ModelBundle.MANIFEST))) {
            return ModelBundle.read(runBundle);
        }
        List<Path> complete = ModelBundle.versions(path).stream()
                .filter(version -> Files.isRegularFile(version.resolve(ModelBundle.MANIFEST)))
                .toList();
        if (complete.isEmpty()) {
            throw new AnnealException(path + " is neither a model bundle, nor a run folder with a bundle, nor a folder of numbered"
                    + " bundle versions");
        }
        return ModelBundle.read(complete.get(complete.size() - 1));
    }
}
