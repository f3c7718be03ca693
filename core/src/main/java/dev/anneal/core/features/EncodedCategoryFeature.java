package dev.anneal.core.features;

import dev.anneal.core.data.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * A categorical column replaced by numbers looked up per level: its frequency rank (ordinal), its
 * training share (frequency) or its smoothed target mean (target encoding; one output per class for
 * multiclass). Unseen and missing levels get {@code unseen}. Each output then goes through its
 * {@link NumericStep} (imputation of NaN, scaling).
 *
 * @param values per level (in {@code levels} order), one value per output
 * @param suffixes output names are {@code column__<suffix>}
 */
public record EncodedCategoryFeature(
        String column,
        CategoryEncoding encoding,
        List<String> levels,
        double[][] values,
        double[] unseen,
        List<String> suffixes,
        List<NumericStep> steps) implements FittedFeature {

    public EncodedCategoryFeature {
        levels = List.copyOf(levels);
        suffixes = List.copyOf(suffixes);
        steps = List.copyOf(steps);
    }

    @Override
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < suffixes.size(); j++) {
            names.add(column + "__" + suffixes.get(j));
            if (steps.get(j).indicator()) {
                names.add(column + "__" + suffixes.get(j) + "__missing");
            }
        }
        return names;
    }

    @Override
    public void transform(Column input, float[] out, int stride, int offset) {
        int[] index = Inputs.levelIndex(input, levels);
        for (int row = 0; row < index.length; row++) {
            double[] raw = index[row] >= 0 ? values[index[row]] : unseen;
            writeRow(raw, out, row * stride + offset);
        }
    }

    /** Writes one row's outputs from its looked-up raw values. */
    void writeRow(double[] raw, float[] out, int at) {
        int position = at;
        for (int j = 0; j < raw.length; j++) {
            NumericStep step = steps.get(j);
            step.apply(raw[j], out, position);
            position += step.width();
        }
    }
}
