package dev.anneal.train.run;

import dev.anneal.core.AnnealException;
import dev.anneal.core.AnnealVersion;
import dev.anneal.core.Task;
import dev.anneal.core.checks.CheckReport;
import dev.anneal.core.config.ConfigWriter;
import dev.anneal.core.config.ModelConfig;
import dev.anneal.core.config.ProjectConfig;
import dev.anneal.core.data.Table;
import dev.anneal.core.data.Target;
import dev.anneal.core.features.CategoryEncoding;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.features.FeaturePipeline;
import dev.anneal.core.features.FeatureProfile;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.features.FeatureSpec;
import dev.anneal.core.features.FittedPipeline;
import dev.anneal.core.metrics.Metric;
import dev.anneal.core.profile.TableProfile;
import dev.anneal.core.split.Split;
import dev.anneal.train.deep.DeepFamily;
import dev.anneal.train.deep.Devices;
import dev.anneal.train.model.ModelFamily;
import dev.anneal.train.model.ModelRegistry;
import dev.anneal.train.model.TrainedModel;
import dev.anneal.train.model.TrainingContext;
import dev.anneal.train.model.TrainingData;
import dev.anneal.train.progress.Progress;
import dev.anneal.core.config.ConfigLoader;
import dev.anneal.core.io.AtomicFiles;
import dev.anneal.core.io.FileTrees;
import dev.anneal.core.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code anneal train}: checks the data (the config's {@code checks:}), reads it, splits it, fits the
 * features on the training rows, trains every candidate, chooses the winner on validation only, reports
 * all candidates on test, and writes the run folder. A candidate that fails is marked failed on the
 * leaderboard and the others go on.
 */
public final class TrainingRun {

    /** A finished candidate's leaderboard entry, in its model folder, so that a resumed run keeps it. */
    static final String ENTRY = "entry.json";
    /** Where a deep candidate checkpoints each epoch, inside its model folder, removed when it finishes. */
    static final String CHECKPOINT = "checkpoint";

    private final ModelRegistry registry;
    private final Progress progress;
    private final PrintWriter messages;
    private final int threads;

    /**
     * @param messages where notes and warnings for the user go (standard error on the command line)
     * @param threads the CPU threads a model may use
     */
    public TrainingRun(ModelRegistry registry, Progress progress, PrintWriter messages, int threads) {
        this.registry = registry;
        this.progress = progress;
        this.messages = messages;
        this.threads = threads;
        Devices.useThreads(threads);
    }

    /**
     * Runs {@code config} into {@code out}, or into a new time-stamped folder under the config's
     * {@code output} when {@code out} is {@code null}.
     */
    public RunResult run(ProjectConfig config, Path out) {
        return run(config, out, null);
    }

    /**
     * Continues the run an interrupted {@code anneal train} left in {@code folder} (its final name or its
     * {@code .partial} folder): reloads the resolved config written at its start, prepares the same data,
     * split and features, keeps the candidates that had finished, resumes the interrupted deep candidate
     * from its last epoch's checkpoint, trains the rest, and completes the folder.
     */
    public RunResult resume(Path folder) {
        RunDirectory directory = RunDirectory.resume(folder);
        ProjectConfig config = new ConfigLoader(registry).load(directory.work().resolve("config.yaml"),
                OptionalLong.empty());
        return run(config, null, directory);
    }

    /**
     * Writes the bundle of candidate {@code model} of the completed run in {@code run}: into {@code out}
     * exactly when given, else as the next version in the run config's model repository. The run's data
     * file must be unchanged (its SHA-256 is in the run's provenance).
     *
     * @return the bundle's folder
     */
    public Path export(Path run, String model, Path out) {
        Path configFile = run.resolve("config.yaml");
        if (!Files.isRegularFile(configFile) || !Files.isRegularFile(run.resolve("leaderboard.json"))) {
            throw new AnnealException(run + " is not a completed run folder (no config.yaml and leaderboard.json)");
        }
        Path entryFile = run.resolve("models").resolve(model).resolve(ENTRY);
        if (!Files.isRegularFile(entryFile)) {
            throw new AnnealException(run + " has no finished candidate '" + model + "'");
        }
        LeaderboardEntry entry = readEntry(entryFile);
        if (entry.exportProblem() != null) {
            throw new AnnealException("candidate '" + model + "' has no ONNX export: " + entry.exportProblem());
        }
        ProjectConfig config = new ConfigLoader(registry).load(configFile, OptionalLong.empty());
        String recorded = Provenance.dataSha256(run.resolve("provenance.json"));
        if (!FileTrees.sha256(config.data().path()).equals(recorded)) {
            throw new AnnealException(config.data().path() + " changed since the run (its SHA-256 is not the one in "
                    + run.resolve("provenance.json") + "); the bundle's training statistics would be wrong");
        }
        PreparedData data = PreparedData.load(config);
        Split split = data.rows().fromFileRows(readSplit(run.resolve("splits.json")));
        String version = out == null ? BundleWriter.nextVersion(config)
                : out.getFileName().toString().matches("[0-9]{1,9}") ? out.getFileName().toString() : "1";
        Path target = out != null ? out : config.bundles().resolve(config.name()).resolve(version);
        return BundleWriter.write(config, data, data.table().select(split.train()), run, run, entry, version,
                List.of(target)).folder();
    }

    private static Split readSplit(Path file) {
        try {
            return Json.mapper().readValue(file.toFile(), Split.class);
        } catch (IOException e) {
            throw new AnnealException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private RunResult run(ProjectConfig config, Path out, RunDirectory reopened) {
        // Notes are printed only once the data, the split and the folder are known to be usable, so that a
        // user error is the one line the command prints.
        CheckReport checks = InputChecks.run(config, progress);
        PreparedData data = PreparedData.load(config);
        ProjectConfig resolved = resolve(config, data);
        Split split = SplitPlanner.split(resolved.split(), data);
        String device = trainingDevice(resolved);
        RunDirectory folder = reopened != null ? reopened : out != null ? RunDirectory.exactly(out)
                : RunDirectory.create(config.output(), config.name(), LocalDateTime.now());
        messages.printf("read %s: %d rows, %d columns%n", config.data().path(), data.rows().fileRows(),
                data.table().columnCount());
        if (config.data().deduplicate()) {
            messages.printf("data.deduplicate: removed %d duplicate rows (the first of each kept)%n",
                    data.rows().removed());
        }
        data.warnings().forEach(w -> messages.println("warning: " + w));
        if (checks != null) {
            checks.failures().forEach(warning -> messages.println(warning.withSeverity()));
        }
        messages.printf("%d rows: %d train, %d validation, %d test (%s split); task %s, selection metric %s%n",
                data.table().rowCount(), split.train().length, split.validation().length, split.test().length,
                resolved.split().method().configName(), data.task().configName(), data.metric().configName());
        messages.flush();
        try {
            folder.writeString("config.yaml", ConfigWriter.toYaml(resolved));
            if (checks != null) {
                folder.writeJson(InputChecks.FILE, checks);
            }
            folder.writeJson("provenance.json", Provenance.describe(config.data().path(), data.table().rowCount(),
                    data.rows().removed(), data.table().columnCount(), resolved.seed(), resolved.split().seed(), threads,
                    device));
            folder.writeJson("splits.json", data.rows().toFileRows(split));
            folder.writeJson("profile.json", TableProfile.of(data.table(), data.columns()));
            List<LeaderboardEntry> leaderboard = trainAll(resolved, data, split, folder);
            String winner = chooseWinner(leaderboard, data.metric());
            folder.writeJson("leaderboard.json", leaderboard);
            folder.writeJson("metrics.json", summary(data, leaderboard, winner));
            Path bundle = bundle(resolved, data, split, folder, leaderboard, winner);
            Path done = folder.complete();
            return new RunResult(done, data.task(), data.metric(), winner, leaderboard, data.warnings(), bundle);
        } catch (RuntimeException e) {
            if (reopened == null) {
                folder.discard();
            }
            throw e;
        }
    }

    /** The winner's bundle in the model repository, or {@code null} (with a note) when it has no export. */
    private Path bundle(ProjectConfig config, PreparedData data, Split split, RunDirectory folder,
            List<LeaderboardEntry> leaderboard, String winner) {
        LeaderboardEntry entry = leaderboard.stream().filter(e -> e.name().equals(winner)).findFirst().orElse(null);
        if (entry == null) {
            return null;
        }
        if (entry.exportProblem() != null) {
            messages.println("note: no model bundle: the winner '" + winner + "' has no ONNX export ("
                    + entry.exportProblem() + ")");
            messages.flush();
            return null;
        }
        return BundleWriter.write(config, data, data.table().select(split.train()), folder, entry).folder();
    }

    /**
     * The devices deep candidates will train on, resolved before any work so that {@code device: gpu}
     * on a machine without one fails at once; the CPU when no candidate is deep.
     */
    private String trainingDevice(ProjectConfig config) {
        boolean deep = config.models().stream().anyMatch(m -> registry.family(m.type()) instanceof DeepFamily);
        return deep ? Devices.describe(Devices.resolve(config.device())) : "cpu";
    }

    private ProjectConfig resolve(ProjectConfig config, PreparedData data) {
        List<ModelConfig> models = config.models().stream()
                .map(m -> new ModelConfig(m.name(), m.type(), registry.family(m.type()).resolveParams(m.params())))
                .toList();
        String positive = data.task() == Task.BINARY ? data.target().classes().get(1) : null;
        return config.resolved(data.task(), positive, data.metric().configName(), models);
    }

    private List<LeaderboardEntry> trainAll(ProjectConfig config, PreparedData data, Split split, RunDirectory folder) {
        Table train = data.table().select(split.train());
        Table validation = data.table().select(split.validation());
        Table test = data.table().select(split.test());
        Target trainTarget = data.target().select(split.train());
        Target validationTarget = data.target().select(split.validation());
        Target testTarget = data.target().select(split.test());
        Map<FeatureProfile, PreparedFeatures> featuresByProfile = new EnumMap<>(FeatureProfile.class);
        List<LeaderboardEntry> leaderboard = new ArrayList<>();
        for (ModelConfig candidate : config.models()) {
            ModelFamily family = registry.family(candidate.type());
            Path modelFolder = folder.work().resolve("models").resolve(candidate.name());
            Path entryFile = modelFolder.resolve(ENTRY);
            if (Files.isRegularFile(entryFile)) {
                // Finished before the run was interrupted.
                leaderboard.add(readEntry(entryFile));
                FileTrees.deleteTree(modelFolder.resolve(CHECKPOINT));
                continue;
            }
            long started = System.nanoTime();
            try {
                PreparedFeatures features = featuresByProfile.computeIfAbsent(family.featureProfile(),
                        profile -> PreparedFeatures.fit(profile, config, data, train, validation, test, trainTarget));
                started = System.nanoTime();
                TrainingData trainingData = new TrainingData(data.task(), features.pipeline(), features.train(),
                        trainTarget, features.validation(), validationTarget);
                TrainingContext context = new TrainingContext(config.seed(), data.metric(), threads, config.device(),
                        progress, modelFolder.resolve(CHECKPOINT));
                TrainedModel model = family.train(trainingData, candidate, context);
                double seconds = (System.nanoTime() - started) / 1e9;
                double[] validationPredictions = model.predict(features.validation());
                double threshold = Evaluation.tunedThreshold(validationTarget, validationPredictions);
                model.save(modelFolder);
                folder.writeString("models/" + candidate.name() + "/features.json", features.pipeline().toJson());
                double[] testPredictions = model.predict(features.test());
                Map<String, Double> testMetrics = Evaluation.score(testTarget, testPredictions, threshold);
                CandidateExport.Result exported = CandidateExport.run(model, candidate.name(), features.pipeline(),
                        data.task(), data.target().classes(), threshold, test, testTarget, testPredictions, modelFolder,
                        Map.of("anneal_version", AnnealVersion.get(), "run", folder.finalPath().getFileName().toString(),
                                "candidate", candidate.name(),
                                "family", candidate.type()));
                if (exported.problem() != null) {
                    messages.println("note: candidate '" + candidate.name() + "' has no ONNX export: "
                            + exported.problem());
                    messages.flush();
                }
                LeaderboardEntry entry = new LeaderboardEntry(candidate.name(), candidate.type(), "ok", null,
                        model.params(), features.pipeline().outputNames().size(),
                        Evaluation.score(validationTarget, validationPredictions, threshold), testMetrics,
                        seconds, model.bestIteration(), exported.testOnnx(), exported.maxDifference(), exported.problem());
                // Saved last: a candidate with its entry is complete, and a resumed run keeps it.
                AtomicFiles.writeJson(entryFile, entry);
                FileTrees.deleteTree(modelFolder.resolve(CHECKPOINT));
                leaderboard.add(entry);
            } catch (AnnealException e) {
                double seconds = (System.nanoTime() - started) / 1e9;
                messages.println("candidate '" + candidate.name() + "' failed: " + e.getMessage());
                messages.flush();
                leaderboard.add(LeaderboardEntry.failed(candidate.name(), candidate.type(), candidate.params(),
                        e.getMessage(), seconds));
            }
        }
        return leaderboard;
    }

    private static LeaderboardEntry readEntry(Path file) {
        try {
            return Json.mapper().readValue(file.toFile(), LeaderboardEntry.class);
        } catch (IOException e) {
            throw new AnnealException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The candidate with the best validation value of the selection metric; test is never looked at. */
    static String chooseWinner(List<LeaderboardEntry> leaderboard, Metric metric) {
        LeaderboardEntry best = null;
        for (LeaderboardEntry entry : leaderboard) {
            if (!entry.ok()) {
                continue;
            }
            double value = entry.validation().get(metric.configName());
            if (best == null || metric.isBetter(value, best.validation().get(metric.configName()))) {
                best = entry;
            }
        }
        return best == null ? null : best.name();
    }

    private static Map<String, Object> summary(PreparedData data, List<LeaderboardEntry> leaderboard, String winner) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", data.task().configName());
        out.put("selection_metric", data.metric().configName());
        out.put("selected_on", "validation");
        out.put("winner", winner);
        if (data.task().isClassification()) {
            out.put("classes", data.target().classes());
        }
        leaderboard.stream().filter(e -> e.name().equals(winner)).findFirst().ifPresent(entry -> {
            out.put("validation", entry.validation());
            out.put("test", entry.test());
            if (data.task() == Task.BINARY) {
                out.put("positive", data.target().classes().get(1));
                out.put("threshold", entry.validation().get("tuned_threshold"));
            }
        });
        return out;
    }

    /** The feature pipeline of one profile, fitted on train, with every split transformed by it. */
    private record PreparedFeatures(FeaturePipeline.Fitted fitted,
            FeatureMatrix validation, FeatureMatrix test) {

        FittedPipeline pipeline() {
            return fitted.pipeline();
        }

        FeatureMatrix train() {
            return fitted.training();
        }

        /** Numbers first, then category indices, then text: the order neural layouts and sparse parts need. */
        private static int order(FeatureSpec spec) {
            return spec.type() == ColumnType.TEXT ? 2 : spec.encode() == CategoryEncoding.INDEX ? 1 : 0;
        }

        static PreparedFeatures fit(FeatureProfile profile, ProjectConfig config, PreparedData data, Table train,
                Table validation, Table test, Target trainTarget) {
            List<FeatureSpec> specs = new ArrayList<>();
            data.features().forEach((column, type) -> specs.add(FeatureSpec.of(column, type, profile, config.column(column))));
            // Category indices go last, so that a network can split a row into numbers and indices.
            specs.sort(Comparator.comparingInt(PreparedFeatures::order));
            FeaturePipeline.Fitted fitted = new FeaturePipeline(specs).fit(train, trainTarget, config.seed());
            return new PreparedFeatures(fitted, fitted.pipeline().transform(validation), fitted.pipeline().transform(test));
        }
    }
}
