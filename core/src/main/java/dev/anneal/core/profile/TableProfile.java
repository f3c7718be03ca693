package dev.anneal.core.profile;

import dev.anneal.core.data.CategoryColumn;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.ColumnInfo;
import dev.anneal.core.data.DateColumn;
import dev.anneal.core.data.NumericColumn;
import dev.anneal.core.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The profile of a whole table: its size and one {@link ColumnProfile} per column, in file order. */
public record TableProfile(int rows, int columnCount, List<ColumnProfile> columns) {

    /** How many of the most frequent labels a categorical column's profile lists. */
    private static final int TOP_VALUES = 10;

    public TableProfile {
        columns = List.copyOf(columns);
    }

    /** Profiles {@code table}, whose columns are described (type and reason) by {@code infos}. */
    public static TableProfile of(Table table, List<ColumnInfo> infos) {
        List<ColumnProfile> columns = new ArrayList<>();
        for (ColumnInfo info : infos) {
            Column column = table.column(info.name());
            columns.add(new ColumnProfile(info.name(), info.type().configName(), info.reason(), column.missingCount(),
                    distinct(column), numericStats(column), topValues(column)));
        }
        return new TableProfile(table.rowCount(), table.columnCount(), columns);
    }

    private static int distinct(Column column) {
        if (column instanceof CategoryColumn categories) {
            return (int) Arrays.stream(categories.levelCounts()).filter(c -> c > 0).count();
        }
        if (column instanceof NumericColumn numbers) {
            return (int) Arrays.stream(numbers.values()).filter(v -> !Double.isNaN(v)).distinct().count();
        }
        if (column instanceof DateColumn dates) {
            return (int) Arrays.stream(dates.epochSeconds()).filter(v -> v != DateColumn.MISSING).distinct().count();
        }
        Set<String> seen = new HashSet<>();
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row)) {
                seen.add(column.format(row));
            }
        }
        return seen.size();
    }

    private static Map<String, Double> numericStats(Column column) {
        if (!(column instanceof NumericColumn numbers)) {
            return null;
        }
        double[] present = Arrays.stream(numbers.values()).filter(v -> !Double.isNaN(v)).toArray();
        if (present.length == 0) {
            return null;
        }
        double mean = Arrays.stream(present).average().orElse(Double.NaN);
        double squares = Arrays.stream(present).map(v -> (v - mean) * (v - mean)).sum();
        Map<String, Double> stats = new LinkedHashMap<>();
        stats.put("min", Arrays.stream(present).min().orElse(Double.NaN));
        stats.put("max", Arrays.stream(present).max().orElse(Double.NaN));
        stats.put("mean", mean);
        stats.put("std", Math.sqrt(squares / present.length));
        return stats;
    }

    private static Map<String, Integer> topValues(Column column) {
        if (!(column instanceof CategoryColumn categories)) {
            return null;
        }
        int[] counts = categories.levelCounts();
        Map<String, Integer> top = new LinkedHashMap<>();
        java.util.stream.IntStream.range(0, counts.length).boxed()
                .filter(code -> counts[code] > 0)
                .sorted(Comparator.<Integer>comparingInt(code -> -counts[code]))
                .limit(TOP_VALUES)
                .forEach(code -> top.put(categories.levels().get(code), counts[code]));
        return top;
    }
}
