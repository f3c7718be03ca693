package dev.anneal.core.features;

import dev.anneal.core.data.Column;
import dev.anneal.core.data.NumericColumn;
import java.util.List;

/** A numeric column, imputed and scaled: outputs {@code column} and, when fitted so, {@code column__missing}. */
public record NumericFeature(String column, NumericStep step) implements FittedFeature {

    @Override
    public List<String> outputNames() {
        return step.indicator() ? List.of(column, column + "__missing") : List.of(column);
    }

    @Override
    public void transform(Column input, float[] out, int stride, int offset) {
        double[] values = Inputs.expect(input, NumericColumn.class, "numeric").values();
        for (int row = 0; row < values.length; row++) {
            step.apply(values[row], out, row * stride + offset);
        }
    }
}
