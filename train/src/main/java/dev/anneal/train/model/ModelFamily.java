package dev.anneal.train.model;

import dev.anneal.core.config.ModelConfig;
import dev.anneal.core.config.Problems;
import dev.anneal.core.features.FeatureProfile;
import java.util.Map;

/**
 * A kind of model anneal can train ({@code xgboost}, {@code linear}, ...), registered by name through
 * {@link java.util.ServiceLoader} so that adding a family touches one new class and its test.
 */
public interface ModelFamily {

    /** The name configs use in {@code models[i].type}. */
    String type();

    /** The inputs this family wants, which decides the default feature transforms. */
    FeatureProfile featureProfile();

    /** Adds a problem for every parameter it cannot accept, with its path; never throws for bad input. */
    void checkParams(Map<String, Object> params, String path, Problems problems);

    /**
     * The configured parameters with this family's defaults filled in, as the resolved
     * {@code config.yaml} records them; parameters that depend on the run (seed, threads) are left out.
     */
    Map<String, Object> resolveParams(Map<String, Object> configured);

    /**
     * Trains one candidate on {@code data}, choosing iterations or regularisation on its validation rows.
     *
     * @throws dev.anneal.core.AnnealException when training fails for a reason the user can act on
     */
    TrainedModel train(TrainingData data, ModelConfig config, TrainingContext context);
}
