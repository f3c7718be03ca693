package dev.anneal.core.config;

import java.util.List;
import java.util.Map;

/**
 * The model families a config may name, so that config validation can check {@code models[i].type}
 * and its {@code params} before any work starts. The training module provides the implementation.
 */
public interface ModelCatalog {

    /** The registered family names, e.g. {@code [linear, xgboost]}. */
    List<String> types();

    /** Adds a problem for every parameter of family {@code type} that it cannot accept. */
    void checkParams(String type, Map<String, Object> params, String path, Problems problems);
}
