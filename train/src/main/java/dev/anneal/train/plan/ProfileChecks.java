package dev.anneal.train.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data checks a plan derives from its profile, in the rule format of the config's {@code checks:}
 * section (docs/config.md): every kept column present and of its type (errors), numbers within the
 * profiled range, labels among the profiled categories and missing rates near the profiled ones
 * (warnings). The training file passes them all by construction; new files are held against them.
 */
final class ProfileChecks {

    /** New data may miss somewhat more values than the profile before a warning: 1.5 × its rate plus 1 point. */
    static final double MISSING_SLACK_FACTOR = 1.5;
    static final double MISSING_SLACK = 0.01;

    private ProfileChecks() {
    }

    static List<Map<String, Object>> of(Plan plan) {
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Plan.ColumnPlan column : plan.columns()) {
            if (column.role().equals("dropped")) {
                continue;
            }
            var summary = plan.profile().column(column.name());
            boolean redact = column.privacy() != null;
            boolean target = column.role().equals("target");
            checks.add(rule(column.name(), "present", "error", redact));
            if (column.type().equals("numeric") || column.type().equals("date")) {
                Map<String, Object> type = rule(column.name(), "type", "error", redact);
                type.put("type", column.type());
                checks.add(type);
            }
            if (summary.numeric() != null && column.type().equals("numeric") && !redact) {
                Map<String, Object> range = rule(column.name(), "range", "warn", false);
                range.put("min", summary.numeric().min());
                range.put("max", summary.numeric().max());
                checks.add(range);
            }
            if (summary.categories() != null && column.type().equals("category") && !redact) {
                Map<String, Object> categories = rule(column.name(), "categories", "warn", false);
                categories.put("values", summary.categories());
                checks.add(categories);
            }
            Map<String, Object> missing = rule(column.name(), "missing", target ? "error" : "warn", redact);
            missing.put("max_rate", target || summary.missingRate() == 0 ? 0.0
                    : Math.min(1.0, Math.round((summary.missingRate() * MISSING_SLACK_FACTOR + MISSING_SLACK) * 1e4) / 1e4));
            checks.add(missing);
        }
        return checks;
    }

    private static Map<String, Object> rule(String column, String rule, String severity, boolean redact) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("column", column);
        check.put("rule", rule);
        check.put("severity", severity);
        if (redact) {
            check.put("redact", true);
        }
        return check;
    }
}
