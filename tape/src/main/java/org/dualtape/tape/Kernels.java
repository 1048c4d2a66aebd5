package org.dualtape.tape;

import dev.ludovic.netlib.blas.BLAS;
import org.dualtape.dual.Elementary;

/**
 * The plain {@code double} kernels behind the tape's vector nodes, public so that a plain
 * {@code double} loss can be written with exactly the same arithmetic: its value is then bitwise
 * the vector tape's value, and timing ratios compare like with like. Matrices are row-major
 * {@code double[]} slices given by an offset; batches are rows.
 *
 * <h2>Matrix products: BLAS, measured</h2>
 * The products use {@code dev.ludovic.netlib:blas} ({@code BLAS.getInstance().dgemm}), which
 * was faster than every plain loop tried, so it is kept. On this project's machine (2-core AMD
 * EPYC with AVX2, no native BLAS installed, so {@code getInstance()} picks the pure-Java
 * {@code Java11BLAS}; the machine was loaded by other builds, load average about 12, so figures
 * are best of 15 rounds and rough), batch 32, {@code (32 × h)·(h × h)ᵀ}:
 * <table>
 *   <caption>milliseconds per product (GFLOP/s)</caption>
 *   <tr><th>kernel</th><th>h = 256</th><th>h = 1024</th></tr>
 *   <tr><td>dot-product loop, 1 accumulator</td><td>1.49 (2.8)</td><td>27.7 (2.4)</td></tr>
 *   <tr><td>dot-product loop, 4 accumulators</td><td>0.97 (4.3)</td><td>16.8 (4.0)</td></tr>
 *   <tr><td>dot-product loop, 2 × 2 register block</td><td>0.63 (6.6)</td><td>11.7 (5.7)</td></tr>
 *   <tr><td>transpose, then axpy rows (vectorized)</td><td>0.98 (4.3)</td><td>22.8 (2.9)</td></tr>
 *   <tr><td>BLAS dgemm</td><td><b>0.48 (8.7)</b></td><td><b>7.1 (9.5)</b></td></tr>
 *   <tr><td>backward (dX and dW), best plain loops</td><td>1.48 (5.7)</td><td>23.3 (5.8)</td></tr>
 *   <tr><td>backward (dX and dW), BLAS dgemm</td><td><b>1.13 (7.4)</b></td><td><b>17.0 (7.9)</b></td></tr>
 * </table>
 * Plain Java cannot reorder a floating-point sum, so a dot-product loop is bound by the latency
 * of one addition chain per accumulator, and C2 does not vectorize it; BLAS blocks the product
 * for registers and cache. With a native BLAS (netlib's JNI over OpenBLAS, if installed) or
 * with {@code --add-modules jdk.incubator.vector} ({@code VectorBLAS}), {@code getInstance()}
 * picks those and is faster still. The summation order, and so the last bits of a product,
 * depend on the implementation chosen; within one JVM every caller of these kernels gets the same.
 *
 * <h2>Other kernels</h2>
 * Sums run in index order; the losses are means ({@code / n}, not {@code * (1 / n)}).
 */
public final class Kernels {
    /** The BLAS implementation chosen once per JVM. */
    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

    private Kernels() {
    }

    /**
     * The name of the BLAS implementation in use, such as {@code "Java11BLAS"}.
     *
     * @return the implementation's simple class name
     */
    public static String blas() {
        return BLAS_INSTANCE.getClass().getSimpleName();
    }

    /**
     * The affine layer {@code y = x·Wᵀ + b}: {@code y[r][o] = Σ_i x[r][i] W[o][i] + b[o]}.
     *
     * @param x the input, {@code batch × in}; not modified
     * @param w the weights, {@code out × in}; not modified
     * @param b the bias, {@code 1 × out}, or {@code null} for none; not modified
     * @param y receives {@code batch × out}; modified (must not overlap the others)
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
     * {@code y += x·Wᵀ}.
     *
     * @param x {@code batch × in}; not modified
     * @param w {@code out × in}; not modified
     * @param y {@code batch × out}; modified
     */
    public static void addProductTransposed(double[] x, int xOff, double[] w, int wOff, double[] y, int yOff,
                                            int batch, int in, int out) {
        if (batch == 0 || in == 0 || out == 0) {
            return;
        }
        // Row-major y (batch × out) is column-major yᵀ (out × batch): yᵀ += W·xᵀ.
        BLAS_INSTANCE.dgemm("T", "N", out, batch, in, 1.0, w, wOff, in, x, xOff, in, 1.0, y, yOff, out);
    }

    /**
     * {@code dx += dy·W}, the input's adjoint of the affine layer.
     *
     * @param dy {@code batch × out}; not modified
     * @param w {@code out × in}; not modified
     * @param dx {@code batch × in}; modified
     */
    public static void addProduct(double[] dy, int dyOff, double[] w, int wOff, double[] dx, int dxOff,
                                  int batch, int in, int out) {
        if (batch == 0 || in == 0 || out == 0) {
            return;
        }
        BLAS_INSTANCE.dgemm("N", "N", in, batch, out, 1.0, w, wOff, in, dy, dyOff, out, 1.0, dx, dxOff, in);
    }

    /**
     * {@code dW += dyᵀ·x}, the weights' adjoint of the affine layer.
     *
     * @param dy {@code batch × out}; not modified
     * @param x {@code batch × in}; not modified
     * @param dw {@code out × in}; modified
     */
    public static void addTransposedProduct(double[] dy, int dyOff, double[] x, int xOff, double[] dw, int dwOff,
                                            int batch, int in, int out) {
        if (batch == 0 || in == 0 || out == 0) {
            return;
        }
        BLAS_INSTANCE.dgemm("N", "T", in, out, batch, 1.0, x, xOff, in, dy, dyOff, out, 1.0, dw, dwOff, in);
    }

    /**
     * {@code s[c] += Σ_r a[r][c]}: column sums, the adjoint of a broadcast row.
     *
     * @param a {@code rows × cols}; not modified
     * @param s {@code 1 × cols}; modified
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
