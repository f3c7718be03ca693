package dev.anneal.core.data;

import java.util.Objects;

/**
 * The type chosen for one column and why, in words a report can show (for example
 * {@code "all values parse as numbers"} or {@code "declared in config"}).
 */
public record ColumnInfo(String name, ColumnType type, String reason) {

    public ColumnInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
    }
}
