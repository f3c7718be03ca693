package dev.anneal.train.plan;

import dev.anneal.core.checks.ColumnChecks;
import dev.anneal.core.checks.DataCheck;
import dev.anneal.core.checks.Severity;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.profile.DataProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The data checks a plan derives from its profile (the config's {@code checks:}, and without the target's
 * {@code profile.json}'s {@code "checks"}, which new batches to score are held against): every kept column present and of its type (errors), numbers within the profiled
 * range, labels among the profiled categories and missing rates near the profiled ones (warnings), the
 * target never missing (error). The profiled file passes them all; new files are held against them.
 * Checks of personal-data columns are redacted: they never print a value.
 */
final class ProfileChecks {

    /** New data may miss somewhat more values than the profile before a warning: 1.5 × its rate plus 1 point. */
    static final double MISSING_SLACK_FACTOR = 1.5;
    static final double MISSING_SLACK = 0.01;

    private ProfileChecks() {
    }

    /**
     * The checks of every kept column; the target's only {@code withTarget}: training needs it, while a batch
     * to score has no target.
     */
    static List<DataCheck> of(Plan plan, boolean withTarget) {
        List<DataCheck> checks = new ArrayList<>();
        for (Plan.ColumnPlan column : plan.columns()) {
            if (column.role().equals("dropped") || column.role().equals("target") && !withTarget) {
                continue;
            }
            DataProfile.ColumnSummary summary = plan.profile().column(column.name());
            boolean redact = column.privacy() != null;
            boolean target = column.role().equals("target");
            ColumnType type = ColumnType.valueOf(column.type().toUpperCase(Locale.ROOT));
            boolean numeric = type == ColumnType.NUMERIC && summary.numeric() != null && !redact;
            List<DataCheck> rules = new ArrayList<>(ColumnChecks.of(column.name(), type,
                    type == ColumnType.CATEGORY && !redact ? summary.categories() : null,
                    numeric ? summary.numeric().min() : null, numeric ? summary.numeric().max() : null));
            double allowed = target || summary.missingRate() == 0 ? 0
                    : Math.min(1, Math.round((summary.missingRate() * MISSING_SLACK_FACTOR + MISSING_SLACK) * 1e4) / 1e4);
            rules.add(DataCheck.missing(column.name(), allowed, target ? Severity.ERROR : Severity.WARN));
            rules.forEach(rule -> checks.add(redact ? rule.redacted() : rule));
        }
        return checks;
    }
}
