package dev.anneal.core.profile;

import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.RowSource;
import dev.anneal.core.data.TypeInference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Profiles a data file from its rows in one streaming pass, in memory bounded by the number of columns
 * (sketches) and a fixed-size row sample, not by the number of rows: feed every row to {@link #accept},
 * then {@link #finish} makes the {@link DataProfile}.
 *
 * <p>Values are raw text, {@code null} for a missing one; {@code naValues} name further tokens that mean
 * missing, exactly as {@code data.na_values} does for training, so the profile sees what training will.
 */
public final class DataProfiler {

    /** Rows kept for quantiles, correlations, outliers and leakage; files up to this size are measured whole. */
    public static final int DEFAULT_SAMPLE_ROWS = 20_000;
    /** A column is near-constant when its most frequent value fills at least this share of present values. */
    static final double NEAR_CONSTANT_SHARE = 0.99;
    private static final int MAX_NUMERIC_CLASSES = 10;

    private final List<String> columns;
    private final int target;
    private final Set<String> naValues;
    private final ColumnSketch[] sketches;
    private final DuplicateCounter duplicates = new DuplicateCounter(DuplicateCounter.MAX_ENTRIES);
    private final RowSample sample;
    private final SketchWorkers workers;
    private long rows;

    /**
     * @param columns the file's columns, in file order
     * @param target the column to predict; it must be one of {@code columns}
     * @param threads how many threads update the column sketches (the caller's among them); the profile is
     *     the same for any number
     * @throws AnnealException when the target is not a column
     */
    public DataProfiler(List<String> columns, String target, Set<String> naValues, int sampleRows, long seed,
            int threads) {
        this.columns = List.copyOf(columns);
        this.target = columns.indexOf(target);
        if (this.target < 0) {
            throw new AnnealException("no target column '" + target + "'; the data has: " + String.join(", ", columns));
        }
        this.naValues = Set.copyOf(naValues);
        this.sketches = columns.stream().map(ColumnSketch::new).toArray(ColumnSketch[]::new);
        this.sample = new RowSample(sampleRows, seed);
        this.workers = new SketchWorkers(sketches, threads);
    }

    /**
     * Profiles every row {@code source} has left (see the constructor for the parameters); the columns are
     * a CSV's header, or the keys of the first JSONL object. {@code badRow} is told the problem of each row
     * that cannot be read and throws to stop or returns to pass it over.
     *
     * @throws AnnealException when the source has no good row
     */
    public static DataProfile profile(RowSource source, String target, Set<String> naValues, int sampleRows,
            long seed, int threads, Consumer<String> badRow, RowSource.Progress progress) {
        Feeder feeder = new Feeder(source, columns -> new DataProfiler(columns, target, naValues, sampleRows, seed,
                threads));
        long[] bad = new long[1];
        source.forEach(feeder, problem -> {
            badRow.accept(problem);
            bad[0]++;
        }, progress);
        if (feeder.profiler == null) {
            throw new AnnealException(source.file() + ": has no data rows");
        }
        List<String> unprofiled = source.columns().stream().filter(c -> !feeder.columns.contains(c)).toList();
        return feeder.profiler.finish(source.file().getFileName().toString(), source.size(), bad[0], unprofiled);
    }

    /** Hands each row's values to a profiler made, on the first row, for the columns the source has then. */
    private static final class Feeder implements Consumer<RowSource.Row> {
        private final RowSource source;
        private final java.util.function.Function<List<String>, DataProfiler> start;
        private List<String> columns;
        private String[] values;
        private DataProfiler profiler;

        Feeder(RowSource source, java.util.function.Function<List<String>, DataProfiler> start) {
            this.source = source;
            this.start = start;
        }

        @Override
        public void accept(RowSource.Row row) {
            if (profiler == null) {
                columns = List.copyOf(source.columns());
                values = new String[columns.size()];
                profiler = start.apply(columns);
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = row.valueOf().apply(columns.get(i));
            }
            profiler.accept(values);
        }
    }

    /** Adds one row: a raw value per column, in the order of the columns, {@code null} when missing. */
    public void accept(String[] values) {
        rows++;
        long features = 17;
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            if (value != null && (value.isEmpty() || naValues.contains(value))) {
                value = null;
                values[i] = null;
            }
            if (i != target) {
                features = DuplicateCounter.hash(features, value);
            }
        }
        duplicates.add(features, DuplicateCounter.hash(0, values[target]));
        sample.offer(values);
        workers.add(values);
    }

    /** Rows accepted so far. */
    public long rows() {
        return rows;
    }

    /**
     * The profile of everything accepted.
     *
     * @param file the data file's name, as the profile shows it
     * @param bytes the file's size
     * @throws AnnealException when no row was accepted
     */
    public DataProfile finish(String file, long bytes) {
        return finish(file, bytes, 0, List.of());
    }

    /**
     * The profile of everything accepted, noting {@code badRows} rows passed over and the {@code unprofiled}
     * columns the file has beyond the profiled ones.
     */
    public DataProfile finish(String file, long bytes, long badRows, List<String> unprofiled) {
        workers.finish();
        if (rows == 0) {
            throw new AnnealException(file + ": has a header but no data rows");
        }
        List<ColumnType> types = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (ColumnSketch sketch : sketches) {
            StringBuilder reason = new StringBuilder();
            types.add(sketch.type(reason));
            reasons.add(reason.toString());
        }
        SampleAnalysis analysis = new SampleAnalysis(sample.rows(), columns, types);
        List<DataProfile.ColumnSummary> summaries = new ArrayList<>();
        List<Integer> numeric = new ArrayList<>();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < sketches.length; i++) {
            ColumnSketch sketch = sketches[i];
            SampleAnalysis.Spread spread = null;
            boolean personal = sketch.personalData() != null;
            if (types.get(i) == ColumnType.NUMERIC && sketch.allNumbers()) {
                spread = analysis.spread(i, sketch.mean(), sketch.std());
                if (i != target && !personal) {
                    numeric.add(i);
                }
            }
            if (i != target && !personal && types.get(i) != ColumnType.TEXT && types.get(i) != ColumnType.ID) {
                candidates.add(i);
            }
            summaries.add(sketch.summary(types.get(i), reasons.get(i), spread));
        }
        DataProfile.ColumnSummary targetColumn = summaries.get(target);
        Task task = task(sketches[target], targetColumn);
        List<String> classes = task == Task.REGRESSION || targetColumn.topValues() == null ? List.of()
                : targetColumn.topValues().stream().map(DataProfile.ValueCount::value).toList();
        DataProfile.TableSummary table = new DataProfile.TableSummary(duplicates.duplicates(), duplicates.conflicts(),
                duplicates.estimated(), constant(summaries, false), constant(summaries, true), idLike(summaries),
                analysis.correlatedPairs(numeric), analysis.leakage(target, task, classes, candidates));
        return new DataProfile(file, bytes, rows, sample.rows().size(), columns.get(target), summaries, table,
                targetSummary(task, targetColumn), badRows, unprofiled);
    }

    /** The task the target suggests, by the rule {@code anneal train} uses when the config names none. */
    private static Task task(ColumnSketch sketch, DataProfile.ColumnSummary summary) {
        if (summary.distinct() == 2) {
            return Task.BINARY;
        }
        if (sketch.allNumbers()) {
            boolean integral = summary.numeric() == null || summary.numeric().integers();
            return integral && summary.distinct() <= MAX_NUMERIC_CLASSES ? Task.MULTICLASS : Task.REGRESSION;
        }
        return Task.MULTICLASS;
    }

    private DataProfile.TargetSummary targetSummary(Task task, DataProfile.ColumnSummary summary) {
        if (task == Task.REGRESSION || summary.topValues() == null) {
            return new DataProfile.TargetSummary(task.configName(), summary.missing(), null, null);
        }
        long present = rows - summary.missing();
        List<DataProfile.ValueCount> classes = summary.topValues();
        double minority = classes.isEmpty() || present == 0 ? 0 : (double) classes.get(classes.size() - 1).count() / present;
        return new DataProfile.TargetSummary(task.configName(), summary.missing(), classes, minority);
    }

    private List<String> constant(List<DataProfile.ColumnSummary> summaries, boolean near) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            DataProfile.ColumnSummary column = summaries.get(i);
            if (i == target) {
                continue;
            }
            boolean constant = column.distinct() <= 1;
            boolean nearConstant = !constant && column.topShare(rows) >= NEAR_CONSTANT_SHARE;
            if (near ? nearConstant : constant) {
                found.add(column.name());
            }
        }
        return found;
    }

    /**
     * Columns that identify rows rather than describe them: inferred as identifiers, integers increasing on
     * every row and all different, integers all different under a key's name ({@code account_id}), or short
     * labels (at most three tokens) unique on every row.
     */
    private List<String> idLike(List<DataProfile.ColumnSummary> summaries) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            DataProfile.ColumnSummary column = summaries.get(i);
            long present = rows - column.missing();
            boolean inferred = column.type().equals(ColumnType.ID.configName());
            boolean counter = column.numeric() != null && column.numeric().integers() && column.numeric().increasing()
                    && column.distinct() == present && rows > 2;
            boolean keyNumber = column.numeric() != null && column.numeric().integers() && column.distinct() == present
                    && column.missing() == 0 && rows > TypeInference.MIN_ROWS_FOR_ID
                    && ColumnNames.hasWord(column.name(), ColumnNames.KEY_WORDS);
            boolean uniqueCode = column.missing() == 0 && rows > TypeInference.MIN_ROWS_FOR_ID && sketches[i].unique()
                    && column.text() != null && column.text().maxTokens() <= 3;
            if (i != target && (inferred || counter || keyNumber || uniqueCode)) {
                found.add(column.name());
            }
        }
        return found;
    }
}
