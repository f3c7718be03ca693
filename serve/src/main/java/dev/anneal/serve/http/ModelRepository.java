package dev.anneal.serve.http;

import dev.anneal.core.AnnealException;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.core.config.ServingConfig;
import dev.anneal.serve.runtime.BundleSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The models a server serves: every bundle of a model repository folder ({@code DIR/<name>/<version>/}),
 * each version loaded in ONNX Runtime and warmed up; a model's newest version is its default. A model's
 * {@value ServingConfig#FILE_NAME} ({@code DIR/<name>/serving.yaml}) overrides the server's batching and
 * queueing settings for its versions.
 *
 * <p>{@link #refresh} loads versions that appeared since, reloads those whose model's settings changed and
 * retires those whose folder is gone. A new version is loaded and warmed up before it is published, and a
 * retired one is closed only after a grace period, so that requests never see a half-loaded model and those
 * in flight on a retired one finish: a reload fails no request. Readers see one immutable snapshot per request.
 */
final class ModelRepository implements AutoCloseable {

    /** How long a retired version keeps serving the requests that already hold it. */
    private static final long RETIRE_AFTER_SECONDS = 30;

    private final Path folder;
    private final ServedModel.Settings settings;
    private final Consumer<String> warnings;
    private final ScheduledExecutorService retirements = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "anneal-retire");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Map<String, TreeMap<Integer, ServedModel>> models = Map.of();

    private ModelRepository(Path folder, ServedModel.Settings settings, Consumer<String> warnings) {
        this.folder = folder;
        this.settings = settings;
        this.warnings = warnings;
    }

    /**
     * Loads every bundle under {@code folder} as {@code settings} say; {@code warnings} hears a CUDA
     * fallback, and later a version that cannot be loaded on a refresh.
     *
     * @throws AnnealException when the folder holds no bundle, or a bundle cannot be read or loaded
     */
    static ModelRepository load(Path folder, ServedModel.Settings settings, Consumer<String> warnings) {
        if (!Files.isDirectory(folder)) {
            throw new AnnealException("--models " + folder + ": no such folder (expected DIR/<name>/<version>/ bundles)");
        }
        ModelRepository repository = new ModelRepository(folder, settings, warnings);
        try {
            repository.refresh(null, true);
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
        if (repository.models.isEmpty()) {
            throw new AnnealException("--models " + folder + ": no model bundle in it (expected DIR/<name>/<version>/ "
                    + "folders written by anneal train or anneal export)");
        }
        return repository;
    }

    /**
     * Brings model {@code only} (every model when null) in line with the folder: loads new versions, reloads
     * the versions of a model whose {@value ServingConfig#FILE_NAME} changed, and retires versions whose
     * folder is gone; a version that cannot be loaded is reported and skipped, and a model whose
     * {@value ServingConfig#FILE_NAME} is wrong is reported and left as it was.
     *
     * @return a line per change
     * @throws HttpError 404 when {@code only} has no folder in the repository, 400 when its
     *     {@value ServingConfig#FILE_NAME} is wrong
     */
    synchronized List<String> refresh(String only) {
        return refresh(only, false);
    }

    private synchronized List<String> refresh(String only, boolean failFast) {
        if (only != null && (!only.matches("[^/\\\\]+") || only.startsWith(".")
                || !Files.isDirectory(folder.resolve(only)))) {
            throw HttpError.notFound("the repository has no model folder '" + only + "'");
        }
        Map<String, TreeMap<Integer, ServedModel>> next = new TreeMap<>();
        models.forEach((name, versions) -> next.put(name, new TreeMap<>(versions)));
        Changes changes = new Changes(failFast);
        for (Path model : modelFolders(only)) {
            String name = model.getFileName().toString();
            ServedModel.Settings modelSettings;
            try {
                modelSettings = settingsOf(model);
            } catch (AnnealException e) {
                if (failFast) {
                    throw e;
                }
                if (only != null) {
                    throw HttpError.badRequest(e.getMessage());
                }
                warnings.accept("cannot load model " + name + ", left as it was: " + e.getMessage());
                continue;
            }
            TreeMap<Integer, ServedModel> versions = next.computeIfAbsent(name, n -> new TreeMap<>());
            refreshVersions(name, model, modelSettings, versions, changes);
            if (versions.isEmpty()) {
                next.remove(name);
            }
        }
        if (only == null) {
            for (String name : new ArrayList<>(next.keySet())) {
                if (!Files.isDirectory(folder.resolve(name))) {
                    changes.retire(next.remove(name).values(), "retired " + name);
                }
            }
        }
        models = Collections.unmodifiableMap(next);
        for (ServedModel model : changes.retired) {
            retirements.schedule(model::close, RETIRE_AFTER_SECONDS, TimeUnit.SECONDS);
        }
        return changes.lines;
    }

    /** What one refresh changed: lines for the log, and the versions to close after the grace period. */
    private record Changes(boolean failFast, List<String> lines, List<ServedModel> retired) {
        Changes(boolean failFast) {
            this(failFast, new ArrayList<>(), new ArrayList<>());
        }

        void retire(Collection<ServedModel> models, String line) {
            retired.addAll(models);
            lines.add(line);
        }
    }

    /** Brings the loaded {@code versions} of model {@code name} in line with its folder {@code model}. */
    private void refreshVersions(String name, Path model, ServedModel.Settings modelSettings,
            TreeMap<Integer, ServedModel> versions, Changes changes) {
        List<Integer> present = new ArrayList<>();
        for (Path version : ModelBundle.versions(model)) {
            int number = Integer.parseInt(version.getFileName().toString());
            present.add(number);
            ServedModel loaded = versions.get(number);
            if (loaded != null && loaded.settings().equals(modelSettings)) {
                continue;
            }
            try {
                versions.put(number, open(name, version, modelSettings));
                if (loaded == null) {
                    changes.lines.add("loaded " + name + " version " + number);
                } else {
                    changes.retire(List.of(loaded), "reloaded " + name + " version " + number + " with its changed "
                            + ServingConfig.FILE_NAME);
                }
            } catch (AnnealException e) {
                if (changes.failFast) {
                    throw e;
                }
                warnings.accept("cannot load " + version + ": " + e.getMessage());
            }
        }
        for (Integer number : new ArrayList<>(versions.keySet())) {
            if (!present.contains(number)) {
                changes.retire(List.of(versions.remove(number)), "retired " + name + " version " + number);
            }
        }
    }

    private List<Path> modelFolders(String only) {
        if (only != null) {
            return List.of(folder.resolve(only));
        }
        try (Stream<Path> names = Files.list(folder)) {
            return names.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new AnnealException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The server's settings with the model's own {@value ServingConfig#FILE_NAME} applied. */
    private ServedModel.Settings settingsOf(Path model) {
        return settings.with(ServingConfig.read(model), model.resolve(ServingConfig.FILE_NAME));
    }

    private ServedModel open(String name, Path version, ServedModel.Settings modelSettings) {
        ModelBundle bundle = ModelBundle.read(version);
        BundleSession session = BundleSession.open(bundle.file(ModelBundle.MODEL), modelSettings.device(),
                modelSettings.threads(), warnings);
        return ServedModel.open(name, version.getFileName().toString(), bundle, session, modelSettings);
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

    /** The loaded versions of model {@code name}, oldest first. */
    List<Integer> versions(String name) {
        TreeMap<Integer, ServedModel> versions = models.get(name);
        return versions == null ? List.of() : new ArrayList<>(versions.keySet());
    }

    /** Closes every model, retired ones still in their grace period included. */
    @Override
    public void close() {
        retirements.shutdownNow().forEach(Runnable::run);
        all().forEach(ServedModel::close);
    }
}
