package dev.anneal.train.model;

import dev.anneal.core.AnnealException;
import dev.anneal.core.config.ModelCatalog;
import dev.anneal.core.config.Problems;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The model families found on the class path, by name; also the config's {@link ModelCatalog}. */
public final class ModelRegistry implements ModelCatalog {

    private final Map<String, ModelFamily> families = new TreeMap<>();

    private ModelRegistry() {
        for (ModelFamily family : ServiceLoader.load(ModelFamily.class)) {
            families.put(family.type(), family);
        }
    }

    /** The families registered under {@code META-INF/services/dev.anneal.train.model.ModelFamily}. */
    public static ModelRegistry load() {
        return new ModelRegistry();
    }

    @Override
    public List<String> types() {
        return List.copyOf(families.keySet());
    }

    /** The family called {@code type}; the error lists the registered names. */
    public ModelFamily family(String type) {
        ModelFamily family = families.get(type);
        if (family == null) {
            throw new AnnealException("unknown model family '" + type + "'; expected one of " + types());
        }
        return family;
    }

    @Override
    public void checkParams(String type, Map<String, Object> params, String path, Problems problems) {
        family(type).checkParams(params, path, problems);
    }
}
