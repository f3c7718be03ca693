package dev.anneal.cli;

import dev.anneal.core.AnnealException;
import dev.anneal.train.progress.ConsoleProgress;
import dev.anneal.train.progress.Progress;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/**
 * The options of every command that streams the rows of a file (a picocli mixin): what a bad row does,
 * and whether a progress bar is drawn.
 */
final class RowOptions {

    @Option(names = "--on-error", paramLabel = "fail|skip", description = "What a bad row does: fail (stop with its "
            + "line; default) or skip (count it, go on).")
    String onError = "fail";

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    /** Checks the values, which picocli cannot. */
    void check() {
        if (!onError.equals("fail") && !onError.equals("skip")) {
            throw new AnnealException("--on-error: expected fail or skip, got '" + onError + "'");
        }
    }

    Progress progress() {
        return noProgress ? Progress.SILENT : new ConsoleProgress(new PrintStream(System.err, true, StandardCharsets.UTF_8));
    }

    /** A fresh count of the bad rows of one run, which tells the first few to {@code err}. */
    BadRows badRows(PrintWriter err) {
        return new BadRows(onError.equals("skip"), err);
    }

    /** What happens to the bad rows of one run: the first stops it ({@code fail}), or each is counted and passed over. */
    static final class BadRows {
        /** How many skipped rows are told by their line; the rest are only counted. */
        private static final int TOLD = 5;

        private final boolean skip;
        private final PrintWriter err;
        private long skipped;

        private BadRows(boolean skip, PrintWriter err) {
            this.skip = skip;
            this.err = err;
        }

        /**
         * A bad row, {@code problem} naming its line and what is wrong.
         *
         * @throws AnnealException with {@code problem} under {@code --on-error fail}
         */
        void reject(String problem) {
            if (!skip) {
                throw new AnnealException(problem + " (--on-error skip goes on without it)");
            }
            if (skipped++ < TOLD) {
                err.println("skipped: " + problem);
            }
        }

        /** The rows passed over so far. */
        long skipped() {
            return skipped;
        }
    }
}
