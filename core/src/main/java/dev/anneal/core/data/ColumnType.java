package dev.anneal.core.data;

import java.util.Locale;

/** The role a column plays in a project, as inferred from the data or declared in the config. */
public enum ColumnType {
    /** Real or integer numbers; missing values are NaN. */
    NUMERIC,
    /** A finite set of labels, dictionary-coded. */
    CATEGORY,
    /** Free text (reviews, notes); one string per row. */
    TEXT,
    /** Dates or timestamps, held as epoch seconds. */
    DATE,
    /** A row identifier: kept for joins and output, never a feature. */
    ID,
    /** Left out of everything. */
    IGNORE;

    /** The lower-case name used in configs and reports. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
