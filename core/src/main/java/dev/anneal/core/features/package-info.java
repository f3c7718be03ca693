/**
 * Feature transforms: unfitted {@link dev.anneal.core.features.FeatureSpec}s are fitted on the training
 * rows only into immutable, JSON-serialisable {@link dev.anneal.core.features.FittedFeature}s that
 * turn any split (or a request at serving time) into a {@link dev.anneal.core.features.FeatureMatrix}.
 */
package dev.anneal.core.features;
