package dev.anneal.train.deep;

import dev.anneal.train.deep.nets.MlpBuilder;

/** The {@code mlp} family: a multilayer perceptron: hidden layers of linear, norm, activation and dropout. */
public final class MlpFamily extends DeepFamily {

    public MlpFamily() {
        super("mlp", new MlpBuilder());
    }
}
