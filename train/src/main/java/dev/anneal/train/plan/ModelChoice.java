package dev.anneal.train.plan;

import dev.anneal.core.Task;
import dev.anneal.core.profile.DataProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the candidates (the linear baseline, XGBoost, and the deep families that suit the data's size and
 * columns) with a rough training-time estimate each, and the selection metric with the secondary ones.
 *
 * <p>Time estimates scale the figures measured on two cores (docs/benchmarks.md: deep families on
 * mlc_churn, satellite and ames) by rows and feature count; they are meant to tell minutes from hours.
 */
final class ModelChoice {

    /** Below this share of positives, ROC-AUC flatters a model: precision-recall AUC is chosen instead. */
    static final double RARE_POSITIVES = 0.10;
    /** Deep models need some data to beat trees; below this they are left out. */
    static final long MIN_ROWS_DEEP = 1_000;
    /** The FT-Transformer's attention grows with the square of the feature count. */
    static final int MAX_FEATURES_FT = 100;
    static final long MIN_ROWS_FT = 3_000;
    static final long MAX_ROWS_FT = 500_000;
    private static final double EPOCHS = 40;
    // measured row·epochs per second times features (mlp, resnet) or features² (ft_transformer), 2 cores
    private static final double MLP_RATE = 600_000;
    private static final double RESNET_RATE = 350_000;
    private static final double FT_RATE = 450_000;
    // XGBoost hist: row·feature·rounds per second; linear: row·feature·iterations per second
    private static final double XGBOOST_RATE = 4e7;
    private static final double LINEAR_RATE = 2e8;

    private ModelChoice() {
    }

    static List<Plan.ModelPlan> models(DataProfile profile, Task task, List<Plan.ColumnPlan> columns,
            double trainShare) {
        long features = columns.stream().filter(Plan.ColumnPlan::isFeature).count();
        boolean text = columns.stream().anyMatch(c -> c.isFeature() && c.type().equals("text"));
        double rows = profile.rows() * trainShare;
        double width = Math.max(1, features);
        List<Plan.ModelPlan> models = new ArrayList<>();
        models.add(new Plan.ModelPlan(task == Task.REGRESSION ? "ridge" : "logreg", "linear", Map.of(),
                rows * width * 7 * 100 / LINEAR_RATE + (text ? rows / 2_000 : 0),
                "the baseline every other candidate must beat: fast, stable, and it shows how much is linear"));
        models.add(new Plan.ModelPlan("xgb", "xgboost",
                Map.of("max_depth", 6, "learning_rate", 0.05, "n_estimators", 2000, "early_stopping_rounds", 50),
                rows * width * 500 / XGBOOST_RATE + (text ? rows / 40 : 0),
                "gradient-boosted trees: the strongest default on tabular data, robust to scale, outliers and"
                        + " missing values"));
        if (profile.rows() < MIN_ROWS_DEEP) {
            return models;
        }
        models.add(new Plan.ModelPlan("mlp", "mlp", Map.of(), rows * EPOCHS * width / MLP_RATE,
                text ? "a multilayer perceptron over the features and a learned text encoder"
                        : "a multilayer perceptron: the simplest deep baseline"));
        if (!text) {
            models.add(new Plan.ModelPlan("resnet", "resnet", Map.of(), rows * EPOCHS * width / RESNET_RATE,
                    "the tabular ResNet (Gorishniy et al. 2021): often the strongest simple deep model"));
        }
        if (!text && profile.rows() >= MIN_ROWS_FT && profile.rows() <= MAX_ROWS_FT && features <= MAX_FEATURES_FT) {
            models.add(new Plan.ModelPlan("ft_transformer", "ft_transformer", Map.of(),
                    rows * EPOCHS * width * width / FT_RATE,
                    "the FT-Transformer: attention between features; slow, but the strongest deep family on many"
                            + " tables of this size"));
        }
        return models;
    }

    /** The selection metric, then the secondary ones, with the reason in {@code findings}. */
    static List<String> metrics(DataProfile profile, Task task, List<Finding> findings) {
        List<String> metrics;
        String reason;
        switch (task) {
            case BINARY -> {
                double minority = profile.targetSummary().minorityShare() == null ? 0.5
                        : profile.targetSummary().minorityShare();
                if (minority < RARE_POSITIVES) {
                    metrics = List.of("pr_auc", "roc_auc", "log_loss", "f1");
                    reason = String.format(Locale.ROOT, "only %s of rows are positive: PR-AUC judges the ranking of"
                            + " the rare class, where ROC-AUC stays high even for a weak model", ColumnChoices.percent(minority));
                } else {
                    metrics = List.of("roc_auc", "pr_auc", "log_loss", "f1");
                    reason = String.format(Locale.ROOT, "the smaller class has %s of rows: ROC-AUC ranks positives above"
                            + " negatives whatever the threshold", ColumnChoices.percent(minority));
                }
            }
            case MULTICLASS -> {
                metrics = List.of("macro_f1", "accuracy", "log_loss");
                reason = "several classes: macro-F1 weighs every class equally, so a model cannot win by ignoring"
                        + " small ones";
            }
            default -> {
                DataProfile.NumericSummary target = profile.column(profile.target()).numeric();
                boolean heavy = target != null && Math.abs(target.skew()) > ColumnChoices.HEAVY_SKEW;
                metrics = heavy ? List.of("mae", "rmse", "r2") : List.of("rmse", "mae", "r2");
                reason = heavy ? String.format(Locale.ROOT, "the target is heavily skewed (skew %.1f): MAE is not"
                        + " dominated by a few extreme values", target.skew())
                        : "regression: RMSE punishes large errors; MAE is reported beside it";
            }
        }
        findings.add(new Finding(Finding.Section.METRICS, Finding.Severity.INFO, null, "selection metric "
                + metrics.get(0) + " on validation; also reported: " + String.join(", ", metrics.subList(1, metrics.size())),
                "metric: " + metrics.get(0), null));
        findings.add(new Finding(Finding.Section.METRICS, Finding.Severity.INFO, null, reason, null, null));
        return metrics;
    }
}
