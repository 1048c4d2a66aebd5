package org.dualtape.tape;

import org.dualtape.dual.Elementary;

/**
 * The plain {@code double} kernels behind the tape's vector nodes, public so that a plain
 * {@code double} loss can be written with exactly the same arithmetic: its value is then bitwise
 * the vector tape's value, and timing ratios compare like with like. Matrices are row-major
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
 * Sums run in index order; the losses are means ({@code / n}, not {@code * (1 / n)}).
 */
public final class Kernels {
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

    /**
     * The mean over the batch of the softmax cross-entropy with integer labels:
     * {@code (1/batch) Σ_r (log Σ_c e^{z[r][c]} - z[r][label_r])}, each row's log-sum-exp
     * computed as {@code m + log Σ_c e^{z[r][c] - m}} with {@code m} the row's maximum.
     *
     * @param z the logits, {@code batch × classes}; not modified
     * @param labels one class in {@code [0, classes)} per row; not modified
     * @param probs receives the softmax probabilities, {@code batch × classes}, or {@code null};
     *     modified
     * @param zOff where {@code z} starts
     * @param lOff where the labels start
     * @param batch the number of rows (the batch)
     * @param classes the number of classes
     * @param pOff where {@code p} starts
     * @return the mean loss
     */
    public static double softmaxCrossEntropy(double[] z, int zOff, int[] labels, int lOff, int batch, int classes,
                                             double[] probs, int pOff) {
        double total = 0;
        for (int r = 0; r < batch; r++) {
            int base = zOff + r * classes;
            double m = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                m = Math.max(m, z[base + c]);
            }
            double s = 0;
            for (int c = 0; c < classes; c++) {
                double e = Math.exp(z[base + c] - m);
                s += e;
                if (probs != null) {
                    probs[pOff + r * classes + c] = e;
                }
            }
            if (probs != null) {
                for (int c = 0; c < classes; c++) {
                    probs[pOff + r * classes + c] /= s;
                }
            }
            total += m + Math.log(s) - z[base + labels[lOff + r]];
        }
        return total / batch;
    }

    /**
     * The mean squared error {@code (1/n) Σ (p[i] - t[i])²}.
     *
     * @param p the predictions; not modified
     * @param t the targets; not modified
     * @param pOff where {@code p} starts
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
     * The mean binary cross-entropy with logits {@code (1/n) Σ max(z, 0) - z t + log(1 + e^-|z|)},
     * the overflow-free form of {@code -(t log σ(z) + (1 - t) log(1 - σ(z)))}.
     *
     * @param z the logits; not modified
     * @param t the targets, normally in [0, 1]; not modified
     * @param zOff where {@code z} starts
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
}
