package org.dualtape.compare.mlp;

import org.apache.commons.math3.RealFieldElement;
import org.dualtape.dual.Elementary;

/**
 * The per-sample losses of {@link LossKind}, once in {@code double} and once generically, with
 * the same operations in the same order, and their derivatives with respect to the logits for
 * backpropagation.
 */
final class Losses {
    private Losses() {
    }

    /** Whether output {@code k} of {@code outputs} is the label's "1". */
    static boolean hot(int label, int k, int outputs) {
        return outputs == 1 ? label == 1 : k == label;
    }

    /**
     * One sample's loss.
     *
     * @param kind the loss
     * @param z the logits, {@code n} of them from {@code offset} (not modified)
     * @param offset where the sample's logits start
     * @param n the number of outputs
     * @param label the sample's label
     * @return {@code ℓ(z, y)}
     */
    static double loss(LossKind kind, double[] z, int offset, int n, int label) {
        switch (kind) {
            case QUADRATIC: {
                double acc = 0;
                for (int k = 0; k < n; k++) {
                    double d = z[offset + k] - (hot(label, k, n) ? 1.0 : 0.0);
                    acc = k == 0 ? d * d : acc + d * d;
                }
                return 0.5 * acc;
            }
            case SOFTMAX_CROSS_ENTROPY: {
                double m = max(z, offset, n);
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    double e = Math.exp(z[offset + k] - m);
                    sum = k == 0 ? e : sum + e;
                }
                return Math.log(sum) + m - z[offset + label];
            }
            case BINARY_CROSS_ENTROPY: {
                double acc = 0;
                for (int k = 0; k < n; k++) {
                    double zk = z[offset + k];
                    // −log σ(z) = softplus(−z); −log(1 − σ(z)) = softplus(z)
                    double t = hot(label, k, n) ? Elementary.softplus(-zk) : Elementary.softplus(zk);
                    acc = k == 0 ? t : acc + t;
                }
                return acc;
            }
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * One sample's loss, generically: bitwise {@link #loss(LossKind, double[], int, int, int)}
     * on number types whose values compute as {@code java.lang.Math} does.
     *
     * @param kind the loss
     * @param z the logits (not modified)
     * @param label the sample's label
     * @param <T> the number type
     * @return {@code ℓ(z, y)}
     */
    static <T extends RealFieldElement<T>> T loss(LossKind kind, T[] z, int label) {
        int n = z.length;
        switch (kind) {
            case QUADRATIC: {
                T acc = null;
                for (int k = 0; k < n; k++) {
                    T d = z[k].subtract(hot(label, k, n) ? 1.0 : 0.0);
                    T dd = d.multiply(d);
                    acc = k == 0 ? dd : acc.add(dd);
                }
                return acc.multiply(0.5);
            }
            case SOFTMAX_CROSS_ENTROPY: {
                double m = z[0].getReal();
                for (int k = 1; k < n; k++) {
                    if (z[k].getReal() > m) {
                        m = z[k].getReal();
                    }
                }
                T sum = null;
                for (int k = 0; k < n; k++) {
                    T e = z[k].subtract(m).exp();
                    sum = k == 0 ? e : sum.add(e);
                }
                return sum.log().add(m).subtract(z[label]);
            }
            case BINARY_CROSS_ENTROPY: {
                T acc = null;
                for (int k = 0; k < n; k++) {
                    T t = hot(label, k, n) ? Activation.softplus(z[k].negate()) : Activation.softplus(z[k]);
                    acc = k == 0 ? t : acc.add(t);
                }
                return acc;
            }
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * The derivative of one sample's loss with respect to its logits, times {@code scale}.
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
                    adjoint[offset + k] = (z[offset + k] - (hot(label, k, n) ? 1.0 : 0.0)) * scale;
                }
                return;
            case SOFTMAX_CROSS_ENTROPY: {
                double m = max(z, offset, n);
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    double e = Math.exp(z[offset + k] - m);
                    adjoint[offset + k] = e;
                    sum = k == 0 ? e : sum + e;
                }
                for (int k = 0; k < n; k++) {
                    double p = adjoint[offset + k] / sum;
                    adjoint[offset + k] = (hot(label, k, n) ? p - 1 : p) * scale;
                }
                return;
            }
            case BINARY_CROSS_ENTROPY:
                for (int k = 0; k < n; k++) {
                    double zk = z[offset + k];
                    // d softplus(−z)/dz = −σ(−z) (= σ(z) − 1 without cancellation); d softplus(z)/dz = σ(z)
                    double d = hot(label, k, n) ? -Elementary.sigmoid(-zk) : Elementary.sigmoid(zk);
                    adjoint[offset + k] = d * scale;
                }
                return;
            default:
                throw new AssertionError(kind);
        }
    }

    /** The first largest of {@code n} values from {@code offset} ({@code >} comparisons, as the generic loss). */
    static double max(double[] z, int offset, int n) {
        double m = z[offset];
        for (int k = 1; k < n; k++) {
            if (z[offset + k] > m) {
                m = z[offset + k];
            }
        }
        return m;
    }
}
