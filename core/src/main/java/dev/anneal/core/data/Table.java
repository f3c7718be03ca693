package dev.anneal.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, in-memory columnar table: named columns of equal length, in file order.
 *
 * <p>Rows are never materialised as objects; models and transforms read the primitive arrays of
 * each column directly.
 */
public final class Table {

    private final List<Column> columns;
    private final Map<String, Column> byName;
    private final int rowCount;

    public Table(List<Column> columns) {
        this.columns = List.copyOf(columns);
        this.byName = new LinkedHashMap<>();
        int rows = columns.isEmpty() ? 0 : columns.get(0).size();
        for (Column column : columns) {
            if (column.size() != rows) {
                throw new IllegalArgumentException("column " + column.name() + " has " + column.size()
                        + " rows, expected " + rows);
            }
            if (byName.put(column.name(), column) != null) {
                throw new IllegalArgumentException("duplicate column name " + column.name());
            }
        }
        this.rowCount = rows;
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return columns.size();
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column column : columns) {
            names.add(column.name());
        }
        return Collections.unmodifiableList(names);
    }

    public Optional<Column> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The column called {@code name}; throws {@link IllegalArgumentException} when absent. */
    public Column column(String name) {
        Column column = byName.get(name);
        if (column == null) {
            throw new IllegalArgumentException("no column " + name + " in " + byName.keySet());
        }
        return column;
    }

    /** A new table holding the given rows of every column, in the given order. */
    public Table select(int[] rows) {
        List<Column> selected = new ArrayList<>(columns.size());
        for (Column column : columns) {
            selected.add(column.select(rows));
        }
        return new Table(selected);
    }

    /** A new table with {@code column} replacing the column of the same name, or appended. */
    public Table with(Column column) {
        List<Column> updated = new ArrayList<>(columns);
        Column old = byName.get(column.name());
        if (old == null) {
            updated.add(column);
        } else {
            updated.set(columns.indexOf(old), column);
        }
        return new Table(updated);
    }
}
