package dev.anneal.core.data;

import java.util.List;
import java.util.Objects;

/**
 * A table whose columns are stored as their inferred or declared types, with one {@link ColumnInfo} per
 * column of {@code table}, in the same order.
 */
public record InferredTable(Table table, List<ColumnInfo> columns) {

    public InferredTable {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        if (columns.size() != table.columnCount()) {
            throw new IllegalArgumentException(columns.size() + " column infos for " + table.columnCount()
                    + " columns");
        }
    }

    /** The info of the column called {@code name}; throws {@link IllegalArgumentException} when absent. */
    public ColumnInfo info(String name) {
        for (ColumnInfo info : columns) {
            if (info.name().equals(name)) {
                return info;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in " + table.columnNames());
    }
}
