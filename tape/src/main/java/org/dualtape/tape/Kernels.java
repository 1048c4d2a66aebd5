package org.dualtape.tape;

import org.dualtape.dual.Elementary;

/**
 * The plain {@code double} kernels behind the tape's vector nodes; {@link LossRules} and
 * {@link Plain}
 * give plain {@code double} code the same arithmetic, so its value is bitwise the vector tape's
 * value and timing ratios compare like with like. Matrices are row-major
 * {@code double[]} slices given by an offset; batches are rows.
 *
 * <h2>Matrix products</h2>
 * The three products of an affine layer (forward {@code x·Wᵀ}, the input's adjoint
 * {@code dy·W}, the weights' adjoint {@code dyᵀ·x}) compute every element as a plain
 * dot-product loop does: summed from 0 in index order, without fused multiply-adds, then added.
 * So the values do not depend on which implementation ran: register-blocked Vector API
 * micro-kernels when the JVM was started with {@code --add-modules jdk.incubator.vector} (as the
 * project's JMH forks are), register-blocked plain loops otherwise; see {@code Gemm} for the
 * choice and {@code DenseKernelBenchmark} for their speeds. They allocate nothing after the
 * first call on a thread (the Vector API kernels keep a per-thread packing buffer). An earlier
 * measurement against {@code dev.ludovic.netlib:blas} found its pure-Java {@code dgemm} no faster
 * than these loops, allocating packing buffers on every call and summing in an order that
 * depends on the implementation it finds; no native BLAS binding is used.
 *
 * <h2>Other kernels</h2>
 * Sums run in index order. The losses and their derivatives are in {@link LossRules}.
 */
final class Kernels {
    private Kernels() {
    }

    /**
     * The affine layer {@code y = x·Wᵀ + b}: {@code y[r][o] = Σ_i x[r][i] W[o][i] + b[o]}.
     *
     * @param x the input, {@code batch × in}; not modified
     * @param w the weights, {@code out × in}; not modified
     * @param b the bias, {@code 1 × out}, or {@code null} for none; not modified
     * @param y receives {@code batch × out}; modified (must not overlap the others)
     * @param xOff where {@code x} starts
     * @param wOff where {@code w} starts
     * @param bOff where {@code b} starts
     * @param yOff where {@code y} starts
     * @param batch the number of rows (the batch)
     * @param in the input width
     * @param out the output width
     */
    public static void affine(double[] x, int xOff, double[] w, int wOff, double[] b, int bOff,
                              double[] y, int yOff, int batch, int in, int out) {
        for (int r = 0; r < batch; r++) {
            if (b == null) {
                java.util.Arrays.fill(y, yOff + r * out, yOff + (r + 1) * out, 0.0);
            } else {
                System.arraycopy(b, bOff, y, yOff + r * out, out);
            }
        }
        addProductTransposed(x, xOff, w, wOff, y, yOff, batch, in, out);
    }

    /**
     * {@code y += x·Wᵀ}: each {@code y[r][o]} gets {@code Σ_i x[r][i] W[o][i]}, summed in index
     * order from 0 (as a plain dot-product loop), then added.
     *
     * @param x {@code batch × in}; not modified
     * @param w {@code out × in}; not modified
     * @param y {@code batch × out}; modified
     * @param xOff where {@code x} starts
     * @param wOff where {@code w} starts
     * @param yOff where {@code y} starts
     * @param batch the number of rows (the batch)
     * @param in the input width
     * @param out the output width
     */
    public static void addProductTransposed(double[] x, int xOff, double[] w, int wOff, double[] y, int yOff,
                                            int batch, int in, int out) {
        Gemm.productTransposed(x, xOff, w, wOff, y, yOff, batch, in, out);
    }

    /**
     * {@code dx += dy·W}, the input's adjoint of the affine layer.
     *
     * @param dy {@code batch × out}; not modified
     * @param w {@code out × in}; not modified
     * @param dx {@code batch × in}; modified
     * @param dyOff where {@code dy} starts
     * @param wOff where {@code w} starts
     * @param dxOff where {@code dx} starts
     * @param batch the number of rows (the batch)
     * @param in the input width
     * @param out the output width
     */
    public static void addProduct(double[] dy, int dyOff, double[] w, int wOff, double[] dx, int dxOff,
                                  int batch, int in, int out) {
        Gemm.product(dy, dyOff, w, wOff, dx, dxOff, batch, in, out);
    }

    /**
     * {@code dW += dyᵀ·x}, the weights' adjoint of the affine layer.
     *
     * @param dy {@code batch × out}; not modified
     * @param x {@code batch × in}; not modified
     * @param dw {@code out × in}; modified
     * @param dyOff where {@code dy} starts
     * @param xOff where {@code x} starts
     * @param dwOff where {@code dw} starts
     * @param batch the number of rows (the batch)
     * @param in the input width
     * @param out the output width
     */
    public static void addTransposedProduct(double[] dy, int dyOff, double[] x, int xOff, double[] dw, int dwOff,
                                            int batch, int in, int out) {
        Gemm.transposedProduct(dy, dyOff, x, xOff, dw, dwOff, batch, in, out);
    }

    /**
     * {@code s[c] += Σ_r a[r][c]}: column sums, the adjoint of a broadcast row.
     *
     * @param a {@code rows × cols}; not modified
     * @param s {@code 1 × cols}; modified
     * @param aOff where {@code a} starts
     * @param sOff where {@code s} starts
     * @param rows the number of rows
     * @param cols the number of columns
     */
    public static void addColumnSums(double[] a, int aOff, double[] s, int sOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = aOff + r * cols;
            for (int c = 0; c < cols; c++) {
                s[sOff + c] += a[base + c];
            }
        }
    }

    /**
     * {@code y[i] = e.f(x[i])} (in place when {@code x == y} and the offsets agree).
     *
     * @param e the function
     * @param x the arguments; not modified (unless it is {@code y})
     * @param y receives the values; modified
     * @param xOff where {@code x} starts
     * @param yOff where {@code y} starts
     * @param n the number of elements
     */
    public static void apply(Elementary e, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = e.f(x[xOff + i]);
        }
    }

    /**
     * {@code Σ a[i]} in index order.
     *
     * @param a the values; not modified
     * @param off where the values start
     * @param n the number of elements
     * @return the sum
     */
    public static double sum(double[] a, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[off + i];
        }
        return s;
    }

    /**
     * {@code Σ a[i] b[i]} in index order.
     *
     * @param a the first factors; not modified
     * @param b the second factors; not modified
     * @param aOff where {@code a} starts
     * @param bOff where {@code b} starts
     * @param n the number of elements
     * @return the dot product
     */
    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }
}
