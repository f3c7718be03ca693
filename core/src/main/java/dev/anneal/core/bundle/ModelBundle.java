package dev.anneal.core.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.anneal.core.AnnealException;
import dev.anneal.core.io.AtomicFiles;
import dev.anneal.core.io.FileTrees;
import dev.anneal.core.io.Json;
import dev.anneal.core.text.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.TreeMap;

/**
 * A model bundle on disk: a folder with {@code model.onnx} (the whole model from raw columns),
 * {@code manifest.json} ({@link BundleManifest}), {@code preprocessor.json} (the fitted transforms) and
 * {@code MODEL_CARD.md}. Written whole or not at all; read only when its format version is known and
 * every file's SHA-256 matches the manifest.
 */
public final class ModelBundle {

    /** The bundle format this version of anneal writes and reads. */
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    public static final String MODEL = "model.onnx";
    public static final String PREPROCESSOR = "preprocessor.json";
    public static final String MODEL_CARD = "MODEL_CARD.md";

    private final Path folder;
    private final BundleManifest manifest;

    private ModelBundle(Path folder, BundleManifest manifest) {
        this.folder = folder;
        this.manifest = manifest;
    }

    public Path folder() {
        return folder;
    }

    public BundleManifest manifest() {
        return manifest;
    }

    /** The path of one of the bundle's files. */
    public Path file(String name) {
        return folder.resolve(name);
    }

    /**
     * The tokenizer of each text input, by column, read from the bundle's files.
     *
     * @throws AnnealException when a tokenizer file cannot be read
     */
    public Map<String, Tokenizer> tokenizers() {
        Map<String, Tokenizer> tokenizers = new LinkedHashMap<>();
        for (BundleManifest.InputColumn input : manifest.inputs()) {
            if (input.tokenizer() != null) {
                tokenizers.put(input.column(), Tokenizer.read(file(input.tokenizer())));
            }
        }
        return tokenizers;
    }

    /**
     * The numbered version folders ({@code 1}, {@code 2}, ...) of a model's folder in a repository, in
     * increasing order; none when the folder does not exist.
     */
    public static List<Path> versions(Path modelFolder) {
        if (!Files.isDirectory(modelFolder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(modelFolder)) {
            return entries.filter(path -> path.getFileName().toString().matches("[0-9]{1,9}"))
                    .sorted(Comparator.comparingInt(path -> Integer.parseInt(path.getFileName().toString())))
                    .toList();
        } catch (IOException e) {
            throw new AnnealException("cannot list the model folder " + modelFolder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code files} and the manifest (with their hashes) into {@code folder}, which must not exist:
     * everything goes into a sibling temporary folder first, renamed to {@code folder} when complete.
     */
    public static ModelBundle write(Path folder, BundleManifest manifest, Map<String, byte[]> files) {
        if (Files.exists(folder)) {
            throw new AnnealException("cannot write the model bundle: " + folder + " exists already");
        }
        Path partial = folder.resolveSibling(folder.getFileName() + ".partial");
        try {
            FileTrees.deleteTree(partial);
            Files.createDirectories(partial);
            Map<String, String> hashes = new TreeMap<>();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                AtomicFiles.write(partial.resolve(file.getKey()), file.getValue());
                hashes.put(file.getKey(), FileTrees.sha256(partial.resolve(file.getKey())));
            }
            BundleManifest complete = manifest.withFiles(hashes);
            AtomicFiles.writeJson(partial.resolve(MANIFEST), complete);
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
            return new ModelBundle(folder, complete);
        } catch (IOException e) {
            throw new AnnealException("cannot write the model bundle " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the bundle in {@code folder}.
     *
     * @throws AnnealException when there is no manifest, its format version is unknown, or a file is
     *     missing or its SHA-256 does not match
     */
    public static ModelBundle read(Path folder) {
        Path manifestFile = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new AnnealException(folder + " is not a model bundle: it has no " + MANIFEST);
        }
        BundleManifest manifest;
        try {
            int version = Json.mapper().readTree(manifestFile.toFile()).path("format_version").asInt(-1);
            if (version != FORMAT_VERSION) {
                throw new AnnealException(manifestFile + ": format_version " + version + " is not one this anneal reads"
                        + " (it reads " + FORMAT_VERSION + ")");
            }
            manifest = Json.mapper().readValue(manifestFile.toFile(), BundleManifest.class);
        } catch (JsonProcessingException e) {
            throw new AnnealException(manifestFile + ": not a valid manifest: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AnnealException("cannot read " + manifestFile + ": " + e.getMessage(), e);
        }
        if (manifest.files() == null || !manifest.files().containsKey(MODEL)) {
            throw new AnnealException(manifestFile + ": lists no " + MODEL);
        }
        for (Map.Entry<String, String> file : manifest.files().entrySet()) {
            Path path = folder.resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                throw new AnnealException("model bundle " + folder + ": " + file.getKey() + " is missing");
            }
            String actual = FileTrees.sha256(path);
            if (!actual.equals(file.getValue())) {
                throw new AnnealException("model bundle " + folder + ": " + file.getKey() + " has SHA-256 " + actual
                        + " but the manifest says " + file.getValue() + " (the file was changed or damaged)");
            }
        }
        return new ModelBundle(folder, manifest);
    }
}
