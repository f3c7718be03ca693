package dev.anneal.cli;

import dev.anneal.core.AnnealException;
import dev.anneal.serve.ServeCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code anneal}: the top-level command that holds the subcommands. */
@Command(
        name = "anneal",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "From raw data to a served model: plan, train, compare, export and serve.",
        subcommands = {PlanCommand.class, ValidateCommand.class, TrainCommand.class, PredictCommand.class,
            EvaluateCommand.class, ExportCommand.class, EmbedCommand.class, ServeCommand.class,
            CommandLine.HelpCommand.class})
public final class AnnealCommand implements Runnable {

    /** Exit code of a run that failed for a reason other than bad usage. */
    static final int FAILURE = 1;
    /** Exit code of bad usage, a bad config or bad data. */
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line: user errors print one line (the stack only with --verbose). */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new AnnealCommand());
        line.setExecutionExceptionHandler(AnnealCommand::handle);
        return line;
    }

    private static int handle(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        boolean verbose = verbose(parsed);
        if (e instanceof AnnealException) {
            err.println("error: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return USAGE;
        }
        err.println("error: " + e + (verbose ? "" : " (run with --verbose for the stack trace)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    /**
     * Whether {@code --verbose} was given. It is an option of the subcommand, and the parse result picocli
     * hands the handler is the top-level one, whose own options never include it.
     */
    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
