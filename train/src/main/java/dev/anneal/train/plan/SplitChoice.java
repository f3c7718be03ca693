package dev.anneal.train.plan;

import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import dev.anneal.core.config.SplitMethod;
import dev.anneal.core.profile.ColumnNames;
import dev.anneal.core.profile.DataProfile;
import dev.anneal.core.profile.DataProfile.ColumnSummary;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses an honest split: by time when a time column exists (a random split would train on the future
 * and test on the past), by group when an entity repeats across rows (rows of one entity are correlated, so
 * a random split tests on near copies of training rows), stratified for classification, random otherwise;
 * ratios by data size.
 */
final class SplitChoice {

    /** Words that make a column name an entity whose rows belong together. */
    static final Set<String> ENTITY_WORDS = Set.of("product", "customer", "user", "client", "patient", "account",
            "member", "store", "shop", "session", "device", "household", "person", "company", "merchant", "driver",
            "vendor", "seller", "host", "subject", "student", "player", "author", "reviewer", "asin", "sku", "visitor",
            "employee", "supplier", "family", "group", "entity", "machine", "sensor", "site", "hospital");
    private static final Set<String> TIME_WORDS = Set.of("date", "time", "timestamp", "datetime", "created", "day",
            "ts", "when", "at", "month", "period");
    /** Below this many rows, k-fold cross-validation gives steadier estimates than one validation split. */
    static final long SMALL_DATA = 10_000;
    /** Fewest distinct values an entity column needs before splitting by it makes sense. */
    private static final int MIN_GROUPS = 20;

    private SplitChoice() {
    }

    /** The time column: the one asked for, else a date column (names that say time first), else {@code null}. */
    static String timeColumn(DataProfile profile, PlanRequest request) {
        if (request.timeColumn() != null) {
            ColumnSummary column = require(profile, request.timeColumn(), "--time-column");
            if (!column.type().equals("date") && !column.type().equals("numeric")) {
                throw new AnnealException("--time-column " + column.name() + ": expected a date or numeric column, but it"
                        + " holds " + column.type() + " values (" + column.reason() + ")");
            }
            return complete(column, "--time-column", "a time split").name();
        }
        List<ColumnSummary> dates = profile.columns().stream()
                .filter(c -> c.type().equals("date") && !c.name().equals(profile.target()) && c.missing() == 0).toList();
        return dates.stream().filter(c -> ColumnNames.hasWord(c.name(), TIME_WORDS)).findFirst()
                .or(() -> dates.stream().findFirst()).map(ColumnSummary::name).orElse(null);
    }

    /** The group column: the one asked for, else an entity column, else {@code null}. */
    static String groupColumn(DataProfile profile, PlanRequest request) {
        if (request.groupColumn() != null) {
            return complete(require(profile, request.groupColumn(), "--group-column"), "--group-column", "a group split")
                    .name();
        }
        return profile.columns().stream()
                .filter(c -> !c.name().equals(profile.target()) && isEntity(c))
                .map(ColumnSummary::name).findFirst().orElse(null);
    }

    /**
     * Entity keys are labels, or integer codes named as keys ({@code customer_id}), and name an entity:
     * {@code account_length} is a measurement of an account, not the account.
     */
    private static boolean isEntity(ColumnSummary column) {
        boolean labels = column.type().equals("category") || column.type().equals("id") && column.numeric() == null;
        boolean code = column.numeric() != null && column.numeric().integers() && ColumnNames.hasWord(column.name(), ColumnNames.KEY_WORDS);
        return (labels || code) && column.distinct() >= MIN_GROUPS && ColumnNames.hasWord(column.name(), ENTITY_WORDS)
                && column.missing() == 0;
    }

    static Plan.SplitPlan choose(DataProfile profile, PlanRequest request, Task task, String time, String group,
            List<Finding> findings) {
        long rows = profile.rows();
        List<Double> ratios = rows < 2_000 ? List.of(0.6, 0.2, 0.2)
                : rows <= 200_000 ? List.of(0.7, 0.15, 0.15)
                : rows <= 2_000_000 ? List.of(0.8, 0.1, 0.1) : List.of(0.9, 0.05, 0.05);
        int folds = rows < SMALL_DATA ? 5 : 0;
        SplitMethod requested = request.split();
        if (time != null) {
            if (requested != null && requested != SplitMethod.TIME) {
                findings.add(new Finding(Finding.Section.SPLIT, Finding.Severity.ERROR, time,
                        "a " + requested.configName() + " split was asked for, but the rows have a time column: a random"
                                + " split trains on later rows and tests on earlier ones, so the test score promises"
                                + " more than the model will do on the future",
                        "split.method: time on " + time + " (the earliest rows train, the latest test)",
                        "whether predictions will really be made for later times; if not, set split.method yourself"));
            }
            return new Plan.SplitPlan(SplitMethod.TIME, ratios, time, folds, time + " orders the rows in time: the model"
                    + " is trained on the past and tested on the latest rows, as it will be used");
        }
        if (group != null && (requested == null || requested == SplitMethod.GROUP)) {
            ColumnSummary column = profile.column(group);
            double perGroup = (double) (rows - column.missing()) / Math.max(1, column.distinct());
            String reason = String.format(Locale.ROOT, "%s identifies an entity (%d distinct values, %.1f rows each):"
                    + " rows of one %s are correlated, so all of them go to the same split and the test measures"
                    + " unseen entities", group, column.distinct(), perGroup, group);
            if (perGroup < 1.05) {
                reason += "; here nearly every " + group + " occurs once, so the split equals a random one, but it"
                        + " stays honest as the data grows";
            }
            findings.add(new Finding(Finding.Section.SPLIT, Finding.Severity.INFO, group,
                    group + " is a group column", "split.method: group on " + group,
                    "whether new predictions concern new " + group + " values (then group) or known ones (then random)"));
            return new Plan.SplitPlan(SplitMethod.GROUP, ratios, group, folds, reason);
        }
        if (requested == SplitMethod.GROUP) {
            throw new AnnealException("a group split needs an entity column; name it with --group-column");
        }
        if (requested == SplitMethod.TIME) {
            throw new AnnealException("a time split needs a time column; name it with --time-column");
        }
        boolean classification = task.isClassification();
        if (requested != null && requested != SplitMethod.FILE) {
            return new Plan.SplitPlan(requested, ratios, null, folds, "asked for on the command line");
        }
        if (classification) {
            Double minority = profile.targetSummary().minorityShare();
            String balance = minority == null ? "" : String.format(Locale.ROOT, " (smallest class %s of rows)",
                    ColumnChoices.percent(minority));
            return new Plan.SplitPlan(SplitMethod.STRATIFIED, ratios, null, folds,
                    "classification" + balance + ": every split keeps each class's share, so small classes are in"
                            + " validation and test too");
        }
        return new Plan.SplitPlan(SplitMethod.RANDOM, ratios, null, folds,
                "regression without a time or entity column: rows are exchangeable, a seeded random split is honest");
    }

    /** {@code column} when no row lacks a value; a split by it must place every row. */
    private static ColumnSummary complete(ColumnSummary column, String option, String split) {
        if (column.missing() > 0) {
            throw new AnnealException(option + " " + column.name() + ": " + column.missing() + " rows have no value, and "
                    + split + " must place every row; fill them or name another column");
        }
        return column;
    }

    private static ColumnSummary require(DataProfile profile, String name, String option) {
        ColumnSummary column = profile.column(name);
        if (column == null) {
            throw new AnnealException(option + " " + name + ": no such column; the data has: "
                    + String.join(", ", profile.columns().stream().map(ColumnSummary::name).toList()));
        }
        if (name.equals(profile.target())) {
            throw new AnnealException(option + " " + name + ": is the target");
        }
        return column;
    }
}
