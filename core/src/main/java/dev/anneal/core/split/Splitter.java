package dev.anneal.core.split;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Makes a {@link Split} of a table's data rows, or loads one from a file.
 *
 * <p>{@code ratios} is always {@code {train, validation, test}}: three finite numbers {@code >= 0} that
 * sum to 1 within 1e-6, else {@link IllegalArgumentException} (the config layer checks and reports
 * ratios to the user first). For {@code n} rows the target sizes are {@code validation =
 * round(n * ratios[1])}, {@code test = round(n * ratios[2])} and train the rest; a split whose ratio is
 * above 0 but that would round to no rows takes one row from the largest split, so every split with a
 * positive ratio is non-empty. Fewer rows than such splits is an {@link AnnealException}. A split whose
 * ratio is 0 stays empty.
 *
 * <p>Methods that take a seed shuffle with {@link SplittableRandom}; the same inputs and seed give the
 * same split on every JVM. Rows are 0-based data-row indices (the CSV header is not a row).
 */
public final class Splitter {

    private static final double RATIO_TOLERANCE = 1e-6;
    private static final String[] NAMES = {"train", "validation", "test"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private Splitter() {}

    /** Shuffles rows {@code 0..n-1} with {@code seed} and cuts them into train, validation and test. */
    public static Split random(int n, double[] ratios, long seed) {
        checkRatios(ratios);
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int[] order = IntStream.range(0, n).toArray();
        shuffle(order, new SplittableRandom(seed));
        return cut(order, sizes(n, ratios));
    }

    /**
     * Splits so that each split holds every class in the same proportion as the whole data.
     *
     * <p>Each distinct value of {@code classCodes} is one class ({@code -1}, a missing label, is a class
     * like any other, so those rows are spread too). Split totals equal {@link #random}'s sizes, and each
     * class's count in each split is its exact share rounded up or down, so within one row of it. A class
     * whose train share is under one row is given a train row (its share rounded up), smallest classes
     * first, as far as that rounding rule allows: with many such classes and little train room some may
     * land only in validation or test. Rows within each class are shuffled with {@code seed}.
     */
    public static Split stratified(int[] classCodes, double[] ratios, long seed) {
        checkRatios(ratios);
        int n = classCodes.length;
        int[] totals = sizes(n, ratios);
        int[] classes = IntStream.of(classCodes).distinct().sorted().toArray();
        int[] counts = new int[classes.length];
        for (int code : classCodes) {
            counts[Arrays.binarySearch(classes, code)]++;
        }
        int[][] members = new int[classes.length][];
        for (int c = 0; c < classes.length; c++) {
            members[c] = new int[counts[c]];
        }
        int[] filled = new int[classes.length];
        for (int row = 0; row < n; row++) {
            int c = Arrays.binarySearch(classes, classCodes[row]);
            members[c][filled[c]++] = row;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int[] rows : members) {
            shuffle(rows, random);
        }
        int[][] allocation = StratifiedAllocation.allocate(counts, totals);
        int[][] out = {new int[totals[0]], new int[totals[1]], new int[totals[2]]};
        int[] used = new int[3];
        for (int c = 0; c < classes.length; c++) {
            int next = 0;
            for (int s = 0; s < 3; s++) {
                for (int k = 0; k < allocation[c][s]; k++) {
                    out[s][used[s]++] = members[c][next++];
                }
            }
        }
        return new Split(out[0], out[1], out[2]);
    }

    /**
     * Splits by time: train gets the earliest rows, then validation, then test, so a model is judged on
     * data later than any it learned from.
     *
     * <p>Rows sort by time, ties by row index. A cut never separates rows with equal time: it moves
     * forward past them, so {@code max(train time) < min(validation time)} and
     * {@code max(validation time) < min(test time)}, and a split may end up smaller than its ratio.
     *
     * @param timeValues one ordered number per row (epoch seconds, a year...); {@code NaN} means missing
     * @param column the time column's name, for messages
     * @throws AnnealException if a time is missing, or if ties leave a split with a positive ratio empty
     */
    public static Split time(double[] timeValues, double[] ratios, String column) {
        checkRatios(ratios);
        int n = timeValues.length;
        long missing = Arrays.stream(timeValues).filter(Double::isNaN).count();
        if (missing > 0) {
            throw new AnnealException("column '" + column + "': " + missing + " of " + n
                    + " rows have no time value; a time split needs a time on every row");
        }
        int[] sizes = sizes(n, ratios);
        int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(row -> timeValues[row])
                        .thenComparingInt(row -> row))
                .mapToInt(Integer::intValue)
                .toArray();
        int firstCut = pastTies(order, timeValues, sizes[0]);
        int secondCut = pastTies(order, timeValues, Math.max(firstCut, sizes[0] + sizes[1]));
        int[] actual = {firstCut, secondCut - firstCut, n - secondCut};
        for (int s = 0; s < 3; s++) {
            if (sizes[s] > 0 && actual[s] == 0) {
                throw new AnnealException("column '" + column + "': the time split leaves " + NAMES[s]
                        + " empty, because rows sharing one time value are never divided between splits and"
                        + " too many rows share the time at the cut; use a finer time column or other ratios");
            }
        }
        return cut(order, actual);
    }

    /**
     * Splits whole groups (a customer, a patient, a store), so that no group has rows in two splits and
     * the model is judged on groups it never saw.
     *
     * <p>Distinct groups are shuffled with {@code seed}, then each in turn joins the split that is
     * furthest below its target row count (the {@link #random} sizes). Sizes therefore only approximate
     * the ratios, more so with large groups. A split with a positive ratio that ends up empty takes the
     * smallest group from the split with the most groups.
     *
     * @param groupCodes one group code per row; {@code -1} (any negative code) means missing
     * @param column the group column's name, for messages
     * @throws AnnealException if a group is missing, or there are fewer groups than non-empty splits
     */
    public static Split group(int[] groupCodes, double[] ratios, long seed, String column) {
        checkRatios(ratios);
        int n = groupCodes.length;
        long missing = IntStream.of(groupCodes).filter(code -> code < 0).count();
        if (missing > 0) {
            throw new AnnealException("column '" + column + "': " + missing + " of " + n
                    + " rows have no group; a group split needs a group on every row");
        }
        int[] targets = sizes(n, ratios);
        int[] groups = IntStream.of(groupCodes).distinct().sorted().toArray();
        int wanted = (int) IntStream.of(targets).filter(size -> size > 0).count();
        if (groups.length < wanted) {
            throw new AnnealException("column '" + column + "' has " + groups.length
                    + " distinct group(s); a group split needs at least " + wanted
                    + ", one for each non-empty split");
        }
        int[] rowsPerGroup = new int[groups.length];
        for (int code : groupCodes) {
            rowsPerGroup[Arrays.binarySearch(groups, code)]++;
        }
        int[] order = IntStream.range(0, groups.length).toArray();
        shuffle(order, new SplittableRandom(seed));

        int[] splitOf = new int[groups.length];
        int[] rowsIn = new int[3];
        int[] groupsIn = new int[3];
        for (int g : order) {
            int best = -1;
            for (int s = 0; s < 3; s++) {
                if (targets[s] > 0 && (best < 0 || targets[s] - rowsIn[s] > targets[best] - rowsIn[best])) {
                    best = s;
                }
            }
            splitOf[g] = best;
            rowsIn[best] += rowsPerGroup[g];
            groupsIn[best]++;
        }
        for (int empty = 0; empty < 3; empty++) {
            if (targets[empty] == 0 || groupsIn[empty] > 0) {
                continue;
            }
            int donor = 0;
            for (int s = 1; s < 3; s++) {
                if (groupsIn[s] > groupsIn[donor]) {
                    donor = s;
                }
            }
            int smallest = -1;
            for (int g : order) {
                if (splitOf[g] == donor && (smallest < 0 || rowsPerGroup[g] < rowsPerGroup[smallest])) {
                    smallest = g;
                }
            }
            splitOf[smallest] = empty;
            groupsIn[donor]--;
            groupsIn[empty]++;
            rowsIn[donor] -= rowsPerGroup[smallest];
            rowsIn[empty] += rowsPerGroup[smallest];
        }
        int[][] out = {new int[rowsIn[0]], new int[rowsIn[1]], new int[rowsIn[2]]};
        int[] used = new int[3];
        for (int row = 0; row < n; row++) {
            int s = splitOf[Arrays.binarySearch(groups, groupCodes[row])];
            out[s][used[s]++] = row;
        }
        return new Split(out[0], out[1], out[2]);
    }

    /**
     * Loads a split from a JSON object with arrays {@code train}, {@code validation} and {@code test} of
     * 0-based data-row indices; other keys are ignored. Rows named in no split are allowed and are left
     * out of training and evaluation alike.
     *
     * @param n the number of data rows, so indices must lie in {@code [0, n)}
     * @throws AnnealException naming the file if it is missing, unreadable or not JSON; if a key is missing,
     *     not an array of integers, or empty; if an index is out of range; or if a row appears twice
     */
    public static Split fromFile(Path file, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        String where = "split file " + file + ": ";
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AnnealException(where + "not found", e);
        } catch (IOException e) {
            throw new AnnealException(where + "cannot be read (" + e + ")", e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage().lines().findFirst().orElse("");
            String at = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new AnnealException(where + "not valid JSON" + at + ": " + reason, e);
        } catch (IOException e) {
            throw new AnnealException(where + "cannot be read (" + e + ")", e);
        }
        if (root == null || !root.isObject()) {
            String got = root == null || root.isMissingNode() ? "an empty file" : kind(root);
            throw new AnnealException(where + "expected a JSON object with arrays \"train\", \"validation\""
                    + " and \"test\", got " + got);
        }
        // Where each row was first named, so a repeat can point at both places.
        int[] firstSplit = new int[n];
        int[] firstPosition = new int[n];
        Arrays.fill(firstSplit, -1);
        int[][] rows = new int[3][];
        for (int s = 0; s < 3; s++) {
            String key = NAMES[s];
            JsonNode array = root.get(key);
            if (array == null) {
                throw new AnnealException(where + "key \"" + key
                        + "\" is missing; expected an array of 0-based data-row indices");
            }
            if (!array.isArray()) {
                throw new AnnealException(where + "\"" + key
                        + "\" must be an array of 0-based data-row indices, got " + kind(array));
            }
            if (array.isEmpty()) {
                throw new AnnealException(where + "\"" + key + "\" is empty; every split needs at least one row");
            }
            rows[s] = new int[array.size()];
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                String ref = key + "[" + i + "]";
                if (!item.isIntegralNumber()) {
                    throw new AnnealException(where + ref + " must be an integer row index, got "
                            + (item.isNumber() ? item.asText() : kind(item)));
                }
                if (!item.canConvertToInt() || item.intValue() < 0 || item.intValue() >= n) {
                    throw new AnnealException(where + ref + " = " + item.asText() + " is out of range [0, " + n
                            + "): the data has " + n + " rows, numbered from 0");
                }
                int row = item.intValue();
                if (firstSplit[row] >= 0) {
                    throw new AnnealException(where + "row " + row + " appears twice: "
                            + NAMES[firstSplit[row]] + "[" + firstPosition[row] + "] and " + ref);
                }
                firstSplit[row] = s;
                firstPosition[row] = i;
                rows[s][i] = row;
            }
        }
        return new Split(rows[0], rows[1], rows[2]);
    }

    /** The target {train, validation, test} sizes for {@code n} rows; see the class comment. */
    static int[] sizes(int n, double[] ratios) {
        int validation = (int) Math.round(n * ratios[1]);
        int test = (int) Math.round(n * ratios[2]);
        if (validation + test > n) {
            test = n - validation;
        }
        int[] sizes = {n - validation - test, validation, test};
        int wanted = 0;
        for (double ratio : ratios) {
            if (ratio > 0) {
                wanted++;
            }
        }
        if (n < wanted) {
            throw new AnnealException("cannot split " + n + " row(s) into " + wanted
                    + " non-empty splits; each split with a ratio above 0 needs at least one row");
        }
        for (int s = 0; s < 3; s++) {
            if (ratios[s] > 0 && sizes[s] == 0) {
                int donor = -1;
                for (int d = 0; d < 3; d++) {
                    int spare = sizes[d] - (ratios[d] > 0 ? 1 : 0);
                    if (spare > 0 && (donor < 0 || sizes[d] > sizes[donor])) {
                        donor = d;
                    }
                }
                sizes[donor]--;
                sizes[s]++;
            }
        }
        return sizes;
    }

    static void checkRatios(double[] ratios) {
        if (ratios == null || ratios.length != 3) {
            throw new IllegalArgumentException("ratios must be three numbers {train, validation, test}, got "
                    + Arrays.toString(ratios));
        }
        double sum = 0;
        for (double ratio : ratios) {
            if (!Double.isFinite(ratio) || ratio < 0) {
                throw new IllegalArgumentException("ratios must be finite and >= 0, got " + Arrays.toString(ratios));
            }
            sum += ratio;
        }
        if (Math.abs(sum - 1) > RATIO_TOLERANCE) {
            throw new IllegalArgumentException("ratios must sum to 1, got " + Arrays.toString(ratios)
                    + " (sum " + sum + ")");
        }
    }

    private static int pastTies(int[] order, double[] time, int cut) {
        while (cut > 0 && cut < order.length && time[order[cut]] == time[order[cut - 1]]) {
            cut++;
        }
        return cut;
    }

    private static Split cut(int[] order, int[] sizes) {
        int firstCut = sizes[0];
        int secondCut = sizes[0] + sizes[1];
        return new Split(
                Arrays.copyOfRange(order, 0, firstCut),
                Arrays.copyOfRange(order, firstCut, secondCut),
                Arrays.copyOfRange(order, secondCut, order.length));
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
