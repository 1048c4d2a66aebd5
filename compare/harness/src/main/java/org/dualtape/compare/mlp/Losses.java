package org.dualtape.compare.mlp;

import org.apache.commons.math3.RealFieldElement;
import org.dualtape.tape.LossRules;

/**
 * The batch losses of {@link LossKind}, once in plain {@code double} code over the whole batch's
 * logits and once generically sample by sample, with the operations of the tape's vector loss
 * nodes ({@link LossRules}) in the same order, and their derivatives with respect to the logits for
 * backpropagation.
 *
 * <h2>Order of operations</h2>
 * As the kernels compute them, every sum starts at 0 and runs in index order (samples, then
 * outputs within a sample), and each mean divides by the count ({@code / count}, never times a
 * reciprocal):
 * <ul>
 *   <li>softmax cross-entropy: per sample {@code m = max(-∞, z_0, z_1, ...)} by {@code Math.max},
 *       {@code s = 0 + e^{z_0 - m} + e^{z_1 - m} + ...}, the term {@code (m + log s) - z_label};
 *       the loss is {@code (0 + term_0 + term_1 + ...) / batch};</li>
 *   <li>quadratic: {@code S = 0 + d² + ...} over all {@code batch × outputs} differences
 *       {@code d = z - y}, the loss {@code (S / (batch·outputs)) · (outputs / 2)} (the tape's
 *       mean squared error, times a factor);</li>
 *   <li>binary cross-entropy: {@code S} the sum of {@code softplus(-z)} where {@code y = 1} and
 *       {@code softplus(z)} where {@code y = 0} over all {@code batch × outputs} logits, the loss
 *       {@code (S / (batch·outputs)) · outputs}.</li>
 * </ul>
 * For binary cross-entropy the kernel writes each term as {@code max(z, 0) - z·y + log1p(e^{-|z|})},
 * which for {@code y} in {0, 1} and finite {@code z} is bitwise the {@code softplus} form of
 * {@code Elementary.softplus}; at an infinite logit the kernel's form is NaN
 * ({@code ∞ - ∞}, {@code ∞·0}) where the generic form gives the limit (0 or ∞).
 */
final class Losses {
    private Losses() {
    }

    /** Whether output {@code k} of {@code outputs} is the label's "1". */
    static boolean hot(int label, int k, int outputs) {
        return outputs == 1 ? label == 1 : k == label;
    }

    /**
     * The factor the tape's mean over all {@code batch × outputs} elements is multiplied by to
     * give the batch average of the per-sample loss.
     *
     * @param kind the loss, {@link LossKind#QUADRATIC} or {@link LossKind#BINARY_CROSS_ENTROPY}
     * @param outputs the number of outputs
     * @return {@code outputs / 2} or {@code outputs}
     */
    static double elementMeanFactor(LossKind kind, int outputs) {
        switch (kind) {
            case QUADRATIC:
                return outputs / 2.0;
            case BINARY_CROSS_ENTROPY:
                return outputs;
            default:
                throw new AssertionError(kind + " is a per-sample mean");
        }
    }

    /**
     * The batch loss in plain {@code double} code: the tape's loss kernels, bitwise.
     *
     * @param kind the loss
     * @param z the logits, {@code batch × outputs} row-major (not modified)
     * @param labels one label per sample (not modified)
     * @param targets the targets, {@code batch × outputs} row-major (not modified)
     * @param batch the number of samples
     * @param outputs the number of outputs
     * @return the batch-averaged loss
     */
    static double loss(LossKind kind, double[] z, int[] labels, double[] targets, int batch, int outputs) {
        switch (kind) {
            case SOFTMAX_CROSS_ENTROPY:
                return LossRules.softmaxCrossEntropy(z, 0, labels, 0, batch, outputs, null, 0);
            case QUADRATIC:
                return LossRules.meanSquaredError(z, 0, targets, 0, batch * outputs)
                        * elementMeanFactor(kind, outputs);
            case BINARY_CROSS_ENTROPY:
                return LossRules.binaryCrossEntropyWithLogits(z, 0, targets, 0, batch * outputs)
                        * elementMeanFactor(kind, outputs);
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * Adds one sample's terms to the running sum of the batch, generically: with
     * {@link #mean} after the last sample, bitwise {@link #loss(LossKind, double[], int[], double[],
     * int, int)} on number types whose values compute as {@code java.lang.Math} does (and whose
     * logits are finite, for binary cross-entropy).
     *
     * @param kind the loss
     * @param total the sum so far (the field's zero before the first sample)
     * @param z the sample's logits (not modified)
     * @param label the sample's label
     * @param <T> the number type
     * @return {@code total} plus the sample's terms, added one by one
     */
    static <T extends RealFieldElement<T>> T accumulate(LossKind kind, T total, T[] z, int label) {
        int n = z.length;
        switch (kind) {
            case QUADRATIC: {
                T acc = total;
                for (int k = 0; k < n; k++) {
                    T d = z[k].subtract(target(label, k, n));
                    acc = acc.add(d.multiply(d));
                }
                return acc;
            }
            case SOFTMAX_CROSS_ENTROPY:
                return total.add(LossRules.logSumExp(z, null).subtract(z[label]));
            case BINARY_CROSS_ENTROPY: {
                T acc = total;
                for (int k = 0; k < n; k++) {
                    acc = acc.add(hot(label, k, n) ? Activation.softplus(z[k].negate()) : Activation.softplus(z[k]));
                }
                return acc;
            }
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * The batch loss from the sum of all samples' terms ({@link #accumulate}).
     *
     * @param kind the loss
     * @param total the sum over the batch
     * @param batch the number of samples
     * @param outputs the number of outputs
     * @param <T> the number type
     * @return the batch-averaged loss
     */
    static <T extends RealFieldElement<T>> T mean(LossKind kind, T total, int batch, int outputs) {
        if (kind == LossKind.SOFTMAX_CROSS_ENTROPY) {
            return total.divide(batch);
        }
        return total.divide(batch * outputs).multiply(elementMeanFactor(kind, outputs));
    }

    /**
     * The derivative of one sample's loss with respect to its logits, times {@code scale}, by the
     * loss rules ({@link LossRules}).
     *
     * @param kind the loss
     * @param z the logits, {@code n} from {@code offset} (not modified)
     * @param offset where the sample's logits start in {@code z} and in {@code adjoint}
     * @param n the number of outputs
     * @param label the sample's label
     * @param scale the factor (1 / batch)
     * @param adjoint receives {@code scale · ∂ℓ/∂z} at the same positions (modified)
     */
    static void adjoint(LossKind kind, double[] z, int offset, int n, int label, double scale,
                        double[] adjoint) {
        switch (kind) {
            case QUADRATIC:
                for (int k = 0; k < n; k++) {
                    adjoint[offset + k] = LossRules.squaredErrorPartial(z[offset + k], target(label, k, n)) * scale;
                }
                return;
            case SOFTMAX_CROSS_ENTROPY: {
                LossRules.logSumExp(z, offset, n, adjoint, offset); // the exponentials, into adjoint
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += adjoint[offset + k];
                }
                for (int k = 0; k < n; k++) {
                    double p = adjoint[offset + k] / sum;
                    adjoint[offset + k] = LossRules.softmaxCrossEntropyPartial(p, hot(label, k, n)) * scale;
                }
                return;
            }
            case BINARY_CROSS_ENTROPY:
                for (int k = 0; k < n; k++) {
                    adjoint[offset + k] = LossRules.binaryCrossEntropyPartial(z[offset + k], target(label, k, n)) * scale;
                }
                return;
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * The derivative of one sample's loss with respect to its logits, in {@code T}, by the loss
     * rules ({@link LossRules}).
     *
     * @param kind the loss
     * @param z the sample's logits (not modified)
     * @param label the sample's label
     * @param <T> the number type
     * @return {@code ∂ℓ/∂z}, one per logit
     */
    static <T extends RealFieldElement<T>> T[] adjoint(LossKind kind, T[] z, int label) {
        int n = z.length;
        T[] adjoint = GenericMlp.newArray(z, n);
        switch (kind) {
            case QUADRATIC:
                for (int k = 0; k < n; k++) {
                    adjoint[k] = LossRules.squaredErrorPartial(z[k], target(label, k, n));
                }
                return adjoint;
            case SOFTMAX_CROSS_ENTROPY:
                LossRules.logSumExp(z, adjoint); // the probabilities, into adjoint
                for (int k = 0; k < n; k++) {
                    adjoint[k] = LossRules.softmaxCrossEntropyPartial(adjoint[k], hot(label, k, n));
                }
                return adjoint;
            case BINARY_CROSS_ENTROPY:
                for (int k = 0; k < n; k++) {
                    adjoint[k] = LossRules.binaryCrossEntropyPartial(Activation.sigmoid(z[k]),
                        Activation.sigmoid(z[k].negate()), target(label, k, n));
                }
                return adjoint;
            default:
                throw new AssertionError(kind);
        }
    }

    /** The target of output {@code k}: 1 for the label's "1", else 0. */
    static double target(int label, int k, int outputs) {
        return hot(label, k, outputs) ? 1.0 : 0.0;
    }
}
