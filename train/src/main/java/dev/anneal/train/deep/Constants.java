package dev.anneal.train.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * Arithmetic with a constant on tensors that autograd tracks. DJL's {@code mul(Number)} and
 * {@code div(Number)} wrap the constant in a tensor over a Java buffer and close that tensor at once, but
 * autograd keeps it for the backward pass: once the garbage collector frees the buffer, the backward pass
 * reads freed memory. That made rare NaN losses and rare runs that differed with the same seed (the text
 * transformer's attention scale; every run failed while a thread collected garbage in a loop). Here the
 * constant is a tensor that libtorch allocates, which autograd's own reference keeps alive; the values are
 * the same, so the results are too.
 */
public final class Constants {

    private Constants() {
    }

    /** {@code x * factor}. */
    public static NDArray times(NDArray x, float factor) {
        try (NDArray constant = x.getManager().full(new Shape(), factor, x.getDataType())) {
            return x.mul(constant);
        }
    }

    /** {@code x / divisor}. */
    public static NDArray dividedBy(NDArray x, float divisor) {
        try (NDArray constant = x.getManager().full(new Shape(), divisor, x.getDataType())) {
            return x.div(constant);
        }
    }

    /** SiLU, {@code x * sigmoid(x)}: DJL's swish multiplies by its beta as above. */
    public static NDArray silu(NDArray x) {
        return Activation.sigmoid(x).mul(x);
    }
}
