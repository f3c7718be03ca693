package dev.anneal.train.xgboost;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.anneal.core.AnnealException;
import dev.anneal.train.export.GraphBuilder;
import dev.anneal.train.export.OnnxOps;
import dev.anneal.train.export.ScoreGraph;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXRef;

/**
 * An XGBoost booster's margins in ONNX: its trees up to the best round as one {@code ai.onnx.ml
 * TreeEnsembleRegressor}, read from the booster's JSON dump. Splits are {@code x < threshold} with the
 * thresholds as the exact float32 values XGBoost compares with; a missing value takes the node's default
 * direction; the intercept is XGBoost's {@code base_score} as a margin (its logit for
 * {@code binary:logistic}, whose base score is a probability). Categorical splits, the linear booster and
 * objectives whose output is not the margin itself or its logistic/softmax are refused. XGBoost 3 runs
 * {@code booster: dart} as gbtree with dropout, whose per-tree {@code weight_drop} scales the leaves.
 */
final class XGBoostScoreGraph implements ScoreGraph {

    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final JsonNode learner;
    private final int bestIteration;

    /** {@code json} is {@code booster.toByteArray("json")}. */
    XGBoostScoreGraph(byte[] json, int bestIteration) {
        try {
            this.learner = EXACT.readTree(json).path("learner");
        } catch (IOException e) {
            throw new AnnealException("cannot read the xgboost model's JSON: " + e.getMessage(), e);
        }
        this.bestIteration = bestIteration;
    }

    /** XGBoost trains on sparse features as CSR, where an absent entry is missing (XGBoostInput). */
    @Override
    public float absentSparseValue() {
        return Float.NaN;
    }

    @Override
    public ONNXRef<?> scores(GraphBuilder graph, ONNXRef<?> features) {
        String booster = learner.path("gradient_booster").path("name").asText();
        if (!booster.equals("gbtree")) {
            throw new AnnealException("the xgboost booster '" + booster + "' cannot be exported to ONNX (gbtree can)");
        }
        String objective = learner.path("objective").path("name").asText();
        if (!List.of("binary:logistic", "multi:softprob", "reg:squarederror", "reg:absoluteerror",
                "reg:pseudohubererror").contains(objective)) {
            throw new AnnealException("the xgboost objective '" + objective + "' cannot be exported to ONNX yet");
        }
        JsonNode model = learner.path("gradient_booster").path("model");
        int trees = model.path("iteration_indptr").get(bestIteration + 1).asInt();
        int classes = Math.max(1, learner.path("learner_model_param").path("num_class").asInt());
        Attributes ensemble = new Attributes();
        // With dropout (booster: dart) each tree's leaves are scaled by its weight_drop.
        JsonNode weights = model.path("weight_drop");
        for (int tree = 0; tree < trees; tree++) {
            float weight = weights.has(tree) ? Float.parseFloat(weights.get(tree).decimalValue().toString()) : 1f;
            ensemble.add(tree, model.path("trees").get(tree), classes == 1 ? 0 : model.path("tree_info").get(tree).asInt(),
                    weight);
        }
        float[] base = baseMargins(learner.path("learner_model_param").path("base_score").asText(), objective, classes);
        Map<String, Object> attributes = ensemble.toMap();
        attributes.put("n_targets", classes);
        attributes.put("aggregate_function", "SUM");
        attributes.put("base_values", base);
        attributes.put("post_transform", "NONE");
        return graph.apply(OnnxOps.TREE_ENSEMBLE_REGRESSOR, attributes, features);
    }

    /** The bracketed {@code base_score} as margins, one per class. */
    private static float[] baseMargins(String bracketed, String objective, int classes) {
        String[] parts = bracketed.replace("[", "").replace("]", "").split(",");
        float[] margins = new float[classes];
        for (int k = 0; k < classes; k++) {
            double value = Double.parseDouble(parts[parts.length == 1 ? 0 : k].trim());
            margins[k] = (float) (objective.equals("binary:logistic") ? Math.log(value / (1 - value)) : value);
        }
        return margins;
    }

    /** The flattened node and leaf attributes of the tree ensemble. */
    private static final class Attributes {
        final List<Integer> treeIds = new ArrayList<>();
        final List<Integer> nodeIds = new ArrayList<>();
        final List<Integer> featureIds = new ArrayList<>();
        final List<Float> values = new ArrayList<>();
        final List<String> modes = new ArrayList<>();
        final List<Integer> trueIds = new ArrayList<>();
        final List<Integer> falseIds = new ArrayList<>();
        final List<Integer> missingTrue = new ArrayList<>();
        final List<Integer> leafTrees = new ArrayList<>();
        final List<Integer> leafNodes = new ArrayList<>();
        final List<Integer> leafTargets = new ArrayList<>();
        final List<Float> leafWeights = new ArrayList<>();

        void add(int tree, JsonNode node, int target, float weight) {
            if (node.path("categories_nodes").size() > 0) {
                throw new AnnealException("xgboost trees with categorical splits cannot be exported to ONNX yet");
            }
            JsonNode left = node.path("left_children");
            JsonNode right = node.path("right_children");
            JsonNode conditions = node.path("split_conditions");
            for (int id = 0; id < left.size(); id++) {
                boolean leaf = left.get(id).asInt() == -1;
                treeIds.add(tree);
                nodeIds.add(id);
                featureIds.add(leaf ? 0 : node.path("split_indices").get(id).asInt());
                // The text of each number is parsed as a float, so a threshold is XGBoost's float exactly.
                float condition = Float.parseFloat(conditions.get(id).decimalValue().toString());
                values.add(leaf ? 0f : condition);
                modes.add(leaf ? "LEAF" : "BRANCH_LT");
                trueIds.add(leaf ? 0 : left.get(id).asInt());
                falseIds.add(leaf ? 0 : right.get(id).asInt());
                missingTrue.add(leaf ? 0 : node.path("default_left").get(id).asInt());
                if (leaf) {
                    leafTrees.add(tree);
                    leafNodes.add(id);
                    leafTargets.add(target);
                    leafWeights.add(condition * weight);
                }
            }
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("nodes_treeids", ints(treeIds));
            map.put("nodes_nodeids", ints(nodeIds));
            map.put("nodes_featureids", ints(featureIds));
            map.put("nodes_values", floats(values));
            map.put("nodes_modes", modes.toArray(String[]::new));
            map.put("nodes_truenodeids", ints(trueIds));
            map.put("nodes_falsenodeids", ints(falseIds));
            map.put("nodes_missing_value_tracks_true", ints(missingTrue));
            map.put("target_treeids", ints(leafTrees));
            map.put("target_nodeids", ints(leafNodes));
            map.put("target_ids", ints(leafTargets));
            map.put("target_weights", floats(leafWeights));
            return map;
        }

        private static int[] ints(List<Integer> values) {
            return values.stream().mapToInt(Integer::intValue).toArray();
        }

        private static float[] floats(List<Float> values) {
            float[] out = new float[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i);
            }
            return out;
        }
    }
}
