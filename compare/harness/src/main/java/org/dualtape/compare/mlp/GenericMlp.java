package org.dualtape.compare.mlp;

import java.lang.reflect.Array;
import org.apache.commons.math3.RealFieldElement;

/**
 * The MLP loss written once for every {@link RealFieldElement}, one sample at a time, with the
 * operations of {@link DenseMlp} (the tape's {@code Kernels}) in the same order.
 */
final class GenericMlp {
    private GenericMlp() {
    }

    /** The batch-averaged loss at parameters {@code w} (not modified). */
    static <T extends RealFieldElement<T>> T loss(MlpSpec spec, double[] inputs, int[] labels, T[] w) {
        int batch = labels.length;
        T total = w[0].getField().getZero();
        for (int s = 0; s < batch; s++) {
            total = Losses.accumulate(spec.loss(), total, logits(spec, inputs, s, w), labels[s]);
        }
        return Losses.mean(spec.loss(), total, batch, spec.outputs());
    }

    /** The last layer's outputs for sample {@code s}. */
    static <T extends RealFieldElement<T>> T[] logits(MlpSpec spec, double[] inputs, int s, T[] w) {
        T[] a = null;
        for (int l = 0; l < spec.layers(); l++) {
            T[] z = affine(spec, l, inputs, s, a, w);
            if (l == spec.layers() - 1) {
                return z;
            }
            for (int j = 0; j < z.length; j++) {
                z[j] = spec.activation().apply(z[j]);
            }
            a = z;
        }
        throw new AssertionError("an MLP has at least one layer");
    }

    /**
     * Layer {@code l}'s pre-activations {@code b_j + (0 + W_j0 a_0 + W_j1 a_1 + ...)}, the dot
     * product summed left to right from 0 and then added to the bias, as
     * {@code Kernels.affine} computes them; the input is sample {@code s} of {@code inputs} when
     * {@code a} is null (layer 0).
     */
    static <T extends RealFieldElement<T>> T[] affine(MlpSpec spec, int l, double[] inputs, int s, T[] a, T[] w) {
        int nIn = spec.layerInputs(l);
        int nOut = spec.layerOutputs(l);
        int wOffset = spec.weightOffset(l);
        int bOffset = spec.biasOffset(l);
        T[] z = newArray(w, nOut);
        T zero = w[0].getField().getZero();
        for (int j = 0; j < nOut; j++) {
            int row = wOffset + j * nIn;
            T acc = zero; // 0 + p differs from p when p is -0.0: start where the kernel starts
            if (a == null) {
                int x = s * nIn;
                for (int i = 0; i < nIn; i++) {
                    acc = acc.add(w[row + i].multiply(inputs[x + i]));
                }
            } else {
                for (int i = 0; i < nIn; i++) {
                    acc = acc.add(w[row + i].multiply(a[i]));
                }
            }
            z[j] = w[bOffset + j].add(acc);
        }
        return z;
    }

    /** A new array of the same component type as {@code like}. */
    @SuppressWarnings("unchecked")
    static <T> T[] newArray(T[] like, int length) {
        return (T[]) Array.newInstance(like.getClass().getComponentType(), length);
    }

    /** A new array of arrays of the same component type as {@code like}. */
    @SuppressWarnings("unchecked")
    static <T> T[][] newArray2(T[] like, int length) {
        return (T[][]) Array.newInstance(like.getClass(), length);
    }
}
