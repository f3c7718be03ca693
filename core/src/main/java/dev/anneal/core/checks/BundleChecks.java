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

    /** For each input, {@link ColumnChecks#of} with its type, training categories and training range. */
    public static List<DataCheck> of(BundleManifest manifest) {
        List<DataCheck> checks = new ArrayList<>();
        for (BundleManifest.InputColumn input : manifest.inputs()) {
            ColumnType type = ColumnType.NUMERIC.configName().equals(input.type()) ? ColumnType.NUMERIC
                    : ColumnType.DATE.configName().equals(input.type()) ? ColumnType.DATE : null;
            checks.addAll(ColumnChecks.of(input.column(), type, input.categories(), input.min(), input.max()));
        }
        return checks;
    }
}
