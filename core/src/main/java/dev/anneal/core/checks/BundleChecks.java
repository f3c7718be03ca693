package dev.anneal.core.checks;

import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.core.data.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks a model bundle implies for the rows it will score, from its manifest's input schema: each
 * input column present and of its type (errors: the model cannot score such rows), and its values within
 * what training saw (warnings: the model scores them, but outside its experience).
 */
public final class BundleChecks {

    private BundleChecks() {
    }

    /**
     * For each input: {@code present} (error); {@code type} for a numeric or date input (error);
     * {@code categories} when the manifest lists the input's training categories (warn); {@code range} over
     * the training minimum and maximum of a numeric input (warn).
     */
    public static List<DataCheck> of(BundleManifest manifest) {
        List<DataCheck> checks = new ArrayList<>();
        for (BundleManifest.InputColumn input : manifest.inputs()) {
            String column = input.column();
            checks.add(DataCheck.present(column, Severity.ERROR));
            boolean numeric = ColumnType.NUMERIC.configName().equals(input.type());
            if (numeric || ColumnType.DATE.configName().equals(input.type())) {
                checks.add(DataCheck.type(column, numeric ? ColumnType.NUMERIC : ColumnType.DATE, Severity.ERROR));
            }
            if (input.categories() != null && !input.categories().isEmpty()) {
                checks.add(DataCheck.categories(column, input.categories(), Severity.WARN));
            }
            if (numeric && (input.min() != null || input.max() != null)) {
                checks.add(DataCheck.range(column, input.min(), input.max(), Severity.WARN));
            }
        }
        return checks;
    }
}
