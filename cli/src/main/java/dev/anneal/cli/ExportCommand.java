package dev.anneal.cli;

import dev.anneal.train.model.ModelRegistry;
import dev.anneal.train.progress.Progress;
import dev.anneal.train.run.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anneal export}: the model bundle of any finished candidate of a run, not only the winner's. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {"Write the model bundle of a candidate of a completed run (its ONNX graph was exported and "
                + "checked on the test split when it finished)."},
        footer = {"", "Example:", "  anneal export --run runs/churn-demo-20261128-193652 --model mlp --out /tmp/mlp-bundle"})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "A completed run folder.")
    Path run;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "The candidate's name in the run.")
    String model;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the bundle exactly into DIR (which must not "
            + "exist) instead of the next version in the run config's model repository.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter messages = spec.commandLine().getErr();
        Path bundle = new TrainingRun(ModelRegistry.load(), Progress.SILENT, messages, 1).export(run, model, out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("model bundle: " + bundle);
        stdout.flush();
        return 0;
    }
}
