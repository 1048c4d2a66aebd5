package org.dualtape.tape;

import org.dualtape.dual.Elementary;

/**
 * The vector nodes' layer arithmetic for plain {@code double} code: a loss written with these
 * (and the losses of {@link LossRules}) computes bitwise the value the vector tape records, so a
 * hand-written twin of a {@link VarMatrix} function can be checked with tolerance 0 and timed
 * like with like. Matrices are row-major {@code double[]} slices given by an offset; batches are
 * rows.
 */
public final class Plain {
    private Plain() {
    }

    /**
     * The affine layer {@code y = x·Wᵀ + b}, as {@link VarMatrix#affine(VarMatrix, VarMatrix)}
     * computes it: {@code y[r][o] = b[o] + Σ_i x[r][i] W[o][i]}, the sum in index order from 0.
     *
     * @param x the input, {@code batch × in}; not modified
     * @param xOff where {@code x} starts
     * @param w the weights, {@code out × in}; not modified
     * @param wOff where {@code w} starts
     * @param b the bias, {@code 1 × out}, or {@code null} for none; not modified
     * @param bOff where {@code b} starts
     * @param y receives {@code batch × out}; modified (must not overlap the others)
     * @param yOff where {@code y} starts
     * @param batch the number of rows (the batch)
     * @param in the input width
     * @param out the output width
     */
    public static void affine(double[] x, int xOff, double[] w, int wOff, double[] b, int bOff,
                              double[] y, int yOff, int batch, int in, int out) {
        Kernels.affine(x, xOff, w, wOff, b, bOff, y, yOff, batch, in, out);
    }

    /**
     * {@code y[i] = e.f(x[i])}, as {@link VarMatrix#apply(Elementary)} computes it (in place when
     * {@code x == y} and the offsets agree).
     *
     * @param e the function
     * @param x the arguments; not modified (unless it is {@code y})
     * @param xOff where {@code x} starts
     * @param y receives the values; modified
     * @param yOff where {@code y} starts
     * @param n the number of elements
     */
    public static void apply(Elementary e, double[] x, int xOff, double[] y, int yOff, int n) {
        Kernels.apply(e, x, xOff, y, yOff, n);
    }
}
