package dev.anneal.core.features;

import dev.anneal.core.data.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * One-hot encoding of a categorical column: {@code column__<level>} per kept level, then
 * {@code column__other} (rare levels cut by the cardinality limit, and levels unseen in training),
 * then {@code column__missing} when the training rows had missing values (otherwise a missing value
 * counts as {@code other}).
 */
public record OneHotFeature(String column, List<String> levels, boolean missingColumn) implements FittedFeature {

    public OneHotFeature {
        levels = List.copyOf(levels);
    }

    @Override
    public List<String> outputNames() {
        List<String> names = new ArrayList<>(levels.size() + 2);
        for (String level : levels) {
            names.add(column + "__" + level);
        }
        names.add(column + "__other");
        if (missingColumn) {
            names.add(column + "__missing");
        }
        return names;
    }

    @Override
    public void transform(Column input, float[] out, int stride, int offset) {
        int[] index = Inputs.levelIndex(input, levels);
        int other = levels.size();
        int width = width();
        for (int row = 0; row < index.length; row++) {
            int base = row * stride + offset;
            for (int j = 0; j < width; j++) {
                out[base + j] = 0f;
            }
            int hot = index[row];
            if (hot == Inputs.MISSING) {
                hot = missingColumn ? other + 1 : other;
            } else if (hot == Inputs.UNSEEN) {
                hot = other;
            }
            out[base + hot] = 1f;
        }
    }
}
