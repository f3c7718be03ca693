package dev.anneal.core.data;

import dev.anneal.core.AnnealException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses a {@link ColumnType} for each column of a freshly read table and converts the column to that
 * type's storage, recording a reason for each choice.
 *
 * <p>Rules, in order, for a column nobody declared:
 * <ul>
 *   <li>numeric: {@link ColumnType#ID} when its values are integers increasing by exactly 1 from row to
 *       row with none missing (a row number), otherwise {@link ColumnType#NUMERIC};</li>
 *   <li>labels: {@link ColumnType#DATE} when every distinct label parses as an ISO-8601 date, date-time
 *       or {@code yyyy-MM-dd HH:mm:ss} (times without an offset are UTC); {@link ColumnType#ID} when every
 *       row has its own label, none missing and none containing whitespace, over more than
 *       {@value #MIN_ROWS_FOR_ID} rows; {@link ColumnType#TEXT} when labels are long on average (at least
 *       {@value #MIN_TEXT_MEAN_LENGTH} characters), or mostly distinct and mostly containing spaces;
 *       otherwise {@link ColumnType#CATEGORY}.</li>
 * </ul>
 * A declared type always wins (reason {@code "declared in config"}); a value that cannot be stored as the
 * declared type is an {@link AnnealException} naming the column and the value.
 *
 * <p>Storage: NUMERIC stays a {@link NumericColumn}; CATEGORY a {@link CategoryColumn}; TEXT a
 * {@link TextColumn}; DATE a {@link DateColumn}; ID keeps numbers numeric and stores labels as a
 * {@link TextColumn}.
 */
public final class TypeInference {

    /**
     * A column of unique labels is an ID only above this many rows: in a tiny table every column of
     * names or codes is unique by chance, and calling it an ID would drop a real feature.
     */
    public static final int MIN_ROWS_FOR_ID = 50;

    /**
     * Labels this long on average are prose (reviews, notes), not categories: category names such as
     * states, products or yes/no answers are rarely more than a few words.
     */
    public static final int MIN_TEXT_MEAN_LENGTH = 30;

    /**
     * With more distinct labels than this share of rows, a column hardly repeats itself; if its values
     * also mostly contain spaces, it is short free text (titles, comments) rather than a category.
     */
    public static final double MIN_TEXT_DISTINCT_RATIO = 0.5;

    /** "Most values contain spaces" means more than this share of the non-missing rows. */
    public static final double MIN_TEXT_SPACE_SHARE = 0.5;

    static final String DECLARED = "declared in config";

    private static final DateTimeFormatter SPACE_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    private TypeInference() {
    }

    /**
     * Infers a type for each column of {@code raw} and converts it.
     *
     * @param raw the table as a reader built it
     * @param overrides declared types, which win over inference; {@link ColumnType#IGNORE} drops the column
     * @param exclude columns to leave out of the result entirely (neither inferred nor kept)
     * @throws AnnealException when an override names a column the table lacks (other than an ignored one),
     *     or a value cannot be stored as its column's declared type
     */
    public static InferredTable infer(Table raw, Map<String, ColumnType> overrides, Set<String> exclude) {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(exclude, "exclude");
        Set<String> unknown = new LinkedHashSet<>();
        for (Map.Entry<String, ColumnType> entry : overrides.entrySet()) {
            if (entry.getValue() != ColumnType.IGNORE && raw.find(entry.getKey()).isEmpty()
                    && !exclude.contains(entry.getKey())) {
                unknown.add(entry.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            throw new AnnealException("column types declared for columns the data lacks: "
                    + String.join(", ", unknown) + "; the data has: " + String.join(", ", raw.columnNames()));
        }
        List<Column> columns = new ArrayList<>();
        List<ColumnInfo> infos = new ArrayList<>();
        for (Column column : raw.columns()) {
            if (exclude.contains(column.name())) {
                continue;
            }
            ColumnType declared = overrides.get(column.name());
            if (declared == ColumnType.IGNORE) {
                continue;
            }
            ColumnInfo info = declared != null
                    ? new ColumnInfo(column.name(), declared, DECLARED)
                    : infer(column);
            columns.add(convert(column, info.type()));
            infos.add(info);
        }
        return new InferredTable(new Table(columns), infos);
    }

    /** The inferred type of one column, with the reason. */
    static ColumnInfo infer(Column column) {
        if (column instanceof NumericColumn numeric) {
            return inferNumeric(numeric);
        }
        if (column instanceof DateColumn) {
            return new ColumnInfo(column.name(), ColumnType.DATE, "stored as dates");
        }
        return inferLabels(toCategory(column));
    }

    private static ColumnInfo inferNumeric(NumericColumn column) {
        double[] values = column.values();
        if (column.missingCount() == values.length) {
            return new ColumnInfo(column.name(), ColumnType.NUMERIC, "all values missing");
        }
        if (isRowNumber(values)) {
            return new ColumnInfo(column.name(), ColumnType.ID,
                    "integers increasing by 1 on every row: a row identifier");
        }
        return new ColumnInfo(column.name(), ColumnType.NUMERIC, "all values parse as numbers");
    }

    private static boolean isRowNumber(double[] values) {
        if (values.length < 2) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v) || v != Math.rint(v) || (i > 0 && v != values[i - 1] + 1)) {
                return false;
            }
        }
        return true;
    }

    private static ColumnInfo inferLabels(CategoryColumn column) {
        String name = column.name();
        List<String> levels = column.levels();
        int[] counts = column.levelCounts();
        int rows = column.size();
        int present = 0;
        for (int count : counts) {
            present += count;
        }
        if (present == 0) {
            return new ColumnInfo(name, ColumnType.CATEGORY, "all values missing");
        }
        if (allDates(levels)) {
            return new ColumnInfo(name, ColumnType.DATE,
                    "all " + levels.size() + " distinct values parse as ISO-8601 dates or date-times");
        }
        if (present == rows && levels.size() == rows && rows > MIN_ROWS_FOR_ID && noWhitespace(levels)) {
            return new ColumnInfo(name, ColumnType.ID,
                    "a different value on each of " + rows + " rows, without spaces: a row identifier");
        }
        long totalLength = 0;
        long withSpaces = 0;
        for (int code = 0; code < levels.size(); code++) {
            String level = levels.get(code);
            totalLength += (long) level.length() * counts[code];
            if (containsWhitespace(level)) {
                withSpaces += counts[code];
            }
        }
        double meanLength = (double) totalLength / present;
        if (meanLength >= MIN_TEXT_MEAN_LENGTH) {
            return new ColumnInfo(name, ColumnType.TEXT, String.format(Locale.ROOT,
                    "mean length %.1f characters (at least %d): free text", meanLength, MIN_TEXT_MEAN_LENGTH));
        }
        double distinctRatio = (double) levels.size() / present;
        double spaceShare = (double) withSpaces / present;
        if (distinctRatio > MIN_TEXT_DISTINCT_RATIO && spaceShare > MIN_TEXT_SPACE_SHARE) {
            return new ColumnInfo(name, ColumnType.TEXT, String.format(Locale.ROOT,
                    "%.0f%% of values distinct and %.0f%% contain spaces: free text",
                    100 * distinctRatio, 100 * spaceShare));
        }
        return new ColumnInfo(name, ColumnType.CATEGORY, levels.size() + " distinct labels");
    }

    private static boolean allDates(List<String> levels) {
        for (String level : levels) {
            if (parseDate(level) == DateColumn.MISSING) {
                return false;
            }
        }
        return true;
    }

    private static boolean noWhitespace(List<String> levels) {
        for (String level : levels) {
            if (containsWhitespace(level)) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Epoch seconds of an ISO-8601 date ({@code 2024-01-31}, midnight UTC), date-time with or without an
     * offset ({@code 2024-01-31T10:15:30}, {@code ...Z}, {@code ...+02:00}; UTC when none) or
     * {@code 2024-01-31 10:15:30} (UTC); {@link DateColumn#MISSING} when {@code text} is none of these.
     */
    public static long parseDate(String text) {
        // Cheap shape check first, so a column of ordinary labels costs no exceptions.
        if (text.length() < 10 || text.charAt(4) != '-' || text.charAt(7) != '-' || !isDigit(text.charAt(0))) {
            return DateColumn.MISSING;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            }
            char separator = text.charAt(10);
            if (separator == ' ') {
                return LocalDateTime.parse(text, SPACE_DATE_TIME).toEpochSecond(ZoneOffset.UTC);
            }
            if (separator != 'T') {
                return DateColumn.MISSING;
            }
            char last = text.charAt(text.length() - 1);
            boolean offset = last == 'Z' || text.indexOf('+', 11) >= 0 || text.indexOf('-', 11) >= 0;
            return offset
                    ? OffsetDateTime.parse(text).toEpochSecond()
                    : LocalDateTime.parse(text).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return DateColumn.MISSING;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code column} in the storage of {@code type}. */
    static Column convert(Column column, ColumnType type) {
        return switch (type) {
            case NUMERIC -> toNumeric(column);
            case CATEGORY -> toCategory(column);
            case TEXT -> toText(column);
            case DATE -> toDate(column);
            case ID -> column instanceof NumericColumn ? column : toText(column);
            case IGNORE -> throw new IllegalArgumentException("an ignored column has no storage");
        };
    }

    private static NumericColumn toNumeric(Column column) {
        if (column instanceof NumericColumn numeric) {
            return numeric;
        }
        CategoryColumn labels = toCategory(column);
        List<String> levels = labels.levels();
        double[] levelValues = new double[levels.size()];
        for (int code = 0; code < levels.size(); code++) {
            double value = Numbers.parse(levels.get(code));
            if (Double.isNaN(value)) {
                throw new AnnealException("column " + column.name() + " is declared numeric but holds \""
                        + levels.get(code) + "\", which is not a number");
            }
            levelValues[code] = value;
        }
        int[] codes = labels.codes();
        double[] values = new double[codes.length];
        for (int row = 0; row < codes.length; row++) {
            values[row] = codes[row] == CategoryColumn.MISSING ? Double.NaN : levelValues[codes[row]];
        }
        return new NumericColumn(column.name(), values);
    }

    /** {@code column} as dictionary-coded labels, as {@link Column#format} shows its values. */
    static CategoryColumn toCategory(Column column) {
        if (column instanceof CategoryColumn labels) {
            return labels;
        }
        LevelDictionary dictionary = new LevelDictionary();
        int[] codes = new int[column.size()];
        for (int row = 0; row < codes.length; row++) {
            String text = column.format(row);
            codes[row] = text == null ? CategoryColumn.MISSING : dictionary.code(text);
        }
        return new CategoryColumn(column.name(), codes, dictionary.levels());
    }

    private static TextColumn toText(Column column) {
        if (column instanceof TextColumn text) {
            return text;
        }
        String[] values = new String[column.size()];
        for (int row = 0; row < values.length; row++) {
            values[row] = column.format(row);
        }
        return new TextColumn(column.name(), values);
    }

    private static DateColumn toDate(Column column) {
        if (column instanceof DateColumn date) {
            return date;
        }
        CategoryColumn labels = toCategory(column);
        List<String> levels = labels.levels();
        long[] levelSeconds = new long[levels.size()];
        for (int code = 0; code < levels.size(); code++) {
            long seconds = parseDate(levels.get(code));
            if (seconds == DateColumn.MISSING) {
                throw new AnnealException("column " + column.name() + " is declared date but holds \""
                        + levels.get(code) + "\"; expected yyyy-MM-dd, an ISO-8601 date-time"
                        + " or yyyy-MM-dd HH:mm:ss");
            }
            levelSeconds[code] = seconds;
        }
        int[] codes = labels.codes();
        long[] seconds = new long[codes.length];
        Arrays.fill(seconds, DateColumn.MISSING);
        for (int row = 0; row < codes.length; row++) {
            if (codes[row] != CategoryColumn.MISSING) {
                seconds[row] = levelSeconds[codes[row]];
            }
        }
        return new DateColumn(column.name(), seconds);
    }
}
