package dev.anneal.train.xgboost;

import dev.anneal.core.Task;
import dev.anneal.core.config.Problems;
import dev.anneal.core.config.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The parameters of the {@code xgboost} family: anneal's own round control ({@code n_estimators},
 * {@code early_stopping_rounds}) and every XGBoost learner parameter, passed through unchanged.
 * XGBoost only warns about names it does not know, so a misspelt one is caught here instead.
 */
final class XGBoostParams {

    static final String ROUNDS = "n_estimators";
    static final String PATIENCE = "early_stopping_rounds";

    /** The reference pipeline's settings: deep enough for interactions, a slow rate with early stopping. */
    static final Map<String, Object> DEFAULTS = Map.of(
            "tree_method", "hist",
            "max_depth", 6,
            "learning_rate", 0.05);
    static final int DEFAULT_ROUNDS = 2000;
    static final int DEFAULT_PATIENCE = 50;

    /** XGBoost 3.x learner and tree-booster parameters (https://xgboost.readthedocs.io/en/stable/parameter.html). */
    private static final Set<String> XGBOOST_PARAMS = new TreeSet<>(List.of(
            "booster", "device", "verbosity", "validate_parameters", "nthread", "disable_default_eval_metric",
            "eta", "learning_rate", "gamma", "min_split_loss", "max_depth", "min_child_weight", "max_delta_step",
            "subsample", "sampling_method", "colsample_bytree", "colsample_bylevel", "colsample_bynode",
            "lambda", "reg_lambda", "alpha", "reg_alpha", "tree_method", "scale_pos_weight", "updater",
            "refresh_leaf", "process_type", "grow_policy", "max_leaves", "max_bin", "num_parallel_tree",
            "monotone_constraints", "interaction_constraints", "multi_strategy", "max_cached_hist_node",
            "max_cat_to_onehot", "max_cat_threshold", "sample_type", "normalize_type", "rate_drop", "one_drop",
            "skip_drop", "feature_selector", "top_k", "objective", "eval_metric", "base_score", "seed",
            "seed_per_iteration", "huber_slope", "quantile_alpha", "tweedie_variance_power",
            "aft_loss_distribution", "aft_loss_distribution_scale", "lambdarank_pair_method",
            "lambdarank_num_pair_per_sample", "lambdarank_unbiased", "lambdarank_bias_norm", "ndcg_exp_gain"));

    /**
     * Objectives whose predictions anneal can read: the probability objectives of the two
     * classification tasks, and regression objectives that predict the target itself.
     */
    static final Map<Task, Set<String>> OBJECTIVES = Map.of(
            Task.BINARY, Set.of("binary:logistic"),
            Task.MULTICLASS, Set.of("multi:softprob"),
            Task.REGRESSION, new TreeSet<>(List.of("reg:squarederror", "reg:absoluteerror", "reg:pseudohubererror",
                    "reg:squaredlogerror", "reg:gamma", "reg:tweedie", "count:poisson")));

    /** Parameters anneal sets from the task and the run; a config may not override them. */
    private static final Set<String> OWNED = Set.of("num_class");

    private XGBoostParams() {
    }

    static Set<String> allowed() {
        Set<String> all = new TreeSet<>(XGBOOST_PARAMS);
        all.add(ROUNDS);
        all.add(PATIENCE);
        return all;
    }

    /** Records a problem for every bad parameter; returns whether all were fine. */
    static boolean check(Map<String, Object> params, String path, Problems problems) {
        int before = problems.list().size();
        for (Map.Entry<String, Object> entry : params.entrySet()) {
            String key = entry.getKey();
            String at = path + "." + key;
            if (OWNED.contains(key)) {
                problems.add(at, "set by anneal from the target's classes; remove it");
            } else if (!allowed().contains(key)) {
                problems.add(at, "not an XGBoost parameter" + Suggestions.didYouMean(key, allowed())
                        + " (see https://xgboost.readthedocs.io/en/stable/parameter.html)");
            } else if (key.equals(ROUNDS) || key.equals(PATIENCE)) {
                Object value = entry.getValue();
                if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1
                        || ((Number) value).longValue() > 1_000_000) {
                    problems.add(at, "expected an integer in [1, 1000000], got " + value);
                }
            } else if (key.equals("objective") && !allObjectives().contains(String.valueOf(entry.getValue()))) {
                problems.add(at, "expected one of " + allObjectives() + " (anneal reads probabilities or values from"
                        + " the model), got " + entry.getValue());
            } else if (entry.getValue() instanceof Map<?, ?> || entry.getValue() instanceof List<?>
                    && !key.contains("constraints")) {
                problems.add(at, "expected a single value, got " + entry.getValue());
            }
        }
        return problems.list().size() == before;
    }

    static Set<String> allObjectives() {
        Set<String> all = new TreeSet<>();
        OBJECTIVES.values().forEach(all::addAll);
        return all;
    }

    /** The learner parameters as configured: defaults, then the config's, without anneal's own keys. */
    static Map<String, Object> learnerParams(Map<String, Object> configured) {
        Map<String, Object> out = new LinkedHashMap<>(DEFAULTS);
        if (configured.containsKey("eta")) {
            out.remove("learning_rate");
        }
        for (Map.Entry<String, Object> entry : configured.entrySet()) {
            if (!entry.getKey().equals(ROUNDS) && !entry.getKey().equals(PATIENCE)) {
                out.put(entry.getKey(), entry.getValue());
            }
        }
        return out;
    }

    /**
     * The parameters in the text XGBoost parses: constraint lists become {@code (1,0,-1)} for
     * monotone constraints and {@code [[0,1],[2]]} for interaction constraints.
     */
    static Map<String, Object> forXGBoost(Map<String, Object> learner) {
        Map<String, Object> out = new LinkedHashMap<>(learner);
        if (out.get("monotone_constraints") instanceof List<?> list) {
            out.put("monotone_constraints", "(" + list.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
        }
        if (out.get("interaction_constraints") instanceof List<?> list) {
            out.put("interaction_constraints", list.toString().replace(" ", ""));
        }
        return out;
    }

    static int rounds(Map<String, Object> configured) {
        return ((Number) configured.getOrDefault(ROUNDS, DEFAULT_ROUNDS)).intValue();
    }

    static int patience(Map<String, Object> configured) {
        return ((Number) configured.getOrDefault(PATIENCE, DEFAULT_PATIENCE)).intValue();
    }
}
