package dev.anneal.core.features;

/**
 * What kind of inputs a model family wants, which decides the default transforms: trees route NaN
 * themselves and ignore scale; linear and neural models need every value filled and scaled; neural
 * models learn an embedding per category, so they get category indices instead of one-hot columns.
 */
public enum FeatureProfile {
    TREES,
    LINEAR,
    NEURAL
}
