package dev.anneal.core.checks;

import dev.anneal.core.data.RowSource;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs data checks over the rows of a CSV or JSONL file (gzipped or not) in one streaming pass through a
 * {@link CheckPass}. The caller opens the {@link RowSource} (with no required column: a {@code present}
 * rule reports an absent one), so that it knows the file's size for a progress bar, and closes it.
 */
public final class CheckRunner {

    private CheckRunner() {
    }

    /**
     * Checks every row {@code source} has left.
     *
     * @param naValues tokens that mean missing besides the empty field
     * @param badRow told the problem of each row that cannot be read (beginning with its file and line); it
     *     throws to stop the pass, or returns to pass the row over
     */
    public static CheckReport run(RowSource source, List<DataCheck> checks, Collection<String> naValues,
            Consumer<String> badRow, RowSource.Progress progress) {
        CheckPass pass = new CheckPass(checks, naValues);
        source.forEach(pass::accept, badRow, progress);
        return pass.finish(source.columns());
    }
}
