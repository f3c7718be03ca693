package dev.anneal.core.features;

import dev.anneal.core.AnnealException;
import dev.anneal.core.data.CategoryColumn;
import dev.anneal.core.data.Column;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks and adapts the columns a fitted feature receives. */
final class Inputs {

    private Inputs() {
    }

    static <C extends Column> C expect(Column input, Class<C> kind, String expected) {
        if (!kind.isInstance(input)) {
            throw new AnnealException("column '" + input.name() + "': expected " + expected + " values as in training, got "
                    + input.type().configName());
        }
        return kind.cast(input);
    }

    /** The level index of a value unseen in training. */
    static final int UNSEEN = -1;
    /** The level index of a missing value. */
    static final int MISSING = -2;

    /**
     * Maps each row of {@code input} to the index of its label in {@code fittedLevels}, {@link #UNSEEN}
     * for a label unseen in training, or {@link #MISSING}. A column read as numbers or text is matched
     * by its text, so a category that happens to look numeric in new data still finds its level.
     */
    static int[] levelIndex(Column input, List<String> fittedLevels) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < fittedLevels.size(); i++) {
            index.put(fittedLevels.get(i), i);
        }
        int[] out = new int[input.size()];
        if (input instanceof CategoryColumn categories) {
            int[] byCode = new int[categories.levels().size()];
            for (int code = 0; code < byCode.length; code++) {
                byCode[code] = index.getOrDefault(categories.levels().get(code), UNSEEN);
            }
            int[] codes = categories.codes();
            for (int row = 0; row < out.length; row++) {
                out[row] = codes[row] == CategoryColumn.MISSING ? MISSING : byCode[codes[row]];
            }
            return out;
        }
        for (int row = 0; row < out.length; row++) {
            String label = input.format(row);
            out[row] = label == null ? MISSING : index.getOrDefault(label, UNSEEN);
        }
        return out;
    }
}
