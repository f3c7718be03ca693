package dev.anneal.core.features;

import dev.anneal.core.data.Column;
import dev.anneal.core.data.DateColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * A date column turned into its parts ({@code column__year}, {@code column__month}, ...), each then
 * imputed and scaled by its own {@link NumericStep}. {@code hour} is present only when the training
 * dates carry a time of day.
 *
 * @param referenceSeconds the earliest training date, the origin of {@code elapsed_days}
 */
public record DateFeature(String column, long referenceSeconds, List<DatePart> parts, List<NumericStep> steps)
        implements FittedFeature {

    public DateFeature {
        parts = List.copyOf(parts);
        steps = List.copyOf(steps);
    }

    @Override
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < parts.size(); j++) {
            String name = column + "__" + parts.get(j).configName();
            names.add(name);
            if (steps.get(j).indicator()) {
                names.add(name + "__missing");
            }
        }
        return names;
    }

    @Override
    public void transform(Column input, float[] out, int stride, int offset) {
        long[] seconds = Inputs.expect(input, DateColumn.class, "date").epochSeconds();
        for (int row = 0; row < seconds.length; row++) {
            int position = row * stride + offset;
            for (int j = 0; j < parts.size(); j++) {
                double raw = seconds[row] == DateColumn.MISSING ? Double.NaN : parts.get(j).of(seconds[row], referenceSeconds);
                steps.get(j).apply(raw, out, position);
                position += steps.get(j).width();
            }
        }
    }

    /** Raw values of one part for every row (NaN when missing), used when fitting. */
    static double[] partValues(long[] seconds, DatePart part, long referenceSeconds) {
        double[] values = new double[seconds.length];
        for (int row = 0; row < seconds.length; row++) {
            values[row] = seconds[row] == DateColumn.MISSING ? Double.NaN : part.of(seconds[row], referenceSeconds);
        }
        return values;
    }
}
