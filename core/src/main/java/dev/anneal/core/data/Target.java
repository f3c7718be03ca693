package dev.anneal.core.data;

import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The target column, encoded for learning: class indices for classification (with the class labels
 * in index order), real values for regression.
 *
 * <p>Class order is sorted by label, except that a binary task puts the positive class at index 1 so
 * that "probability of class 1" is "probability of the positive class".
 *
 * @param classIndex per row, 0..k-1 (classification only, else {@code null})
 * @param values per row (regression only, else {@code null})
 * @param classes labels in index order (classification only, else empty)
 */
public record Target(String column, Task task, int[] classIndex, double[] values, List<String> classes) {

    /** The most distinct integer values a numeric target may have to be taken for classes. */
    private static final int MAX_NUMERIC_CLASSES = 10;

    public Target {
        Objects.requireNonNull(task, "task");
        classes = List.copyOf(classes);
    }

    public int size() {
        return task.isClassification() ? classIndex.length : values.length;
    }

    public int classCount() {
        return classes.size();
    }

    /** The rows given, in order. */
    public Target select(int[] rows) {
        if (task.isClassification()) {
            int[] out = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = classIndex[rows[i]];
            }
            return new Target(column, task, out, null, classes);
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new Target(column, task, null, out, classes);
    }

    /** The task a column suggests when the config names none, with the reason. */
    public static Task inferTask(Column column) {
        List<String> labels = distinctLabels(column);
        if (labels.size() == 2) {
            return Task.BINARY;
        }
        if (column instanceof NumericColumn numbers) {
            boolean integral = true;
            for (double v : numbers.values()) {
                if (!Double.isNaN(v) && v != Math.rint(v)) {
                    integral = false;
                    break;
                }
            }
            return integral && labels.size() <= MAX_NUMERIC_CLASSES ? Task.MULTICLASS : Task.REGRESSION;
        }
        return Task.MULTICLASS;
    }

    /**
     * Encodes {@code column} for {@code task}.
     *
     * @param positive the positive label of a binary task, or {@code null} for the minority class
     * @throws AnnealException when the column has missing values, too few classes, or does not fit the task
     */
    public static Target of(Column column, Task task, String positive, String source) {
        int missing = column.missingCount();
        if (missing > 0) {
            throw new AnnealException(source + ": target column '" + column.name() + "' has " + missing
                    + " missing values; drop those rows or choose another target");
        }
        if (task == Task.REGRESSION) {
            if (!(column instanceof NumericColumn numbers)) {
                throw new AnnealException(source + ": target column '" + column.name()
                        + "' is not numeric, so it cannot be a regression target (task: regression)");
            }
            return new Target(column.name(), task, null, numbers.values(), List.of());
        }
        List<String> labels = distinctLabels(column);
        if (labels.size() < 2) {
            throw new AnnealException(source + ": target column '" + column.name() + "' has only one class "
                    + labels + "; a classifier needs at least two");
        }
        if (task == Task.BINARY && labels.size() != 2) {
            throw new AnnealException(source + ": task is binary but target column '" + column.name() + "' has "
                    + labels.size() + " classes; use task: multiclass");
        }
        if (task == Task.MULTICLASS && labels.size() == 2) {
            throw new AnnealException(source + ": task is multiclass but target column '" + column.name()
                    + "' has only two classes " + labels + "; use task: binary");
        }
        List<String> classes = new ArrayList<>(labels);
        if (task == Task.BINARY) {
            String positiveLabel = positive != null ? positive : minority(column, labels);
            if (!classes.contains(positiveLabel)) {
                throw new AnnealException(source + ": positive: '" + positiveLabel + "' is not a class of target '"
                        + column.name() + "'; its classes are " + labels);
            }
            classes.remove(positiveLabel);
            classes.add(positiveLabel);
        }
        int[] index = new int[column.size()];
        for (int row = 0; row < index.length; row++) {
            index[row] = classes.indexOf(column.format(row));
        }
        return new Target(column.name(), task, index, null, classes);
    }

    private static List<String> distinctLabels(Column column) {
        TreeSet<String> labels = new TreeSet<>();
        if (column instanceof CategoryColumn categories) {
            int[] counts = categories.levelCounts();
            for (int code = 0; code < counts.length; code++) {
                if (counts[code] > 0) {
                    labels.add(categories.levels().get(code));
                }
            }
            return new ArrayList<>(labels);
        }
        for (int row = 0; row < column.size(); row++) {
            String label = column.format(row);
            if (label != null) {
                labels.add(label);
                if (labels.size() > 1000) {
                    break;
                }
            }
        }
        return new ArrayList<>(labels);
    }

    private static String minority(Column column, List<String> labels) {
        int first = 0;
        for (int row = 0; row < column.size(); row++) {
            if (labels.get(0).equals(column.format(row))) {
                first++;
            }
        }
        return first <= column.size() - first ? labels.get(0) : labels.get(1);
    }
}
