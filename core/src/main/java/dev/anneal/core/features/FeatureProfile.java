package dev.anneal.core.features;

/**
 * What kind of inputs a model family wants, which decides the default transforms: trees route NaN
 * themselves and ignore scale; linear (and later neural) models need every value filled and scaled.
 */
public enum FeatureProfile {
    TREES,
    LINEAR
}
