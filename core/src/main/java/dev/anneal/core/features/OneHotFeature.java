package dev.anneal.core.features;

import dev.anneal.core.data.Column;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One-hot encoding of a categorical column: {@code column__<level>} per kept level; then
 * {@code column__other} when the cardinality limit cut rarer training levels (they, and levels unseen in
 * training, light it); then {@code column__missing} when the training rows had missing values. Without
 * those columns an unseen level, or a missing value, is all zeros: a constant column would only cost
 * every model time.
 */
public record OneHotFeature(String column, List<String> levels, boolean otherColumn, boolean missingColumn)
        implements FittedFeature {

    public OneHotFeature {
        levels = List.copyOf(levels);
    }

    /**
     * {@inheritDoc} A level whose label is {@code other} (or {@code missing}) would share its name with
     * that column when there is one, so its part becomes {@code other_2} (or the next free {@code _k}):
     * every output name is unique.
     */
    @Override
    public List<String> outputNames() {
        List<String> names = new ArrayList<>(levels.size() + 2);
        Set<String> taken = new HashSet<>(levels);
        taken.add("other");
        taken.add("missing");
        for (String level : levels) {
            String part = level;
            if (otherColumn && part.equals("other") || missingColumn && part.equals("missing")) {
                int k = 2;
                do {
                    part = level + "_" + k++;
                } while (taken.contains(part));
                taken.add(part);
            }
            names.add(column + "__" + part);
        }
        if (otherColumn) {
            names.add(column + "__other");
        }
        if (missingColumn) {
            names.add(column + "__missing");
        }
        return names;
    }

    @Override
    public void transform(Column input, float[] out, int stride, int offset) {
        int[] index = Inputs.levelIndex(input, levels);
        int other = otherColumn ? levels.size() : -1;
        int missing = missingColumn ? levels.size() + (otherColumn ? 1 : 0) : other;
        int width = width();
        for (int row = 0; row < index.length; row++) {
            int base = row * stride + offset;
            for (int j = 0; j < width; j++) {
                out[base + j] = 0f;
            }
            int hot = index[row];
            if (hot == Inputs.MISSING) {
                hot = missing;
            } else if (hot == Inputs.UNSEEN) {
                hot = other;
            }
            if (hot >= 0) {
                out[base + hot] = 1f;
            }
        }
    }
}
