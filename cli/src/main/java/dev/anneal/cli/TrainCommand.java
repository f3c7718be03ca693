package dev.anneal.cli;

import dev.anneal.core.AnnealException;
import dev.anneal.core.config.ConfigLoader;
import dev.anneal.core.config.DeviceSpec;
import dev.anneal.core.config.ProjectConfig;
import dev.anneal.train.model.ModelRegistry;
import dev.anneal.train.progress.ConsoleProgress;
import dev.anneal.train.progress.Progress;
import dev.anneal.train.run.LeaderboardTable;
import dev.anneal.train.run.RunResult;
import dev.anneal.train.run.TrainingRun;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code anneal train}: trains every candidate of a config and prints the leaderboard. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train and compare the candidate models of a config; the winner is chosen on validation and reported on test.",
            "Every config key and its default is documented in docs/config.md."
        },
        footer = {"", "Examples:", "  anneal train configs/demo.yaml --out runs/demo --seed 7",
            "  anneal train --resume runs/demo      (continue a run that was interrupted)"})
final class TrainCommand implements Callable<Integer> {

    static final Path DEFAULT_CONFIG = Path.of("configs", "demo.yaml");
    /** System property the launcher sets to the checkout or install folder, where the demo config lives. */
    static final String HOME_PROPERTY = "anneal.home";

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
            description = "The experiment config (YAML). Default: the shipped demo, configs/demo.yaml.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the run into exactly this folder (new or empty) instead of <output>/<name>-<time>.")
    Path out;

    @Option(names = "--bundles", paramLabel = "DIR",
            description = "Write the winner's bundle into this model repository (DIR/<name>/<version>/) instead of "
                    + "the config's bundles folder.")
    Path bundles;

    @Option(names = "--seed", paramLabel = "N", description = "Replace the config's seed (and its split seed when unset).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads for model training. Default: the number of cores (${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--device", paramLabel = "DEVICE",
            description = "Where deep models train: auto (every GPU, else the CPU), cpu, gpu, or gpu:0,1. "
                    + "Replaces the config's device.")
    String device;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the interrupted run in RUN_DIR (its name or its .partial folder) with the config "
                    + "it started with: finished candidates are kept, a deep one resumes from its last epoch.")
    Path resume;

    @Option(names = "--no-progress", description = "Do not draw progress bars.")
    boolean noProgress;

    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter messages = spec.commandLine().getErr();
        if (threads < 1) {
            throw new AnnealException("--threads must be at least 1, got " + threads);
        }
        ModelRegistry registry = ModelRegistry.load();
        Progress progress = noProgress ? Progress.SILENT
                : new ConsoleProgress(new PrintStream(System.err, true, StandardCharsets.UTF_8));
        if (resume != null) {
            if (config != null || this.out != null || seed != null || device != null || bundles != null) {
                throw new AnnealException("--resume continues a run with the config it started with; "
                        + "give no CONFIG, --out, --seed, --device or --bundles with it");
            }
            return print(out, new TrainingRun(registry, progress, messages, threads).resume(resume));
        }
        ProjectConfig project = new ConfigLoader(registry).load(config != null ? config : demoConfig(),
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed));
        if (device != null) {
            DeviceSpec.problem(device).ifPresent(problem -> {
                throw new AnnealException("--device: " + problem);
            });
            project = project.withDevice(device);
        }
        if (bundles != null) {
            project = project.withBundles(bundles.toAbsolutePath().normalize());
        }
        return print(out, new TrainingRun(registry, progress, messages, threads).run(project, this.out));
    }

    private static int print(PrintWriter out, RunResult result) {
        out.print(LeaderboardTable.format(result));
        out.flush();
        return result.winner() == null ? AnnealCommand.FAILURE : 0;
    }

    /** configs/demo.yaml in the working folder, else in anneal's home (so the launcher works from anywhere). */
    private static Path demoConfig() {
        String home = System.getProperty(HOME_PROPERTY);
        if (Files.exists(DEFAULT_CONFIG) || home == null) {
            return DEFAULT_CONFIG;
        }
        return Path.of(home).resolve(DEFAULT_CONFIG);
    }
}
