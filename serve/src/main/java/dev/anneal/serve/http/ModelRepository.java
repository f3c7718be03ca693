package dev.anneal.serve.http;

import dev.anneal.core.AnnealException;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.serve.runtime.BundleSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The models a server serves: every bundle of a model repository folder ({@code DIR/<name>/<version>/}),
 * each version loaded in ONNX Runtime and warmed up; a model's newest version is its default.
 */
final class ModelRepository implements AutoCloseable {

    private final Map<String, TreeMap<Integer, ServedModel>> models;

    private ModelRepository(Map<String, TreeMap<Integer, ServedModel>> models) {
        this.models = models;
    }

    /**
     * Loads every bundle under {@code folder} as {@code settings} say; {@code warnings} hears a CUDA
     * fallback.
     *
     * @throws AnnealException when the folder holds no bundle, or a bundle cannot be read or loaded
     */
    static ModelRepository load(Path folder, ServedModel.Settings settings, Consumer<String> warnings) {
        if (!Files.isDirectory(folder)) {
            throw new AnnealException("--models " + folder + ": no such folder (expected DIR/<name>/<version>/ bundles)");
        }
        Map<String, TreeMap<Integer, ServedModel>> models = new TreeMap<>();
        try (Stream<Path> names = Files.list(folder)) {
            for (Path model : names.filter(Files::isDirectory).sorted().toList()) {
                for (Path version : ModelBundle.versions(model)) {
                    ModelBundle bundle = ModelBundle.read(version);
                    ServedModel served = new ServedModel(model.getFileName().toString(), bundle, BundleSession.open(
                            bundle.file(ModelBundle.MODEL), settings.device(), settings.threads(), warnings), settings);
                    served.warmUp();
                    models.computeIfAbsent(model.getFileName().toString(), n -> new TreeMap<>())
                            .put(Integer.parseInt(version.getFileName().toString()), served);
                }
            }
        } catch (IOException e) {
            throw new AnnealException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        if (models.isEmpty()) {
            throw new AnnealException("--models " + folder + ": no model bundle in it (expected DIR/<name>/<version>/ "
                    + "folders written by anneal train or anneal export)");
        }
        return new ModelRepository(models);
    }

    /** The model names, sorted. */
    List<String> names() {
        return new ArrayList<>(models.keySet());
    }

    /** Every loaded version of every model. */
    List<ServedModel> all() {
        List<ServedModel> all = new ArrayList<>();
        models.values().forEach(versions -> all.addAll(versions.values()));
        return Collections.unmodifiableList(all);
    }

    /**
     * Model {@code name} at {@code version}, or its newest version when {@code version} is null.
     *
     * @throws HttpError 404 for an unknown model or version
     */
    ServedModel get(String name, String version) {
        TreeMap<Integer, ServedModel> versions = models.get(name);
        if (versions == null) {
            throw HttpError.notFound("unknown model '" + name + "'; this server has " + names());
        }
        if (version == null) {
            return versions.lastEntry().getValue();
        }
        ServedModel served = version.matches("[0-9]{1,9}") ? versions.get(Integer.parseInt(version)) : null;
        if (served == null) {
            throw HttpError.notFound("model '" + name + "' has no version '" + version + "'; it has "
                    + versions.keySet());
        }
        return served;
    }

    /** How many versions each model has loaded, by name. */
    Map<String, List<Integer>> versions() {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        models.forEach((name, versions) -> out.put(name, new ArrayList<>(versions.keySet())));
        return out;
    }

    @Override
    public void close() {
        all().forEach(ServedModel::close);
    }
}
