package dev.anneal.train.run;

import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import dev.anneal.core.config.ColumnConfig;
import dev.anneal.core.config.Privacy;
import dev.anneal.core.config.ProjectConfig;
import dev.anneal.core.config.Suggestions;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.ColumnInfo;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.InferredTable;
import dev.anneal.core.data.ReadOptions;
import dev.anneal.core.data.Table;
import dev.anneal.core.data.TableReader;
import dev.anneal.core.data.Target;
import dev.anneal.core.data.TypeInference;
import dev.anneal.core.metrics.Metric;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's data, read, cleaned ({@link CleanedTable}) and understood: the typed table, the inferred
 * column types with their reasons, the encoded target, the task and selection metric, and the feature
 * columns by type.
 *
 * @param rows the data-file row of each table row (splits are written and read in data-file rows)
 * @param features the columns models learn from, with their types, in file order
 * @param warnings things the user should know that do not stop the run
 */
record PreparedData(
        Table table,
        SourceRows rows,
        List<ColumnInfo> columns,
        Target target,
        Task task,
        Metric metric,
        Map<String, ColumnType> features,
        List<String> warnings) {

    /** Reads the config's data file and checks that every column the config names is in it. */
    static PreparedData load(ProjectConfig config) {
        String source = config.data().path().toString();
        Map<String, ColumnType> declared = new LinkedHashMap<>();
        Set<String> dropped = new HashSet<>();
        config.columns().forEach((name, column) -> {
            if (column.readType() != null) {
                declared.put(name, column.readType());
            }
            if (column.privacy() == Privacy.DROP) {
                dropped.add(name);
            }
        });
        Table raw = TableReader.read(config.data().path(), new ReadOptions(Set.copyOf(config.data().naValues()), declared));
        checkColumnsExist(config, raw, source);
        CleanedTable cleaned = CleanedTable.of(config, raw);
        InferredTable inferred = TypeInference.infer(cleaned.table(), declared, dropped);
        Table table = inferred.table();
        Column targetColumn = cleaned.table().column(config.target());
        Task task = config.task() != null ? config.task() : Target.inferTask(targetColumn);
        Metric metric = selectionMetric(config, task);
        Target target = Target.of(targetColumn, task, config.positive(), source);
        List<String> warnings = new ArrayList<>();
        Map<String, ColumnType> features = new LinkedHashMap<>();
        for (ColumnInfo info : inferred.columns()) {
            if (info.name().equals(config.target())) {
                continue;
            }
            switch (info.type()) {
                case NUMERIC, CATEGORY, DATE, TEXT -> features.put(info.name(), info.type());
                case ID, IGNORE -> {
                }
            }
        }
        if (features.isEmpty()) {
            throw new AnnealException(source + ": no feature columns left besides the target '" + config.target()
                    + "'; column types: " + describe(inferred.columns()));
        }
        return new PreparedData(table, cleaned.rows(), inferred.columns(), target, task, metric, features, warnings);
    }

    private static Metric selectionMetric(ProjectConfig config, Task task) {
        if (config.metric() == null) {
            return Metric.defaultFor(task);
        }
        Metric metric = Metric.byName(config.metric()).orElseThrow();
        if (!metric.suits(task)) {
            throw new AnnealException(config.source() + ": metric: " + metric.configName() + " does not suit the "
                    + task.configName() + " task inferred from target '" + config.target() + "'; expected one of "
                    + Metric.forTask(task).stream().map(Metric::configName).toList()
                    + " (or set task: explicitly)");
        }
        return metric;
    }

    private static void checkColumnsExist(ProjectConfig config, Table raw, String source) {
        List<String> names = raw.columnNames();
        List<String> problems = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        checkColumn(config.target(), "target", names, problems);
        wanted.add(config.target());
        for (Map.Entry<String, ColumnConfig> entry : config.columns().entrySet()) {
            // The reader leaves ignored columns out of the table, so only the others can be checked here.
            if (entry.getValue().type() != ColumnType.IGNORE) {
                checkColumn(entry.getKey(), "columns." + entry.getKey(), names, problems);
            }
        }
        if (config.split().timeColumn() != null) {
            checkColumn(config.split().timeColumn(), "split.time.column", names, problems);
        }
        if (config.split().groupColumn() != null) {
            checkColumn(config.split().groupColumn(), "split.group.column", names, problems);
        }
        if (!problems.isEmpty()) {
            throw new AnnealException(config.source() + ": " + String.join("; ", problems) + " (columns of " + source
                    + ": " + names + ")");
        }
    }

    private static void checkColumn(String column, String key, List<String> names, List<String> problems) {
        if (!names.contains(column)) {
            problems.add(key + ": no column '" + column + "' in the data" + Suggestions.didYouMean(column, names));
        }
    }

    private static String describe(List<ColumnInfo> columns) {
        List<String> parts = new ArrayList<>();
        for (ColumnInfo info : columns) {
            parts.add(info.name() + "=" + info.type().configName());
        }
        return String.join(", ", parts);
    }
}
