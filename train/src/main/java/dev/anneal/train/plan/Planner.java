package dev.anneal.train.plan;

import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import dev.anneal.core.config.SplitMethod;
import dev.anneal.core.profile.DataProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes a {@link Plan} from a data profile: the table-level findings (duplicates, conflicting labels,
 * near-constant and correlated columns, class balance), then the columns ({@link ColumnChoices}), the
 * split ({@link SplitChoice}), the candidates and metrics ({@link ModelChoice}) and the deployment notes.
 */
public final class Planner {

    private Planner() {
    }

    public static Plan plan(DataProfile profile, PlanRequest request) {
        Task task = request.task() != null ? request.task() : Task.fromConfigName(profile.targetSummary().task());
        checkTask(profile, task);
        List<Finding> findings = new ArrayList<>();
        // a group the person named wins over a time column found in the data
        boolean groupAsked = request.groupColumn() != null || request.split() == SplitMethod.GROUP;
        String time = groupAsked && request.timeColumn() == null ? null : SplitChoice.timeColumn(profile, request);
        String group = SplitChoice.groupColumn(profile, request);
        String splitGroup = time == null ? group : null;
        Set<String> keep = new HashSet<>();
        if (time != null) {
            keep.add(time);
        }
        if (splitGroup != null) {
            keep.add(splitGroup);
        }
        tableFindings(profile, findings);
        List<Plan.ColumnPlan> columns = new ArrayList<>(new ColumnChoices(profile, keep, splitGroup, findings).decide());
        for (String late : profile.unprofiledColumns()) {
            findings.add(new Finding(Finding.Section.DATA, Finding.Severity.WARNING, late,
                    "first appears after the first JSONL object, so it was not profiled", "type: ignore",
                    "whether it should be a feature: then put it in every object and plan again"));
            columns.add(new Plan.ColumnPlan(late, "ignore", "dropped", null, java.util.Map.of(), "dropped",
                    "not in the first object"));
        }
        Plan.SplitPlan split = SplitChoice.choose(profile, request, task, time, group, findings);
        List<Plan.ModelPlan> models = ModelChoice.models(profile, task, columns, split.ratios().get(0));
        List<String> metrics = ModelChoice.metrics(profile, task, findings);
        deploymentFindings(profile, columns, findings);
        boolean dedupe = profile.table().duplicateRows() > 0;
        return new Plan(profile, request, task, positive(profile, task), columns, split, models, metrics.get(0),
                metrics.subList(1, metrics.size()), dedupe, findings);
    }

    private static void checkTask(DataProfile profile, Task task) {
        DataProfile.ColumnSummary target = profile.column(profile.target());
        if (task.isClassification() && target.distinct() < 2) {
            throw new AnnealException("target " + target.name() + ": " + (target.distinct() == 0 ? "every value is missing"
                    : "one value on every row") + "; a classifier needs at least two classes");
        }
        if (task == Task.REGRESSION && target.numeric() == null) {
            throw new AnnealException("--task regression: the target " + target.name() + " is not numeric ("
                    + target.reason() + ")");
        }
        if (task == Task.BINARY && target.distinct() != 2) {
            throw new AnnealException("--task binary: the target " + target.name() + " has " + target.distinct()
                    + " distinct values, expected 2");
        }
    }

    /** The minority class of a binary task: the class its metrics are about. */
    private static String positive(DataProfile profile, Task task) {
        List<DataProfile.ValueCount> classes = profile.targetSummary().classes();
        return task == Task.BINARY && classes != null && !classes.isEmpty() ? classes.get(classes.size() - 1).value()
                : null;
    }

    /** A class with fewer rows than this may be missing from validation or test, and its metrics are noise. */
    static final long MIN_CLASS_ROWS = 20;

    private static void tableFindings(DataProfile profile, List<Finding> findings) {
        DataProfile.TableSummary table = profile.table();
        if (profile.badRows() > 0) {
            findings.add(new Finding(Finding.Section.DATA, Finding.Severity.ERROR, null,
                    profile.badRows() + " rows could not be read and were passed over (--on-error skip)",
                    null, "those rows: anneal train stops at the first of them until they are fixed or removed"));
        }
        String about = table.duplicatesEstimated() ? "about " : "";
        if (table.duplicateRows() > 0) {
            findings.add(new Finding(Finding.Section.DATA, Finding.Severity.WARNING, null,
                    about + table.duplicateRows() + " rows repeat an earlier row exactly",
                    "data.deduplicate: true (the first of each is kept, so no copy can sit in train and test at once)",
                    "whether repeats are real events (then keep them: set deduplicate to false)"));
        }
        if (table.conflictingRows() > 0) {
            findings.add(new Finding(Finding.Section.DATA, Finding.Severity.WARNING, profile.target(),
                    about + table.conflictingRows() + " rows repeat an earlier row's features with another "
                            + profile.target() + " (conflicting labels)",
                    null, "the labelling of those rows: no model can be right on both"));
        }
        for (String column : table.nearConstantColumns()) {
            findings.add(new Finding(Finding.Section.DATA, Finding.Severity.INFO, column,
                    "one value fills at least 99 % of the rows (near-constant)", "kept: the rare values may matter",
                    null));
        }
        for (DataProfile.CorrelatedPair pair : table.correlated()) {
            findings.add(new Finding(Finding.Section.FEATURES, Finding.Severity.INFO, pair.first(),
                    String.format(Locale.ROOT, "%s and %s are correlated (r = %.3f)", pair.first(), pair.second(),
                            pair.correlation()),
                    "both kept: trees pick either, L2 regularisation shares the weight in linear models", null));
        }
        DataProfile.TargetSummary target = profile.targetSummary();
        if (target.classes() != null) {
            for (DataProfile.ValueCount rare : target.classes()) {
                if (rare.count() < MIN_CLASS_ROWS) {
                    findings.add(new Finding(Finding.Section.DATA, Finding.Severity.WARNING, profile.target(),
                            "class " + rare.value() + " has only " + rare.count() + " rows: validation or test may hold"
                                    + " none of it, and its metrics are noise",
                            null, "whether more examples can be labelled, or the class merged with a neighbour"));
                }
            }
        }
        if (target.minorityShare() != null && target.minorityShare() < 0.2) {
            findings.add(new Finding(Finding.Section.DATA, Finding.Severity.INFO, profile.target(),
                    "imbalanced target: the smallest class has " + ColumnChoices.percent(target.minorityShare())
                            + " of rows",
                    "stratified or time/group split keeps it in every split; the metric is chosen for it", null));
        }
    }

    private static void deploymentFindings(DataProfile profile, List<Plan.ColumnPlan> columns, List<Finding> findings) {
        List<String> inputs = columns.stream().filter(Plan.ColumnPlan::isFeature).map(Plan.ColumnPlan::name).toList();
        long bytesPerRow = profile.rows() == 0 ? 0 : profile.bytes() / profile.rows();
        findings.add(new Finding(Finding.Section.DEPLOYMENT, Finding.Severity.INFO, null,
                "the winner is exported as an ONNX bundle with its preprocessing; it reads " + inputs.size()
                        + " raw columns (" + String.join(", ", inputs.subList(0, Math.min(inputs.size(), 12)))
                        + (inputs.size() > 12 ? ", ..." : "") + ")",
                "bundles: models (the model repository, one version per training run)", null));
        findings.add(new Finding(Finding.Section.DEPLOYMENT, Finding.Severity.INFO, null,
                "a row is about " + bytesPerRow + " bytes in the CSV, so a one-row JSON request is about "
                        + Math.max(200, bytesPerRow * 2 + 40 * inputs.size()) + " bytes",
                "serve with anneal serve --models models (Open Inference Protocol, and POST /v1/models/<name>:predict"
                        + " with records)", null));
        findings.add(new Finding(Finding.Section.DEPLOYMENT, Finding.Severity.INFO, null,
                "monitor the inputs against this profile and the outputs against the test predictions",
                "anneal validate --data NEW.csv --against profile.json before scoring a batch; anneal evaluate on"
                        + " labelled new data reports metrics and drift (PSI per column)",
                "drift above PSI 0.2 on an important column, missing rates rising, unseen categories"));
    }
}
