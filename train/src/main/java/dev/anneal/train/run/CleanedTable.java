package dev.anneal.train.run;

import dev.anneal.core.config.Privacy;
import dev.anneal.core.config.ProjectConfig;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.SaltedHash;
import dev.anneal.core.data.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The table as read, cleaned before anything looks at its values: columns of personal data dropped or
 * hashed ({@code columns.<name>.privacy}), so that no profile, split, report or model ever sees them.
 */
record CleanedTable(Table table) {

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
        return new CleanedTable(new Table(columns));
    }
}
