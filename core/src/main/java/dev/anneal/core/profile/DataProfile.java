package dev.anneal.core.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a data file holds and what is wrong with it, measured in one streaming pass: per column its
 * inferred type (with the reason), missing values, distinct count, frequent values and the statistics of
 * its kind; for the table its size, duplicate and conflicting rows, constant, ID-like and highly
 * correlated columns, the target's balance and the columns that leak the target. This is
 * {@code profile.json}; values of columns that hold personal data never appear in it.
 *
 * @param rows data rows read (header excluded)
 * @param sampleRows rows in the uniform sample that quantiles, correlations, outliers and leakage are measured on;
 *     equal to {@code rows} when the file is small enough to be measured whole
 * @param badRows rows that could not be read and were passed over ({@code --on-error skip})
 * @param unprofiledColumns JSONL keys that first appeared after the first object, so were not profiled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataProfile(
        String file,
        long bytes,
        long rows,
        long sampleRows,
        String target,
        List<ColumnSummary> columns,
        TableSummary table,
        TargetSummary targetSummary,
        long badRows,
        List<String> unprofiledColumns) {

    public DataProfile {
        columns = List.copyOf(columns);
        unprofiledColumns = List.copyOf(unprofiledColumns);
    }

    /** The summary of {@code name}, or {@code null} when the file has no such column. */
    public ColumnSummary column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * One column.
     *
     * @param type the inferred type's config name ({@code numeric}, {@code category}, {@code text},
     *     {@code date}, {@code id})
     * @param distinct distinct non-missing values; exact when {@code distinctExact}, else a HyperLogLog
     *     estimate (about 1 % error)
     * @param topValues the most frequent values with their counts, most frequent first; {@code null} for
     *     personal data
     * @param categories every distinct value, when there are few and they were counted exactly; the
     *     allowed values of a category check
     * @param missingTokens values such as {@code None} or {@code NA} that are read as labels but may mean
     *     "missing", with their counts
     * @param personalData the kind of personal data the column holds, or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ColumnSummary(
            String name,
            String type,
            String reason,
            long missing,
            double missingRate,
            long distinct,
            boolean distinctExact,
            List<ValueCount> topValues,
            List<String> categories,
            Map<String, Long> missingTokens,
            NumericSummary numeric,
            TextSummary text,
            DateSummary date,
            String personalData) {

        /** The share of present values that the most frequent value takes, 0 when all are missing. */
        public double topShare(long rows) {
            long present = rows - missing;
            return topValues == null || topValues.isEmpty() || present == 0
                    ? 0 : (double) topValues.get(0).count() / present;
        }
    }

    /** A value and how many rows hold it. */
    public record ValueCount(String value, long count) {
    }

    /**
     * A numeric column.
     *
     * @param quantiles {@code p1}, {@code p5}, {@code p25}, {@code p50}, {@code p75}, {@code p95},
     *     {@code p99}, from the seeded row sample: exact when the file fits in it, else within about half a
     *     percentile (a uniform sample of 20,000 rows)
     * @param iqrOutlierRate share of values outside [p25 − 1.5·IQR, p75 + 1.5·IQR], measured on the sample
     * @param zOutlierRate share of values more than 3 standard deviations from the mean, on the sample
     * @param increasing every value at least the one before it, in file order
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NumericSummary(
            double min,
            double max,
            double mean,
            double std,
            double skew,
            Map<String, Double> quantiles,
            double iqrOutlierRate,
            double zOutlierRate,
            boolean integers,
            boolean increasing) {
    }

    /** Lengths of a text (or label) column in characters, and its tokens: runs of letters and digits. */
    public record TextSummary(int minLength, double meanLength, int maxLength, double meanTokens, int maxTokens) {
    }

    /**
     * A date column.
     *
     * @param granularity the finest unit the values use: {@code second}, {@code minute}, {@code hour},
     *     {@code day}, {@code month} or {@code year}
     * @param increasing every date at least the one before it, in file order
     */
    public record DateSummary(String min, String max, String granularity, boolean increasing) {
    }

    /**
     * The whole table.
     *
     * @param duplicateRows rows equal to an earlier row in every column
     * @param conflictingRows rows equal to an earlier row in every column but the target, with another target
     * @param duplicatesEstimated whether the two counts are estimated from a hash sample of the rows (large
     *     files) rather than exact
     * @param nearConstantColumns columns whose most frequent value fills at least 99 % of the present values
     * @param idLikeColumns columns unique on every row, or increasing by one on every row
     */
    public record TableSummary(
            long duplicateRows,
            long conflictingRows,
            boolean duplicatesEstimated,
            List<String> constantColumns,
            List<String> nearConstantColumns,
            List<String> idLikeColumns,
            List<CorrelatedPair> correlated,
            List<LeakageSuspect> leakage) {
    }

    /** Two numeric columns whose Pearson correlation on the sample is above 0.95 in absolute value. */
    public record CorrelatedPair(String first, String second, double correlation) {
    }

    /**
     * A column that alone predicts the target almost perfectly.
     *
     * @param score the single-feature score on a holdout half of the sample: ROC-AUC (classification,
     *     macro one-vs-rest for several classes) or R² (regression)
     * @param metric {@code roc_auc} or {@code r2}
     * @param copy whether the column is a near copy of the target (equal, or a relabelling of it, on 99 %
     *     of the rows)
     */
    public record LeakageSuspect(String column, double score, String metric, boolean copy) {
    }

    /**
     * The target column.
     *
     * @param task the inferred task's config name
     * @param classes per class its count, most frequent first (classification)
     * @param minorityShare the smallest class's share of rows (classification)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetSummary(String task, long missing, List<ValueCount> classes, Double minorityShare) {
    }
}
