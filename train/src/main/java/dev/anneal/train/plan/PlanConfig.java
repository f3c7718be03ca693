package dev.anneal.train.plan;

import dev.anneal.core.config.ConfigWriter;
import dev.anneal.core.config.ProjectConfig;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The experiment config a plan proposes, in the format of docs/config.md, which {@code anneal train} runs
 * unchanged: every column's type stated, the actions of the findings (dropped, hashed and identifier
 * columns, robust scaling, de-duplication), the split, the metric, the candidates and the data checks.
 */
final class PlanConfig {

    private static final int SALT_BYTES = 16;

    private PlanConfig() {
    }

    /** The config as YAML, headed by a comment that says where it came from. */
    static String yaml(Plan plan, String generatedOn) {
        String header = "# Proposed by `anneal plan` on " + generatedOn + " from " + plan.profile().file()
                + ".\n# PLAN.md gives the reason for every choice; docs/config.md documents every key.\n";
        return header + ConfigWriter.toYaml(map(plan));
    }

    static Map<String, Object> map(Plan plan) {
        PlanRequest request = plan.request();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("schemaVersion", ProjectConfig.SCHEMA_VERSION);
        config.put("name", request.name());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", request.dataPath());
        if (plan.dropDuplicates()) {
            data.put("deduplicate", true);
        }
        if (plan.columns().stream().anyMatch(c -> "hash".equals(c.privacy()))) {
            byte[] salt = new byte[SALT_BYTES];
            new SecureRandom().nextBytes(salt);
            data.put("hash_salt", HexFormat.of().formatHex(salt));
        }
        config.put("data", data);
        config.put("target", plan.profile().target());
        config.put("task", plan.task().configName());
        if (plan.positive() != null) {
            config.put("positive", plan.positive());
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        for (Plan.ColumnPlan column : plan.columns()) {
            if (column.role().equals("target")) {
                continue;
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            if (column.privacy() != null) {
                settings.put("privacy", column.privacy());
            } else {
                settings.put("type", column.type());
            }
            settings.putAll(column.overrides());
            columns.put(column.name(), settings);
        }
        config.put("columns", columns);
        config.put("split", split(plan.split(), request.seed()));
        config.put("metric", plan.metric());
        config.put("models", plan.models().stream().map(PlanConfig::model).toList());
        config.put("seed", request.seed());
        config.put("output", "runs");
        config.put("bundles", "models");
        config.put("checks", ProfileChecks.of(plan, true));
        return config;
    }

    private static Map<String, Object> split(Plan.SplitPlan split, long seed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", split.method().configName());
        out.put("ratios", split.ratios());
        out.put("seed", seed);
        switch (split.method()) {
            case TIME -> out.put("time", Map.of("column", split.column()));
            case GROUP -> out.put("group", Map.of("column", split.column()));
            default -> {
                // no column
            }
        }
        return out;
    }

    private static Map<String, Object> model(Plan.ModelPlan model) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", model.name());
        out.put("type", model.type());
        if (!model.params().isEmpty()) {
            out.put("params", new java.util.TreeMap<>(model.params()));
        }
        return out;
    }
}
