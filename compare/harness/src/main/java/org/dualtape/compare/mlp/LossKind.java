package org.dualtape.compare.mlp;

/**
 * The loss an MLP's output is scored with, per sample; {@link MlpProblem} averages it over the
 * batch.
 *
 * <p>The network's last layer is affine (no activation): its outputs {@code z} are the logits,
 * and each loss applies its own link to them. Targets {@code y} come from the label: one-hot
 * ({@code y_k = 1} for {@code k = label}, else 0) when there are at least two outputs, and
 * {@code y_0 = label} (0 or 1) for a single output.
 */
public enum LossKind {
    /** The quadratic cost {@code ½ Σ_k (z_k − y_k)²} on the raw outputs. */
    QUADRATIC,
    /**
     * The multiclass logistic loss {@code log Σ_k e^{z_k} − z_label}, computed stably as
     * {@code (log Σ_k e^{z_k − m} + m) − z_label} with {@code m} the largest output. Needs at
     * least two outputs.
     */
    SOFTMAX_CROSS_ENTROPY,
    /**
     * Binary cross-entropy of sigmoid outputs, {@code Σ_k −y_k log σ(z_k) − (1 − y_k) log(1 − σ(z_k))},
     * computed stably as {@code softplus(−z_k)} where {@code y_k = 1} and {@code softplus(z_k)}
     * where {@code y_k = 0}.
     */
    BINARY_CROSS_ENTROPY
}
