package dev.anneal.core.config;

import java.util.Map;

/**
 * One candidate model: a unique name, a registered family and its parameters (family-specific,
 * checked by the family).
 */
public record ModelConfig(String name, String type, Map<String, Object> params) {

    public ModelConfig {
        params = Map.copyOf(params);
    }
}
