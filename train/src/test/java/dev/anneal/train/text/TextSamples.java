package dev.anneal.train.text;

import dev.anneal.core.data.Column;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.CsvReader;
import dev.anneal.core.data.ReadOptions;
import dev.anneal.core.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** The reviews of the demo's small_fine_foods.csv (real text with HTML breaks, emoji and long rows). */
final class TextSamples {

    private TextSamples() {
    }

    static Path demoFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data/demo/small_fine_foods.csv");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("data/demo/small_fine_foods.csv not found above " + Path.of("").toAbsolutePath());
    }

    static String[] reviews() {
        Table table = CsvReader.read(demoFile(), new ReadOptions(Set.of(), Map.of("review", ColumnType.TEXT)));
        Column column = table.column("review");
        String[] texts = new String[table.rowCount()];
        for (int row = 0; row < texts.length; row++) {
            texts[row] = column.format(row);
        }
        return texts;
    }
}
