package org.dualtape.tape;

import org.dualtape.dual.Elementary;

/**
 * The plain {@code double} kernels behind the tape's vector nodes; {@link LossRules} and
 * {@link Plain}
 * give plain {@code double} code the same arithmetic, so its value is bitwise the vector tape's
 * value and timing ratios compare like with like. Matrices are row-major
 * {@code double[]} slices given by an offset; batches are rows.
 *
 * <h2>Matrix products: plain loops, measured against BLAS</h2>
 * The three products of an affine layer (forward {@code x·Wᵀ}, the input's adjoint
 * {@code dy·W}, the weights' adjoint {@code dyᵀ·x}) are plain Java loops, blocked for registers
 * and cache: sixteen dot products at a time for the forward product (each summed in index order,
 * so every element equals a plain dot-product loop), two rows per pass of an {@code axpy} for the
 * adjoints. They were measured against {@code dev.ludovic.netlib:blas} 3.0.3
 * ({@code BLAS.getInstance().dgemm}, which on this machine is the pure-Java {@code Java11BLAS}:
 * no native BLAS is installed, and the Vector API needs {@code --add-modules}). Machine: 2-core
 * AMD EPYC (AVX2), loaded by other builds (load average 5 to 12), so each figure is the best of
 * 50 to 70 rounds and the ranges span repeated runs; batch 32, {@code h × h} weights:
 * <table>
 *   <caption>milliseconds per product (GFLOP/s)</caption>
 *   <tr><th>product</th><th>kernel</th><th>h = 256</th><th>h = 1024</th></tr>
 *   <tr><td>x·Wᵀ</td><td>dot-product loop, 1 accumulator</td><td>1.49 (2.8)</td><td>27.7 (2.4)</td></tr>
 *   <tr><td>x·Wᵀ</td><td>dot-product loop, 2 × 2 block</td><td>0.63 (6.6)</td><td>11.7 (5.7)</td></tr>
 *   <tr><td>x·Wᵀ</td><td><b>4 × 4 block (kept)</b></td><td>0.39 (10.8)</td><td>6.5 to 6.8 (9.9 to 10.3)</td></tr>
 *   <tr><td>x·Wᵀ</td><td>BLAS dgemm</td><td>0.39 to 0.41 (10.2 to 10.8)</td><td>6.7 to 8.5 (7.9 to 10.0)</td></tr>
 *   <tr><td>dy·W</td><td><b>axpy, 2 rows × 4 terms (kept)</b></td><td>0.47 to 0.57 (7.4 to 9.0)</td><td>8.5 to 10.5 (6.4 to 7.9)</td></tr>
 *   <tr><td>dy·W</td><td>BLAS dgemm</td><td>0.46 to 0.48 (8.7 to 9.2)</td><td>6.9 to 9.2 (7.3 to 9.7)</td></tr>
 *   <tr><td>dyᵀ·x</td><td><b>axpy, 2 rows × 4 terms (kept)</b></td><td>0.51 to 0.52 (8.0 to 8.3)</td><td>8.9 to 11.1 (6.1 to 7.6)</td></tr>
 *   <tr><td>dyᵀ·x</td><td>BLAS dgemm</td><td>0.49 to 0.68 (6.1 to 8.5)</td><td>8.5 to 10.7 (6.3 to 7.9)</td></tr>
 * </table>
 * The loops are kept: they match {@code Java11BLAS} within the noise for two of the three
 * products and trail it by up to about 20% for {@code dy·W} at {@code h = 1024}, while BLAS
 * allocates 0.2 to 0.75 MB of packing buffers per product (about 2 MB per MLP gradient, so the
 * reverse sweep and replay would no longer be allocation-free), and its summation order, so the
 * last bits, depends on which implementation {@code getInstance()} finds (native, Vector API or
 * Java). Plain Java cannot vectorize a dot product (it may not reorder a floating-point sum), so
 * every kernel here runs at scalar speed, about two multiply-adds per cycle at best. So the
 * {@code tape} module depends on Commons Math alone.
 *
 * <h2>Other kernels</h2>
 * Sums run in index order. The losses and their derivatives are in {@link LossRules}.
 */
final class Kernels {
    /** Columns per tile in the backward products: a few rows of a tile fit in the L1 cache. */
    private static final int TILE = 256;

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
        if (batch == 0 || in == 0 || out == 0) {
            return;
        }
        int o = 0;
        for (; o + 3 < out; o += 4) { // four rows of W stay in cache while every row of x passes
            int w0 = wOff + o * in;
            int r = 0;
            for (; r + 3 < batch; r += 4) {
                dot4x4(x, xOff + r * in, w, w0, y, yOff + r * out + o, in, out);
            }
            for (; r < batch; r++) {
                for (int q = 0; q < 4; q++) {
                    y[yOff + r * out + o + q] += dot(x, xOff + r * in, w, w0 + q * in, in);
                }
            }
        }
        for (; o < out; o++) {
            for (int r = 0; r < batch; r++) {
                y[yOff + r * out + o] += dot(x, xOff + r * in, w, wOff + o * in, in);
            }
        }
    }

    /** Sixteen dot products of four rows of x with four rows of W, each summed in index order. */
    private static void dot4x4(double[] x, int x0, double[] w, int w0, double[] y, int y0, int in, int out) {
        int x1 = x0 + in;
        int x2 = x1 + in;
        int x3 = x2 + in;
        int w1 = w0 + in;
        int w2 = w1 + in;
        int w3 = w2 + in;
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (int i = 0; i < in; i++) {
            double a0 = x[x0 + i], a1 = x[x1 + i], a2 = x[x2 + i], a3 = x[x3 + i];
            double c0 = w[w0 + i], c1 = w[w1 + i], c2 = w[w2 + i], c3 = w[w3 + i];
            s00 += a0 * c0; s01 += a0 * c1; s02 += a0 * c2; s03 += a0 * c3;
            s10 += a1 * c0; s11 += a1 * c1; s12 += a1 * c2; s13 += a1 * c3;
            s20 += a2 * c0; s21 += a2 * c1; s22 += a2 * c2; s23 += a2 * c3;
            s30 += a3 * c0; s31 += a3 * c1; s32 += a3 * c2; s33 += a3 * c3;
        }
        y[y0] += s00; y[y0 + 1] += s01; y[y0 + 2] += s02; y[y0 + 3] += s03;
        y0 += out;
        y[y0] += s10; y[y0 + 1] += s11; y[y0 + 2] += s12; y[y0 + 3] += s13;
        y0 += out;
        y[y0] += s20; y[y0 + 1] += s21; y[y0 + 2] += s22; y[y0 + 3] += s23;
        y0 += out;
        y[y0] += s30; y[y0 + 1] += s31; y[y0 + 2] += s32; y[y0 + 3] += s33;
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
        if (batch == 0 || in == 0 || out == 0) {
            return;
        }
        for (int t0 = 0; t0 < in; t0 += TILE) { // a tile of columns: its rows of dx stay in cache
            int t1 = Math.min(in, t0 + TILE);
            int o = 0;
            for (; o + 3 < out; o += 4) {
                int w0 = wOff + o * in;
                int w1 = w0 + in;
                int w2 = w1 + in;
                int w3 = w2 + in;
                int r = 0;
                for (; r + 1 < batch; r += 2) { // two rows of dx share each load of W
                    int g = dyOff + r * out + o;
                    int h = g + out;
                    double g0 = dy[g], g1 = dy[g + 1], g2 = dy[g + 2], g3 = dy[g + 3];
                    double h0 = dy[h], h1 = dy[h + 1], h2 = dy[h + 2], h3 = dy[h + 3];
                    int d0 = dxOff + r * in;
                    int d1 = d0 + in;
                    for (int k = t0; k < t1; k++) {
                        double a0 = w[w0 + k], a1 = w[w1 + k], a2 = w[w2 + k], a3 = w[w3 + k];
                        dx[d0 + k] += g0 * a0 + g1 * a1 + g2 * a2 + g3 * a3;
                        dx[d1 + k] += h0 * a0 + h1 * a1 + h2 * a2 + h3 * a3;
                    }
                }
                for (; r < batch; r++) {
                    int g = dyOff + r * out + o;
                    double g0 = dy[g], g1 = dy[g + 1], g2 = dy[g + 2], g3 = dy[g + 3];
                    int d0 = dxOff + r * in;
                    for (int k = t0; k < t1; k++) {
                        dx[d0 + k] += g0 * w[w0 + k] + g1 * w[w1 + k] + g2 * w[w2 + k] + g3 * w[w3 + k];
                    }
                }
            }
            for (; o < out; o++) {
                int w0 = wOff + o * in;
                for (int r = 0; r < batch; r++) {
                    double g0 = dy[dyOff + r * out + o];
                    int d0 = dxOff + r * in;
                    for (int k = t0; k < t1; k++) {
                        dx[d0 + k] += g0 * w[w0 + k];
                    }
                }
            }
        }
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
        if (batch == 0 || in == 0 || out == 0) {
            return;
        }
        for (int t0 = 0; t0 < in; t0 += 2 * TILE) {
            int t1 = Math.min(in, t0 + 2 * TILE);
            int o = 0;
            for (; o + 1 < out; o += 2) { // two rows of dW share each load of x
                int e0 = dwOff + o * in;
                int e1 = e0 + in;
                int r = 0;
                for (; r + 3 < batch; r += 4) {
                    int g = dyOff + r * out + o;
                    double g0 = dy[g], g1 = dy[g + out], g2 = dy[g + 2 * out], g3 = dy[g + 3 * out];
                    double h0 = dy[g + 1], h1 = dy[g + out + 1], h2 = dy[g + 2 * out + 1], h3 = dy[g + 3 * out + 1];
                    int x0 = xOff + r * in;
                    int x1 = x0 + in;
                    int x2 = x1 + in;
                    int x3 = x2 + in;
                    for (int k = t0; k < t1; k++) {
                        double a0 = x[x0 + k], a1 = x[x1 + k], a2 = x[x2 + k], a3 = x[x3 + k];
                        dw[e0 + k] += g0 * a0 + g1 * a1 + g2 * a2 + g3 * a3;
                        dw[e1 + k] += h0 * a0 + h1 * a1 + h2 * a2 + h3 * a3;
                    }
                }
                for (; r < batch; r++) {
                    double g0 = dy[dyOff + r * out + o];
                    double h0 = dy[dyOff + r * out + o + 1];
                    int x0 = xOff + r * in;
                    for (int k = t0; k < t1; k++) {
                        dw[e0 + k] += g0 * x[x0 + k];
                        dw[e1 + k] += h0 * x[x0 + k];
                    }
                }
            }
            for (; o < out; o++) {
                int e0 = dwOff + o * in;
                for (int r = 0; r < batch; r++) {
                    double g0 = dy[dyOff + r * out + o];
                    int x0 = xOff + r * in;
                    for (int k = t0; k < t1; k++) {
                        dw[e0 + k] += g0 * x[x0 + k];
                    }
                }
            }
        }
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
