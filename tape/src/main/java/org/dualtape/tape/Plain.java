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

    /**
     * {@code dx += dy·W}, the affine layer's vector-Jacobian product with respect to its input as
     * the vector tape's reverse sweep computes it: {@code dx[r][k] += Σ_o dy[r][o] W[o][k]}, the
     * sum in index order from 0, then added.
     *
     * @param dy the output's adjoint, {@code batch × out}; not modified
     * @param dyOff where {@code dy} starts
     * @param w the weights, {@code out × in}; not modified
     * @param wOff where {@code w} starts
     * @param dx the input's adjoint, {@code batch × in}; modified (must not overlap the others)
     * @param dxOff where {@code dx} starts
     * @param batch the number of rows (the batch)
     * @param in the input width
     * @param out the output width
     */
    public static void addInputAdjoint(double[] dy, int dyOff, double[] w, int wOff, double[] dx, int dxOff,
                                       int batch, int in, int out) {
        Kernels.addProduct(dy, dyOff, w, wOff, dx, dxOff, batch, in, out);
    }

    /**
     * {@code dW += dyᵀ·x}, the affine layer's vector-Jacobian product with respect to its weights
     * as the vector tape's reverse sweep computes it: {@code dW[o][k] += Σ_r dy[r][o] x[r][k]},
     * the sum in index order from 0, then added.
     *
     * @param dy the output's adjoint, {@code batch × out}; not modified
     * @param dyOff where {@code dy} starts
     * @param x the input, {@code batch × in}; not modified
     * @param xOff where {@code x} starts
     * @param dw the weights' adjoint, {@code out × in}; modified (must not overlap the others)
     * @param dwOff where {@code dw} starts
     * @param batch the number of rows (the batch)
     * @param in the input width
     * @param out the output width
     */
    public static void addWeightAdjoint(double[] dy, int dyOff, double[] x, int xOff, double[] dw, int dwOff,
                                        int batch, int in, int out) {
        Kernels.addTransposedProduct(dy, dyOff, x, xOff, dw, dwOff, batch, in, out);
    }
}
