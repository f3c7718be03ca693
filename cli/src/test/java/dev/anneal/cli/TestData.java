package dev.anneal.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Small generated data sets (seeded, so every run sees the same files) for the cases the demo data does not
 * cover: several targets, a date column, a group column, and missing values.
 *
 * <p>Columns: {@code a} (numeric, about 6 % missing), {@code b} (numeric), {@code color} (three labels, about
 * 10 % missing), {@code day} (a distinct ISO date per row, rows shuffled so file order is not time order),
 * {@code store} (24 groups), and three targets: {@code churned} ({@code yes}/{@code no}), {@code tier}
 * ({@code low}/{@code mid}/{@code high}) and {@code amount} (a real number).
 */
final class TestData {

    static final int ROWS = 240;
    static final LocalDate FIRST_DAY = LocalDate.of(2023, 1, 1);
    static final String HEADER = "a,b,color,day,store,churned,tier,amount";

    private TestData() {
    }

    /** One generated row; {@code a} and {@code color} may be {@code null} (missing). */
    record Row(Double a, double b, String color, LocalDate day, String store, String churned, String tier,
            double amount) {

        String csv() {
            return String.join(",", a == null ? "" : number(a), number(b), color == null ? "" : color,
                    day.toString(), store, churned, tier, number(amount));
        }

        String json() {
            return String.format(Locale.ROOT,
                    "{\"a\": %s, \"b\": %s, \"color\": %s, \"day\": \"%s\", \"store\": \"%s\", \"churned\": \"%s\", "
                            + "\"tier\": \"%s\", \"amount\": %s}",
                    a == null ? "null" : number(a), number(b), color == null ? "null" : "\"" + color + "\"", day,
                    store, churned, tier, number(amount));
        }
    }

    static List<Row> rows() {
        Random random = new Random(20240601);
        String[] colors = {"red", "green", "blue"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            String color = random.nextDouble() < 0.1 ? null : colors[random.nextInt(colors.length)];
            double signal = a + b + ("red".equals(color) ? 0.8 : 0) + 0.5 * random.nextGaussian();
            String churned = signal > 0.6 ? "yes" : "no";
            String tier = signal < -0.5 ? "low" : signal < 0.7 ? "mid" : "high";
            double amount = 3 * a - 2 * b + 0.01 * i + 0.2 * random.nextGaussian();
            rows.add(new Row(i % 16 == 5 ? null : a, b, color, FIRST_DAY.plusDays(i), "s" + (i % 24), churned, tier,
                    amount));
        }
        Collections.shuffle(rows, random);
        return rows;
    }

    static Path csv(Path folder, String name) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        rows().forEach(row -> lines.add(row.csv()));
        return write(folder.resolve(name), lines);
    }

    static Path jsonl(Path folder, String name) {
        return write(folder.resolve(name), rows().stream().map(Row::json).toList());
    }

    /**
     * A config named after the file, next to {@code data}, with a linear and a 50-round XGBoost candidate;
     * {@code extra} are further top-level YAML lines.
     */
    static Path config(Path data, String name, String target, String... extra) {
        List<String> lines = new ArrayList<>(List.of(
                "schemaVersion: 1",
                "name: " + name,
                "data: {path: " + data.getFileName() + "}",
                "target: " + target));
        lines.addAll(List.of(extra));
        lines.addAll(List.of(
                "models:",
                "  - {name: lin, type: linear}",
                "  - {name: xgb, type: xgboost, params: {n_estimators: 50}}",
                "output: runs"));
        return write(data.resolveSibling(name + ".yaml"), lines);
    }

    static Path write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
