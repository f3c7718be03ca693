package dev.anneal.train.deep.nets;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import java.util.List;

/**
 * {@code x + branch(x)}: the residual connection of the ResNet and FT-Transformer, a parallel block of
 * the branch and the identity whose outputs are summed. A type of its own so that the ONNX export can
 * recognise it.
 */
final class ResidualBlock extends ParallelBlock {

    ResidualBlock(Block branch) {
        super(outputs -> new NDList(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
                List.of(branch, Blocks.identityBlock()));
    }

    /** The branch whose output is added to the input. */
    Block branch() {
        return getChildren().get(0).getValue();
    }
}
