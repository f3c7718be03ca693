package dev.anneal.train.run;

import dev.anneal.core.config.Privacy;
import dev.anneal.core.config.ProjectConfig;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.DuplicateRows;
import dev.anneal.core.data.SaltedHash;
import dev.anneal.core.data.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The table as read, cleaned before anything looks at its values: columns of personal data dropped or
 * hashed ({@code columns.<name>.privacy}), so that no profile, split, report or model ever sees them, then
 * exact duplicate rows removed ({@code data.deduplicate}), the first of each kept.
 *
 * @param rows the data-file row of each row of {@code table}
 */
record CleanedTable(Table table, SourceRows rows) {

    static CleanedTable of(ProjectConfig config, Table raw) {
        // The config requires a salt whenever a column is hashed.
        SaltedHash hash = config.data().hashSalt() == null ? null : new SaltedHash(config.data().hashSalt());
        List<Column> columns = new ArrayList<>();
        for (Column column : raw.columns()) {
            Privacy privacy = config.column(column.name()).privacy();
            if (privacy == Privacy.HASH) {
                columns.add(hash.hash(column));
            } else if (privacy != Privacy.DROP) {
                columns.add(column);
            }
        }
        Table table = new Table(columns);
        if (!config.data().deduplicate()) {
            return new CleanedTable(table, SourceRows.all(table.rowCount()));
        }
        int[] firsts = DuplicateRows.firstOccurrences(table);
        return new CleanedTable(firsts.length == table.rowCount() ? table : table.select(firsts),
                new SourceRows(firsts, table.rowCount()));
    }
}
