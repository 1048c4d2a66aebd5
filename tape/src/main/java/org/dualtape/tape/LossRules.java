package org.dualtape.tape;

import org.apache.commons.math3.RealFieldElement;
import org.dualtape.dual.Elementary;

/**
 * The one home of the losses and their derivatives with respect to the logits: the vector tape's
 * loss nodes, plain {@code double} losses and hand-written backpropagation all call these, so a
 * loss's derivative is written once, next to its value.
 *
 * <h2>Values</h2>
 * Every sum starts at 0 and runs in index order; the losses are means ({@code / n}, never times a
 * reciprocal). Softmax cross-entropy takes each row's log-sum-exp as {@code m + log Σ e^{z - m}}
 * with {@code m} the row's maximum ({@link #logSumExp}); binary cross-entropy with logits is
 * {@code max(z, 0) - z t + log1p(e^{-|z|})}, which never overflows.
 *
 * <h2>Derivatives</h2>
 * With respect to a logit {@code z}: softmax cross-entropy {@code p - [k = label]} with {@code p}
 * the softmax probability; squared error {@code z - t} (times 2 for the mean squared error);
 * binary cross-entropy {@code σ(z) - t}, computed as {@code (1 - t)·σ(z) - t·σ(-z)}, which does
 * not cancel where σ(z) rounds to 1 (at {@code t = 1} it is exactly {@code -σ(-z)}, at
 * {@code t = 0} exactly {@code σ(z)}).
 *
 * <h2>In other arithmetic</h2>
 * The generic forms (on any {@code RealFieldElement}: {@code Dfp}, {@code Decimal64}, the
 * project's number types) perform the same operations in the same order, so on
 * {@code Decimal64} they are bitwise the {@code double} forms.
 */
public final class LossRules {
    private LossRules() {
    }

    /**
     * {@code log Σ e^{z[i]}} over {@code n} logits, as {@code m + log Σ e^{z[i] - m}} with
     * {@code m} their maximum (by {@code Math.max}, from {@code -∞}), so that nothing overflows.
     *
     * @param z the logits; not modified
     * @param off where they start
     * @param n how many
     * @param exps receives {@code e^{z[i] - m}}, or {@code null}; modified
     * @param eOff where {@code exps} starts
     * @return the log-sum-exp
     */
    public static double logSumExp(double[] z, int off, int n, double[] exps, int eOff) {
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < n; c++) {
            m = Math.max(m, z[off + c]);
        }
        double s = 0;
        for (int c = 0; c < n; c++) {
            double e = Math.exp(z[off + c] - m);
            s += e;
            if (exps != null) {
                exps[eOff + c] = e;
            }
        }
        return m + Math.log(s);
    }

    /**
     * The mean over the batch of the softmax cross-entropy with integer labels:
     * {@code (1/batch) Σ_r (logSumExp(z[r]) - z[r][label_r])}.
     *
     * @param z the logits, {@code batch × classes}; not modified
     * @param zOff where {@code z} starts
     * @param labels one class in {@code [0, classes)} per row; not modified
     * @param lOff where the labels start
     * @param batch the number of rows (the batch)
     * @param classes the number of classes
     * @param probs receives the softmax probabilities, {@code batch × classes}, or {@code null};
     *     modified
     * @param pOff where {@code probs} starts
     * @return the mean loss
     */
    public static double softmaxCrossEntropy(double[] z, int zOff, int[] labels, int lOff, int batch, int classes,
                                             double[] probs, int pOff) {
        double total = 0;
        for (int r = 0; r < batch; r++) {
            int base = zOff + r * classes;
            int row = pOff + r * classes;
            double lse = logSumExp(z, base, classes, probs, row);
            if (probs != null) {
                double s = Kernels.sum(probs, row, classes); // the same sum, in the same order
                for (int c = 0; c < classes; c++) {
                    probs[row + c] /= s;
                }
            }
            total += lse - z[base + labels[lOff + r]];
        }
        return total / batch;
    }

    /**
     * The derivative of one row's softmax cross-entropy with respect to a logit.
     *
     * @param p the logit's softmax probability
     * @param label whether the logit is the row's label
     * @return {@code p - 1} for the label, else {@code p}
     */
    public static double softmaxCrossEntropyPartial(double p, boolean label) {
        return label ? p - 1 : p;
    }

    /**
     * Adds {@code scale} times the derivative of each row's softmax cross-entropy to the logits'
     * adjoints.
     *
     * @param probs the softmax probabilities, {@code batch × classes}; not modified
     * @param pOff where they start
     * @param labels one class per row; not modified
     * @param lOff where the labels start
     * @param batch the number of rows
     * @param classes the number of classes
     * @param scale the factor (the loss's adjoint over the batch, for the mean)
     * @param adjoint the logits' adjoints, {@code batch × classes}; modified (added to)
     * @param aOff where they start
     */
    public static void addSoftmaxCrossEntropyAdjoint(double[] probs, int pOff, int[] labels, int lOff, int batch,
                                                     int classes, double scale, double[] adjoint, int aOff) {
        for (int r = 0; r < batch; r++) {
            int label = labels[lOff + r];
            for (int k = 0; k < classes; k++) {
                int e = r * classes + k;
                adjoint[aOff + e] += scale * softmaxCrossEntropyPartial(probs[pOff + e], k == label);
            }
        }
    }

    /**
     * Adds the tangent of {@link #addSoftmaxCrossEntropyAdjoint}'s contribution, for second order:
     * with {@code dz = s·(p - onehot)}, {@code ḋz = ṡ·(p - onehot) + s·ṗ}, where
     * {@code ṗ = p ⊙ (ż - p·ż)} per row is the tangent of the softmax (its Jacobian
     * {@code diag(p) - p·pᵀ}, the loss's Hessian with respect to the logits, applied to {@code ż}).
     *
     * @param probs the softmax probabilities, {@code batch × classes}; not modified
     * @param pOff where they start
     * @param labels one class per row; not modified
     * @param lOff where the labels start
     * @param batch the number of rows
     * @param classes the number of classes
     * @param scale {@code s}, the factor of the first-order adjoint
     * @param scaleTangent {@code ṡ}, its tangent
     * @param tangent the logits' tangents {@code ż}, {@code batch × classes}; not modified
     * @param tOff where they start
     * @param adjointTangent the logits' adjoint tangents; modified (added to)
     * @param aOff where they start
     */
    public static void addSoftmaxCrossEntropyAdjointTangent(double[] probs, int pOff, int[] labels, int lOff,
            int batch, int classes, double scale, double scaleTangent, double[] tangent, int tOff,
            double[] adjointTangent, int aOff) {
        for (int r = 0; r < batch; r++) {
            int label = labels[lOff + r];
            int row = r * classes;
            double mean = 0; // p·ż
            for (int k = 0; k < classes; k++) {
                mean += probs[pOff + row + k] * tangent[tOff + row + k];
            }
            for (int k = 0; k < classes; k++) {
                double p = probs[pOff + row + k];
                adjointTangent[aOff + row + k] += scaleTangent * softmaxCrossEntropyPartial(p, k == label)
                    + scale * (p * (tangent[tOff + row + k] - mean));
            }
        }
    }

    /**
     * The mean squared error {@code (1/n) Σ (p[i] - t[i])²}.
     *
     * @param p the predictions; not modified
     * @param pOff where {@code p} starts
     * @param t the targets; not modified
     * @param tOff where {@code t} starts
     * @param n the number of elements
     * @return the mean
     */
    public static double meanSquaredError(double[] p, int pOff, double[] t, int tOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = p[pOff + i] - t[tOff + i];
            s += d * d;
        }
        return s / n;
    }

    /**
     * The derivative of {@code ½(z - t)²} with respect to {@code z}.
     *
     * @param z the prediction
     * @param t the target
     * @return {@code z - t}
     */
    public static double squaredErrorPartial(double z, double t) {
        return z - t;
    }

    /**
     * The mean binary cross-entropy with logits {@code (1/n) Σ max(z, 0) - z t + log(1 + e^-|z|)},
     * the overflow-free form of {@code -(t log σ(z) + (1 - t) log(1 - σ(z)))}.
     *
     * @param z the logits; not modified
     * @param zOff where {@code z} starts
     * @param t the targets, normally in [0, 1]; not modified
     * @param tOff where {@code t} starts
     * @param n the number of elements
     * @return the mean
     */
    public static double binaryCrossEntropyWithLogits(double[] z, int zOff, double[] t, int tOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double x = z[zOff + i];
            s += Math.max(x, 0) - x * t[tOff + i] + Math.log1p(Math.exp(-Math.abs(x)));
        }
        return s / n;
    }

    /**
     * The derivative of the binary cross-entropy of logit {@code z} and target {@code t} with
     * respect to {@code z}: {@code σ(z) - t} in the stable form {@code (1 - t)·σ(z) - t·σ(-z)}.
     *
     * @param z the logit
     * @param t the target, normally in [0, 1]
     * @return the derivative
     */
    public static double binaryCrossEntropyPartial(double z, double t) {
        return binaryCrossEntropyPartial(Elementary.sigmoid(z), Elementary.sigmoid(-z), t);
    }

    /**
     * The second derivative of the binary cross-entropy of logit {@code z} with respect to
     * {@code z}, whatever the target: {@code σ(z)·σ(-z)} (softplus'', from the rule table), which
     * does not cancel for large |z| as {@code σ(z)(1 - σ(z))} would.
     *
     * @param z the logit
     * @return the second derivative
     */
    public static double binaryCrossEntropySecondPartial(double z) {
        return Elementary.SOFTPLUS.d2f(z, Elementary.SOFTPLUS.f(z));
    }

    /**
     * The stable form from the two sigmoids, for callers that compute them in their own
     * arithmetic as well: {@code (1 - t)·σ(z) - t·σ(-z)}.
     *
     * @param sigmoid {@code σ(z)}
     * @param sigmoidOfNegative {@code σ(-z)}
     * @param t the target
     * @return the derivative with respect to {@code z}
     */
    public static double binaryCrossEntropyPartial(double sigmoid, double sigmoidOfNegative, double t) {
        return (1 - t) * sigmoid - t * sigmoidOfNegative;
    }

    /**
     * {@link #logSumExp(double[], int, int, double[], int)} in the arithmetic of {@code T}: the
     * shift {@code m} is the largest real part (a constant), {@code log(Σ e^{z - m}) + m}.
     *
     * @param z the logits; not modified
     * @param probs receives the softmax probabilities {@code e^{z - m} / Σ}, or {@code null}; modified
     * @param <T> the number type
     * @return the log-sum-exp
     */
    public static <T extends RealFieldElement<T>> T logSumExp(T[] z, T[] probs) {
        double m = Double.NEGATIVE_INFINITY;
        for (T zk : z) {
            m = Math.max(m, zk.getReal());
        }
        // the double form's sum starts at 0; 0 + e is e, as e^x is never -0.0
        T sum = null;
        for (int k = 0; k < z.length; k++) {
            T e = z[k].subtract(m).exp();
            sum = k == 0 ? e : sum.add(e);
            if (probs != null) {
                probs[k] = e;
            }
        }
        if (probs != null) {
            for (int k = 0; k < z.length; k++) {
                probs[k] = probs[k].divide(sum);
            }
        }
        return sum.log().add(m);
    }

    /**
     * {@link #softmaxCrossEntropyPartial(double, boolean)} in the arithmetic of {@code T}.
     *
     * @param p the logit's softmax probability
     * @param label whether the logit is the row's label
     * @param <T> the number type
     * @return {@code p - 1} for the label, else {@code p}
     */
    public static <T extends RealFieldElement<T>> T softmaxCrossEntropyPartial(T p, boolean label) {
        return label ? p.subtract(1.0) : p;
    }

    /**
     * {@link #squaredErrorPartial(double, double)} in the arithmetic of {@code T}.
     *
     * @param z the prediction
     * @param t the target
     * @param <T> the number type
     * @return {@code z - t}
     */
    public static <T extends RealFieldElement<T>> T squaredErrorPartial(T z, double t) {
        return z.subtract(t);
    }

    /**
     * {@link #binaryCrossEntropyPartial(double, double, double)} in the arithmetic of {@code T}.
     *
     * @param sigmoid {@code σ(z)}
     * @param sigmoidOfNegative {@code σ(-z)}
     * @param t the target
     * @param <T> the number type
     * @return {@code (1 - t)·σ(z) - t·σ(-z)}
     */
    public static <T extends RealFieldElement<T>> T binaryCrossEntropyPartial(T sigmoid, T sigmoidOfNegative, double t) {
        return sigmoid.multiply(1 - t).subtract(sigmoidOfNegative.multiply(t));
    }
}
