package dev.anneal.train.deep;

import dev.anneal.train.deep.nets.ResNetBuilder;

/** The {@code resnet} family: the tabular ResNet of Gorishniy et al. 2021 (residual blocks of norm, linear, activation, dropout, linear, dropout). */
public final class ResNetFamily extends DeepFamily {

    public ResNetFamily() {
        super("resnet", new ResNetBuilder());
    }
}
