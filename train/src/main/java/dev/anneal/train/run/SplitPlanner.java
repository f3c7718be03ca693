package dev.anneal.train.run;

import dev.anneal.core.AnnealException;
import dev.anneal.core.config.SplitConfig;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.DateColumn;
import dev.anneal.core.data.NumericColumn;
import dev.anneal.core.data.Table;
import dev.anneal.core.split.Split;
import dev.anneal.core.split.Splitter;
import java.util.HashMap;
import java.util.Map;

/** Turns the config's split strategy into the row indices of train, validation and test. */
final class SplitPlanner {

    private SplitPlanner() {
    }

    static Split split(SplitConfig config, PreparedData data) {
        Table table = data.table();
        int n = table.rowCount();
        double[] ratios = config.ratioArray();
        Split split = switch (config.method()) {
            case RANDOM -> Splitter.random(n, ratios, config.seed());
            case STRATIFIED -> {
                if (!data.task().isClassification()) {
                    throw new AnnealException("split.method: stratified needs classes, but the task is "
                            + data.task().configName() + "; use random");
                }
                yield Splitter.stratified(data.target().classIndex(), ratios, config.seed());
            }
            case TIME -> Splitter.time(timeValues(table.column(config.timeColumn())), ratios, config.timeColumn());
            case GROUP -> Splitter.group(groupCodes(table.column(config.groupColumn())), ratios, config.seed(),
                    config.groupColumn());
            case FILE -> data.rows().fromFileRows(Splitter.fromFile(config.file(), data.rows().fileRows()));
        };
        return split;
    }

    private static double[] timeValues(Column column) {
        if (column instanceof DateColumn dates) {
            double[] out = new double[dates.size()];
            for (int row = 0; row < out.length; row++) {
                out[row] = dates.isMissing(row) ? Double.NaN : dates.epochSeconds()[row];
            }
            return out;
        }
        if (column instanceof NumericColumn numbers) {
            return numbers.values();
        }
        throw new AnnealException("split.time.column: '" + column.name() + "' must hold dates or numbers to order rows by, but it is "
                + column.type().configName());
    }

    /** A code per distinct value (-1 = missing), whatever the column's kind. */
    private static int[] groupCodes(Column column) {
        Map<String, Integer> codes = new HashMap<>();
        int[] out = new int[column.size()];
        for (int row = 0; row < out.length; row++) {
            String value = column.format(row);
            out[row] = value == null ? -1 : codes.computeIfAbsent(value, k -> codes.size());
        }
        return out;
    }
}
