package dev.anneal.train.plan;

import dev.anneal.core.profile.DataProfile;
import dev.anneal.core.profile.DataProfile.ColumnSummary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides what each column becomes (feature, identifier, dropped, hashed) and its feature transform, and
 * reports the data-quality, feature and privacy findings that led there.
 */
final class ColumnChoices {

    /** Above this share of missing values a column is dropped: what is left says too little. */
    static final double MAX_MISSING = 0.95;
    /** From this share of missing values on, the plan points the column out. */
    static final double NOTABLE_MISSING = 0.3;
    /** A numeric column with more IQR outliers than this, or skew beyond {@link #HEAVY_SKEW}, is scaled robustly. */
    static final double MANY_OUTLIERS = 0.05;
    static final double HEAVY_SKEW = 2.0;
    /** Most one-hot columns a category gets by default; above it, target encoding (see docs/config.md). */
    static final int ONEHOT_LIMIT = 64;
    private static final Set<String> SPLIT_LABELS = Set.of("train", "test", "valid", "validation", "val", "dev",
            "holdout", "training", "testing");

    private final DataProfile profile;
    private final List<Finding> findings;
    private final Set<String> leaky = new HashSet<>();
    private final Set<String> keep;
    private final String group;

    /**
     * @param keep columns the split needs (time and group column): never dropped
     * @param group the group column, kept as an identifier rather than a feature, or {@code null}
     */
    ColumnChoices(DataProfile profile, Set<String> keep, String group, List<Finding> findings) {
        this.profile = profile;
        this.keep = keep;
        this.group = group;
        this.findings = findings;
        profile.table().leakage().forEach(suspect -> leaky.add(suspect.column()));
    }

    List<Plan.ColumnPlan> decide() {
        List<Plan.ColumnPlan> plans = new ArrayList<>();
        for (ColumnSummary column : profile.columns()) {
            plans.add(column.name().equals(profile.target()) ? target(column) : decide(column));
        }
        return plans;
    }

    private Plan.ColumnPlan target(ColumnSummary column) {
        if (column.missing() > 0) {
            findings.add(new Finding(Finding.Section.DATA, Finding.Severity.ERROR, column.name(),
                    column.missing() + " rows have no target value", "anneal train refuses a target with missing values:"
                    + " remove those rows or fill them before training", "why the target is missing there"));
        }
        return new Plan.ColumnPlan(column.name(), column.type(), "target", null, Map.of(), "the target",
                "the column to predict");
    }

    private Plan.ColumnPlan decide(ColumnSummary column) {
        String name = column.name();
        if (column.personalData() != null) {
            return personal(column);
        }
        if (column.missing() == profile.rows()) {
            return drop(column, Finding.Section.DATA, Finding.Severity.WARNING, "every value is missing",
                    "nothing to learn from", null);
        }
        if (profile.table().constantColumns().contains(name)) {
            return drop(column, Finding.Section.DATA, Finding.Severity.WARNING, "one value on every row (constant)",
                    "a constant carries no information", null);
        }
        if (leaky.contains(name) && !keep.contains(name)) {
            DataProfile.LeakageSuspect suspect = profile.table().leakage().stream()
                    .filter(s -> s.column().equals(name)).findFirst().orElseThrow();
            String what = suspect.copy() ? "a near copy of the target " + profile.target()
                    : String.format(Locale.ROOT, "alone predicts %s with %s %.3f on a holdout half of the sample",
                            profile.target(), suspect.metric().equals("r2") ? "R²" : "ROC-AUC", suspect.score());
            return drop(column, Finding.Section.DATA, Finding.Severity.ERROR, what + ": target leakage suspected",
                    "a feature this good is almost always computed from the target or recorded after it",
                    "whether " + name + " is known at the moment a prediction is made; if it is, restore it with type "
                            + column.type());
        }
        if (isSplitAssignment(column)) {
            return drop(column, Finding.Section.DATA, Finding.Severity.WARNING,
                    "holds a previous split assignment (" + String.join(", ", column.categories()) + ")",
                    "which rows someone else trained or tested on says nothing about the target",
                    "whether the original split should be reproduced with split.method: file");
        }
        if (column.missing() > MAX_MISSING * profile.rows()) {
            return drop(column, Finding.Section.DATA, Finding.Severity.WARNING,
                    percent(column.missingRate()) + " of values missing", "too few values to learn from",
                    "whether missing means something here (then a missing indicator would carry it)");
        }
        boolean idLike = profile.table().idLikeColumns().contains(name) || column.type().equals("id");
        if (idLike || name.equals(group)) {
            if (idLike) {
                findings.add(new Finding(Finding.Section.DATA, Finding.Severity.WARNING, name,
                        "unique on every row or increasing by one: an identifier, not a feature",
                        "type: id (kept for joins and output, never a feature)", null));
            }
            return new Plan.ColumnPlan(name, "id", "id", null, Map.of(), "none (not a feature)",
                    idLike ? "an identifier" : "used by the split only");
        }
        return feature(column);
    }

    private Plan.ColumnPlan personal(ColumnSummary column) {
        String name = column.name();
        boolean hash = name.equals(group);
        String kind = describe(column.personalData());
        findings.add(new Finding(Finding.Section.PRIVACY, Finding.Severity.WARNING, name,
                "looks like " + kind + "; its values are left out of the profile and this plan",
                hash ? "privacy: hash — values replaced by their salted SHA-256 before anything else sees them; the"
                        + " hash still groups the rows of one person for the split"
                        : "privacy: drop — the column is never read into training",
                "whether the data may be used at all, and whether a hashed key is needed (then privacy: hash)"));
        return new Plan.ColumnPlan(name, hash ? "id" : "ignore", hash ? "id" : "dropped", hash ? "hash" : "drop",
                Map.of(), hash ? "salted SHA-256, then only the split reads it" : "dropped",
                "personal data: " + kind);
    }

    private Plan.ColumnPlan drop(ColumnSummary column, Finding.Section section, Finding.Severity severity,
            String what, String why, String check) {
        findings.add(new Finding(section, severity, column.name(), what, "type: ignore (" + why + ")", check));
        return new Plan.ColumnPlan(column.name(), "ignore", "dropped", null, Map.of(), "dropped", what);
    }

    private Plan.ColumnPlan feature(ColumnSummary column) {
        String name = column.name();
        Map<String, Object> overrides = new LinkedHashMap<>();
        String transform;
        String reason = column.reason();
        if (column.missingTokens() != null && column.type().equals("category")) {
            findings.add(new Finding(Finding.Section.DATA, Finding.Severity.INFO, name,
                    "the labels " + column.missingTokens().keySet().stream().sorted().toList()
                            + " look like missing values but are read as categories ("
                            + column.missingTokens().values().stream().mapToLong(Long::longValue).sum() + " rows)",
                    "kept as a category: only empty fields are missing", "whether they mean \"missing\"; if so, add them"
                            + " to data.na_values"));
        }
        if (column.missingRate() >= NOTABLE_MISSING) {
            findings.add(new Finding(Finding.Section.DATA, Finding.Severity.WARNING, name,
                    percent(column.missingRate()) + " of values missing",
                    "imputed (median) with a missing indicator for linear and deep models; XGBoost learns where"
                            + " missing values go", "why values are missing: if not at random, the indicator carries it"));
        }
        switch (column.type()) {
            case "numeric" -> {
                DataProfile.NumericSummary numbers = column.numeric();
                boolean outliers = numbers != null
                        && (numbers.iqrOutlierRate() > MANY_OUTLIERS || Math.abs(numbers.skew()) > HEAVY_SKEW);
                if (outliers) {
                    overrides.put("scale", "robust");
                    findings.add(new Finding(Finding.Section.DATA, Finding.Severity.INFO, name, String.format(Locale.ROOT,
                            "heavy tails: %s of values outside the IQR fences, %s beyond 3 standard deviations, skew %.1f",
                            percent(numbers.iqrOutlierRate()), percent(numbers.zOutlierRate()), numbers.skew()),
                            "scale: robust (median and IQR), so outliers do not squash the other values for linear and"
                                    + " deep models; trees are not affected",
                            "whether the extreme values are errors (then fix them at the source)"));
                }
                transform = (column.missing() > 0 ? "median imputation + missing indicator, " : "")
                        + (outliers ? "robust scaling" : "standardised") + " (linear, deep); raw for XGBoost";
            }
            case "category" -> transform = column.distinct() <= ONEHOT_LIMIT
                    ? "one-hot (" + column.distinct() + " levels) for linear and XGBoost; learned embedding for deep"
                    : "out-of-fold target encoding (" + column.distinct() + " levels, above " + ONEHOT_LIMIT
                            + ") for linear and XGBoost; embedding of the " + ONEHOT_LIMIT + " most frequent for deep";
            case "text" -> transform = "TF-IDF of word 1–2-grams for linear and XGBoost; a learned bag-of-tokens"
                    + " encoder for deep models";
            case "date" -> transform = "year, month, day, day of week"
                    + (column.date() != null && isTimeOfDay(column.date().granularity()) ? ", hour" : "")
                    + " and days since the first training date";
            default -> transform = "as inferred";
        }
        return new Plan.ColumnPlan(name, column.type(), "feature", null, overrides, transform, reason);
    }

    private static boolean isTimeOfDay(String granularity) {
        return granularity.equals("hour") || granularity.equals("minute") || granularity.equals("second");
    }

    private static boolean isSplitAssignment(ColumnSummary column) {
        return column.categories() != null && column.categories().size() >= 2
                && column.categories().stream().allMatch(v -> SPLIT_LABELS.contains(v.toLowerCase(Locale.ROOT)));
    }

    private static String describe(String personalData) {
        return dev.anneal.core.profile.PersonalData.valueOf(personalData.toUpperCase(Locale.ROOT)).description();
    }

    static String percent(double share) {
        return share > 0 && share < 0.001 ? "<0.1 %" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }
}
