package dev.anneal.core.config;

import java.util.List;
import java.util.Map;

/**
 * A stand-in {@link ModelCatalog} for config tests in {@code core}, which cannot see the real families:
 * it knows the types {@code linear} and {@code xgboost} and rejects any parameter named {@code bad}.
 * The real catalog ({@code ModelRegistry}) and the families' parameter checks are tested in the train module.
 */
final class TestCatalog implements ModelCatalog {

    @Override
    public List<String> types() {
        return List.of("linear", "xgboost");
    }

    @Override
    public void checkParams(String type, Map<String, Object> params, String path, Problems problems) {
        if (params.containsKey("bad")) {
            problems.add(path + ".bad", "not a " + type + " parameter (test catalog)");
        }
    }
}
