package dev.anneal.core.profile;

import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.DateColumn;
import dev.anneal.core.data.Numbers;
import dev.anneal.core.data.TypeInference;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;

/**
 * Everything one pass learns about one column, in memory that does not grow with the file: counts,
 * moments, a HyperLogLog sketch of distinct values, a frequent-items sketch, text lengths, date range and granularity, and how many values look like personal data. {@link #type()}
 * then applies {@link TypeInference}'s rules to what was seen.
 */
final class ColumnSketch {

    /** Values tested against the personal-data patterns; enough to tell, cheap on long files. */
    static final int PERSONAL_DATA_PROBES = 20_000;
    /**
     * A column is personal data when at least this share of the probed values is; below it, a column with
     * any such value still never shows its values.
     */
    static final double PERSONAL_DATA_SHARE = 0.1;
    private static final int TOP_VALUES = 10;
    private static final int MAX_CATEGORIES = 200;
    private static final int MAX_SHOWN_LENGTH = 80;
    private static final Set<String> MISSING_LOOKING = Set.of("None", "none", "NONE", "NA", "N/A", "n/a", "na",
            "NaN", "nan", "null", "NULL", "Null", "nil", "-", "?", "missing", "Missing", "unknown", "Unknown");

    final String name;
    private final HllSketch distinct = new HllSketch(14);
    private final ItemsSketch<String> frequent = new ItemsSketch<>(1024);
    private final Map<String, Long> missingTokens = new LinkedHashMap<>();
    private final Map<PersonalData, Integer> personal = new EnumMap<>(PersonalData.class);

    private long rows;
    private long missing;
    // numbers
    private long numbers;
    private double mean;
    private double m2;
    private double m3;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private boolean integers = true;
    private boolean increasing = true;
    private boolean rowNumber = true;
    private double previous = Double.NaN;
    // dates
    private long dates;
    private long minDate = Long.MAX_VALUE;
    private long maxDate = Long.MIN_VALUE;
    private long previousDate = Long.MIN_VALUE;
    private boolean datesIncreasing = true;
    private int granularity = Granularity.YEAR.ordinal();
    // lengths
    private long totalLength;
    private int minLength = Integer.MAX_VALUE;
    private int maxLength;
    private long totalTokens;
    private int maxTokens;
    private long withWhitespace;
    private int probed;

    ColumnSketch(String name) {
        this.name = name;
    }

    /** Adds one row's value, {@code null} when it is missing. */
    void accept(String value) {
        rows++;
        if (value == null) {
            missing++;
            rowNumber = false;
            return;
        }
        distinct.update(value);
        frequent.update(value);
        if (MISSING_LOOKING.contains(value)) {
            missingTokens.merge(value, 1L, Long::sum);
        }
        measureLength(value);
        double number = Numbers.parse(value);
        if (!Double.isNaN(number)) {
            acceptNumber(number);
        } else {
            rowNumber = false;
            long seconds = TypeInference.parseDate(value);
            if (seconds != DateColumn.MISSING) {
                acceptDate(seconds);
            }
        }
        if (probed < PERSONAL_DATA_PROBES) {
            probed++;
            PersonalData kind = PersonalData.ofValue(value);
            if (kind != null) {
                personal.merge(kind, 1, Integer::sum);
            }
        }
    }

    private void measureLength(String value) {
        int length = value.length();
        totalLength += length;
        minLength = Math.min(minLength, length);
        maxLength = Math.max(maxLength, length);
        int tokens = 0;
        boolean inWord = false;
        boolean space = false;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (Character.isIdeographic(c)) {
                tokens++;
                inWord = false;
            } else if (Character.isLetterOrDigit(c)) {
                if (!inWord) {
                    tokens++;
                }
                inWord = true;
            } else {
                inWord = false;
                space |= Character.isWhitespace(c);
            }
        }
        totalTokens += tokens;
        maxTokens = Math.max(maxTokens, tokens);
        if (space) {
            withWhitespace++;
        }
    }

    private void acceptNumber(double x) {
        numbers++;
        double delta = x - mean;
        double deltaN = delta / numbers;
        double term = delta * deltaN * (numbers - 1);
        m3 += term * deltaN * (numbers - 2) - 3 * deltaN * m2;
        m2 += term;
        mean += deltaN;
        min = Math.min(min, x);
        max = Math.max(max, x);
        integers &= x == Math.rint(x);
        if (!Double.isNaN(previous)) {
            increasing &= x >= previous;
            rowNumber &= x == previous + 1;
        }
        previous = x;
    }

    private void acceptDate(long seconds) {
        dates++;
        minDate = Math.min(minDate, seconds);
        maxDate = Math.max(maxDate, seconds);
        if (previousDate != Long.MIN_VALUE) {
            datesIncreasing &= seconds >= previousDate;
        }
        previousDate = seconds;
        if (granularity > 0) {
            granularity = Math.min(granularity, Granularity.of(seconds).ordinal());
        }
    }

    long present() {
        return rows - missing;
    }

    boolean allNumbers() {
        return present() > 0 && numbers == present();
    }

    boolean allDates() {
        return present() > 0 && dates == present();
    }

    /** The personal data the probed values are, or that the column's name says, or {@code null}. */
    PersonalData personalData() {
        int checked = Math.min(probed, PERSONAL_DATA_PROBES);
        for (Map.Entry<PersonalData, Integer> entry : personal.entrySet()) {
            if (checked > 0 && entry.getValue() >= PERSONAL_DATA_SHARE * checked) {
                return entry.getKey();
            }
        }
        return allNumbers() && !integers ? null : PersonalData.ofColumnName(name);
    }

    /** Whether every present value is different, as far as the sketches can tell. */
    boolean unique() {
        ItemsSketch.Row<String>[] top = frequent.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
        boolean repeats = Arrays.stream(top).anyMatch(row -> row.getLowerBound() >= 2);
        return !repeats && distinctCount() >= 0.97 * present();
    }

    long distinctCount() {
        return distinctExact() ? frequent.getNumActiveItems() : Math.min(present(), Math.round(distinct.getEstimate()));
    }

    private boolean distinctExact() {
        return frequent.getMaximumError() == 0;
    }

    /** {@link TypeInference}'s rules applied to what this pass saw; the reason in the same words. */
    ColumnType type(StringBuilder reason) {
        long present = present();
        if (present == 0) {
            reason.append("all values missing");
            return ColumnType.NUMERIC;
        }
        if (allNumbers()) {
            if (rowNumber && missing == 0 && rows >= 2) {
                reason.append("integers increasing by 1 on every row: a row identifier");
                return ColumnType.ID;
            }
            reason.append("all values parse as numbers");
            return ColumnType.NUMERIC;
        }
        if (allDates()) {
            reason.append("all ").append(distinctCount()).append(" distinct values parse as ISO-8601 dates or date-times");
            return ColumnType.DATE;
        }
        if (missing == 0 && rows > TypeInference.MIN_ROWS_FOR_ID && withWhitespace == 0 && unique()) {
            reason.append("a different value on each of ").append(rows).append(" rows, without spaces: a row identifier");
            return ColumnType.ID;
        }
        double meanLength = (double) totalLength / present;
        if (meanLength >= TypeInference.MIN_TEXT_MEAN_LENGTH) {
            reason.append(String.format(Locale.ROOT, "mean length %.1f characters (at least %d): free text", meanLength,
                    TypeInference.MIN_TEXT_MEAN_LENGTH));
            return ColumnType.TEXT;
        }
        double distinctRatio = (double) distinctCount() / present;
        double spaceShare = (double) withWhitespace / present;
        if (distinctRatio > TypeInference.MIN_TEXT_DISTINCT_RATIO && spaceShare > TypeInference.MIN_TEXT_SPACE_SHARE) {
            reason.append(String.format(Locale.ROOT, "%.0f%% of values distinct and %.0f%% contain spaces: free text",
                    100 * distinctRatio, 100 * spaceShare));
            return ColumnType.TEXT;
        }
        reason.append(distinctCount()).append(" distinct labels");
        return ColumnType.CATEGORY;
    }

    /** The column's summary; {@code spread} holds a numeric column's quantiles and outlier rates, else {@code null}. */
    DataProfile.ColumnSummary summary(ColumnType type, String reason, SampleAnalysis.Spread spread) {
        PersonalData personalData = personalData();
        // free text may quote an address or a number anywhere: only its lengths are shown
        boolean hide = personalData != null || !personal.isEmpty() || type == ColumnType.TEXT;
        List<DataProfile.ValueCount> top = hide ? null : topValues();
        List<String> categories = hide || !distinctExact() || frequent.getNumActiveItems() > MAX_CATEGORIES
                ? null : allValues();
        return new DataProfile.ColumnSummary(name, type.configName(), reason, missing,
                rows == 0 ? 0 : (double) missing / rows, distinctCount(), distinctExact(), top,
                type == ColumnType.CATEGORY ? categories : null,
                hide || missingTokens.isEmpty() ? null : Map.copyOf(missingTokens),
                type == ColumnType.NUMERIC && spread != null && !hide ? numericSummary(spread) : null,
                (type == ColumnType.TEXT || type == ColumnType.CATEGORY) && present() > 0 ? textSummary() : null,
                type == ColumnType.DATE && dates > 0 ? dateSummary() : null,
                personalData == null ? null : personalData.configName());
    }

    private List<DataProfile.ValueCount> topValues() {
        List<DataProfile.ValueCount> top = new ArrayList<>();
        for (ItemsSketch.Row<String> row : frequent.getFrequentItems(ErrorType.NO_FALSE_POSITIVES)) {
            if (top.size() == TOP_VALUES) {
                break;
            }
            String value = row.getItem();
            top.add(new DataProfile.ValueCount(value.length() > MAX_SHOWN_LENGTH
                    ? value.substring(0, MAX_SHOWN_LENGTH) + "…" : value, row.getEstimate()));
        }
        return top;
    }

    private List<String> allValues() {
        return Arrays.stream(frequent.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES))
                .map(ItemsSketch.Row::getItem).sorted().toList();
    }

    private DataProfile.NumericSummary numericSummary(SampleAnalysis.Spread spread) {
        double variance = m2 / numbers;
        double skew = variance > 0 ? (m3 / numbers) / Math.pow(variance, 1.5) : 0;
        return new DataProfile.NumericSummary(min, max, mean, Math.sqrt(variance), skew, spread.quantiles(),
                spread.iqrOutlierRate(), spread.zOutlierRate(), integers, increasing);
    }

    double mean() {
        return mean;
    }

    double std() {
        return numbers == 0 ? 0 : Math.sqrt(m2 / numbers);
    }

    private DataProfile.TextSummary textSummary() {
        long present = present();
        return new DataProfile.TextSummary(minLength, (double) totalLength / present, maxLength,
                (double) totalTokens / present, maxTokens);
    }

    private DataProfile.DateSummary dateSummary() {
        return new DataProfile.DateSummary(Instant.ofEpochSecond(minDate).toString(),
                Instant.ofEpochSecond(maxDate).toString(), Granularity.values()[granularity].configName(),
                datesIncreasing);
    }

    /** The finest calendar unit a set of dates uses, finest first. */
    enum Granularity {
        SECOND, MINUTE, HOUR, DAY, MONTH, YEAR;

        String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Granularity of(long epochSeconds) {
            LocalDateTime time = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
            if (time.getSecond() != 0) {
                return SECOND;
            }
            if (time.getMinute() != 0) {
                return MINUTE;
            }
            if (time.getHour() != 0) {
                return HOUR;
            }
            if (time.getDayOfMonth() != 1) {
                return DAY;
            }
            return time.getMonthValue() != 1 ? MONTH : YEAR;
        }
    }
}
