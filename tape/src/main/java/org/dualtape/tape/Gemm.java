package org.dualtape.tape;

/**
 * The matrix products behind {@link Kernels}: one definition of every element, two
 * implementations that compute it bit for bit the same way.
 *
 * <h2>The element</h2>
 * Every product here is {@code C[i][j] += Σ_p A(i,p)·B(p,j)}. In the forward product
 * {@code x·Wᵀ} the sum starts from 0, adds the products in index order {@code p = 0, 1, ...}
 * (each product rounded, then each sum rounded: no fused multiply-add) and is then added to
 * {@code C}; an empty sum adds nothing (not even {@code + 0}, which would turn {@code -0.0} into
 * {@code 0.0}). That is the plain dot-product loop, so a scalar loss that computes each
 * pre-activation as {@code b + (0 + W_0 a_0 + W_1 a_1 + ...)} gets bitwise the forward product.
 * The two adjoint products split the depth into chunks of {@link #CHUNK}: each chunk's sum is
 * formed so, then added to {@code C}, chunk after chunk ({@code C = (C + S_0) + S_1 + ...}).
 * That lets a fast kernel keep a chunk's rows of {@code W} in cache (reading a column of
 * {@code W} down all its rows visits one page per row); gradients need agree only to rounding
 * with other orders, but they too are the same whatever the blocking, the vector width or the
 * implementation.
 *
 * <h2>Two implementations</h2>
 * <ul>
 *   <li>{@link VectorGemm}: register-blocked micro-kernels on the JDK Vector API (4 × 12 blocks of
 *   256-bit lanes, each lane its own element, so no sum is reordered). Used when the module
 *   {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
 *   {@code --add-modules jdk.incubator.vector}; the project's JMH forks are), the CPU has 256-bit
 *   vectors, and the system property {@code dualtape.vector} is not {@code false}.</li>
 *   <li>the plain loops below, always available: for the forward product sixteen dot products
 *   at a time (4 × 4 scalar accumulators, the loop this class replaced in {@link Kernels}); for
 *   the two adjoint products {@code axpy} passes that the JIT vectorizes over contiguous columns,
 *   four terms per pass written {@code t = t + g0·a0 + g1·a1 + g2·a2 + g3·a3} (Java adds left to
 *   right, so that is the index order), into per-thread rows of partial sums that start at 0
 *   and are added to the result at the end.</li>
 * </ul>
 * Which one ran changes the time only: the tests compare both with the definition bitwise.
 */
final class Gemm {
    /** Whether the Vector API kernels are used (decided once, when the class is initialized). */
    static final boolean VECTOR = vectorAvailable();
    /** Depth per chunk of the adjoint products (a multiple of 4). */
    static final int CHUNK = 64;
    /** Columns per pass of the adjoint loops: their rows of partial sums stay in the L1 cache. */
    private static final int TILE = 256;
    /** The plain loops' partial sums, per thread, grown to the largest shape seen. */
    private static final ThreadLocal<double[][]> SUMS = ThreadLocal.withInitial(() -> new double[1][0]);

    private Gemm() {
    }

    private static boolean vectorAvailable() {
        if ("false".equalsIgnoreCase(System.getProperty("dualtape.vector"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorGemm.usable();
        } catch (LinkageError e) {
            return false; // a runtime without the module's classes: the plain loops
        }
    }

    /** {@code y += x·Wᵀ}: {@code y[r][o] += Σ_i x[r][i] W[o][i]} (see {@link Kernels#addProductTransposed}). */
    static void productTransposed(double[] x, int xOff, double[] w, int wOff, double[] y, int yOff,
                                  int batch, int in, int out) {
        if (VECTOR && VectorGemm.productTransposed(x, xOff, w, wOff, y, yOff, batch, in, out)) {
            return;
        }
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
                    y[yOff + r * out + o + q] += dot(x, xOff + r * in, 1, w, w0 + q * in, 1, in);
                }
            }
        }
        for (; o < out; o++) {
            for (int r = 0; r < batch; r++) {
                y[yOff + r * out + o] += dot(x, xOff + r * in, 1, w, wOff + o * in, 1, in);
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

    /** {@code dx += dy·W}: {@code dx[r][k] += Σ_o dy[r][o] W[o][k]} (see {@link Kernels#addProduct}). */
    static void product(double[] dy, int dyOff, double[] w, int wOff, double[] dx, int dxOff,
                        int batch, int in, int out) {
        if (VECTOR && VectorGemm.rowProduct(dy, dyOff, out, 1, w, wOff, in, dx, dxOff, in, batch, in, out, true)) {
            return;
        }
        if (batch == 0 || in == 0 || out == 0) {
            return;
        }
        int tile = Math.max(1, Math.min(TILE, 8 * TILE / batch)); // the batch's rows of sums: 16 kB at most
        double[] t = sums(batch * tile);
        for (int t0 = 0; t0 < in; t0 += tile) { // a tile of columns: the batch's rows of sums stay in cache
            int n = Math.min(in, t0 + tile) - t0;
            for (int c0 = 0; c0 < out; c0 += CHUNK) {
                productChunk(dy, dyOff, w, wOff, dx, dxOff, batch, in, out, t, t0, n, c0, Math.min(out, c0 + CHUNK));
            }
        }
    }

    /** One chunk {@code [c0, c1)} of {@code o} for the columns {@code [t0, t0 + n)}: sums from 0 in {@code t}, then added. */
    private static void productChunk(double[] dy, int dyOff, double[] w, int wOff, double[] dx, int dxOff,
                                     int batch, int in, int out, double[] t, int t0, int n, int c0, int c1) {
        java.util.Arrays.fill(t, 0, batch * n, 0.0);
        int o = c0;
        for (; o + 3 < c1; o += 4) {
            int w0 = wOff + o * in + t0;
            int w1 = w0 + in;
            int w2 = w1 + in;
            int w3 = w2 + in;
            int r = 0;
            for (; r + 1 < batch; r += 2) { // two rows of sums share each load of W
                int g = dyOff + r * out + o;
                int h = g + out;
                double g0 = dy[g], g1 = dy[g + 1], g2 = dy[g + 2], g3 = dy[g + 3];
                double h0 = dy[h], h1 = dy[h + 1], h2 = dy[h + 2], h3 = dy[h + 3];
                int d0 = r * n;
                int d1 = d0 + n;
                for (int k = 0; k < n; k++) {
                    double a0 = w[w0 + k], a1 = w[w1 + k], a2 = w[w2 + k], a3 = w[w3 + k];
                    t[d0 + k] = t[d0 + k] + g0 * a0 + g1 * a1 + g2 * a2 + g3 * a3;
                    t[d1 + k] = t[d1 + k] + h0 * a0 + h1 * a1 + h2 * a2 + h3 * a3;
                }
            }
            for (; r < batch; r++) {
                int g = dyOff + r * out + o;
                double g0 = dy[g], g1 = dy[g + 1], g2 = dy[g + 2], g3 = dy[g + 3];
                int d0 = r * n;
                for (int k = 0; k < n; k++) {
                    t[d0 + k] = t[d0 + k] + g0 * w[w0 + k] + g1 * w[w1 + k] + g2 * w[w2 + k] + g3 * w[w3 + k];
                }
            }
        }
        for (; o < c1; o++) {
            int w0 = wOff + o * in + t0;
            for (int r = 0; r < batch; r++) {
                double g0 = dy[dyOff + r * out + o];
                int d0 = r * n;
                for (int k = 0; k < n; k++) {
                    t[d0 + k] = t[d0 + k] + g0 * w[w0 + k];
                }
            }
        }
        for (int r = 0; r < batch; r++) {
            addInto(t, r * n, dx, dxOff + r * in + t0, n);
        }
    }

    /** {@code dW += dyᵀ·x}: {@code dW[o][k] += Σ_r dy[r][o] x[r][k]} (see {@link Kernels#addTransposedProduct}). */
    static void transposedProduct(double[] dy, int dyOff, double[] x, int xOff, double[] dw, int dwOff,
                                  int batch, int in, int out) {
        if (VECTOR && VectorGemm.rowProduct(dy, dyOff, 1, out, x, xOff, in, dw, dwOff, in, out, in, batch, false)) {
            return;
        }
        if (batch == 0 || in == 0 || out == 0) {
            return;
        }
        int tile = Math.min(in, 2 * TILE);
        double[] t = sums(2 * tile);
        for (int t0 = 0; t0 < in; t0 += tile) {
            int n = Math.min(in, t0 + tile) - t0;
            for (int o = 0; o < out; o += 2) { // two rows of dW share each load of x
                boolean two = o + 1 < out;
                for (int c0 = 0; c0 < batch; c0 += CHUNK) {
                    transposedProductChunk(dy, dyOff, x, xOff, dw, dwOff, in, out, t, t0, n, o, two, c0,
                        Math.min(batch, c0 + CHUNK));
                }
            }
        }
    }

    /** One chunk {@code [c0, c1)} of {@code r} for rows {@code o} (and {@code o + 1} if {@code two}) of {@code dW}. */
    private static void transposedProductChunk(double[] dy, int dyOff, double[] x, int xOff, double[] dw, int dwOff,
                                               int in, int out, double[] t, int t0, int n, int o, boolean two,
                                               int c0, int c1) {
        java.util.Arrays.fill(t, 0, 2 * n, 0.0);
        int r = c0;
        for (; r + 3 < c1; r += 4) {
            int g = dyOff + r * out + o;
            double g0 = dy[g], g1 = dy[g + out], g2 = dy[g + 2 * out], g3 = dy[g + 3 * out];
            double h0 = two ? dy[g + 1] : 0, h1 = two ? dy[g + out + 1] : 0;
            double h2 = two ? dy[g + 2 * out + 1] : 0, h3 = two ? dy[g + 3 * out + 1] : 0;
            int x0 = xOff + r * in + t0;
            int x1 = x0 + in;
            int x2 = x1 + in;
            int x3 = x2 + in;
            for (int k = 0; k < n; k++) {
                double a0 = x[x0 + k], a1 = x[x1 + k], a2 = x[x2 + k], a3 = x[x3 + k];
                t[k] = t[k] + g0 * a0 + g1 * a1 + g2 * a2 + g3 * a3;
                t[n + k] = t[n + k] + h0 * a0 + h1 * a1 + h2 * a2 + h3 * a3;
            }
        }
        for (; r < c1; r++) {
            double g0 = dy[dyOff + r * out + o];
            double h0 = two ? dy[dyOff + r * out + o + 1] : 0;
            int x0 = xOff + r * in + t0;
            for (int k = 0; k < n; k++) {
                t[k] = t[k] + g0 * x[x0 + k];
                t[n + k] = t[n + k] + h0 * x[x0 + k];
            }
        }
        addInto(t, 0, dw, dwOff + o * in + t0, n);
        if (two) {
            addInto(t, n, dw, dwOff + (o + 1) * in + t0, n);
        }
    }

    /** {@code c[c0 + k] += t[t0 + k]} for {@code k < n}. */
    private static void addInto(double[] t, int t0, double[] c, int c0, int n) {
        for (int k = 0; k < n; k++) {
            c[c0 + k] += t[t0 + k];
        }
    }

    /** This thread's buffer of at least {@code n} partial sums. */
    private static double[] sums(int n) {
        double[][] holder = SUMS.get();
        if (holder[0].length < n) {
            holder[0] = new double[n];
        }
        return holder[0];
    }

    /**
     * The definition as a loop over any strides, for the edges the Vector API kernels leave:
     * {@code C[i][j] += Σ_p A(i,p)·B(p,j)} for {@code i < m}, {@code j < n},
     * {@code p < depth}, the depth in chunks of {@code chunk} (the whole depth for the forward
     * product), each chunk's sum from 0 in index order, then added. Element
     * {@code A(i,p)} is {@code a[aOff + i·ai + p·ap]}, {@code B(p,j)} is {@code b[bOff + p·bp + j·bj]},
     * {@code C[i][j]} is {@code c[cOff + i·ci + j]}.
     */
    static void multiply(double[] a, int aOff, int ai, int ap, double[] b, int bOff, int bp, int bj,
                         double[] c, int cOff, int ci, int m, int n, int depth, int chunk) {
        for (int p0 = 0; p0 < depth; p0 += chunk) {
            int d = Math.min(chunk, depth - p0);
            multiplyChunk(a, aOff + p0 * ap, ai, ap, b, bOff + p0 * bp, bp, bj, c, cOff, ci, m, n, d);
        }
    }

    private static void multiplyChunk(double[] a, int aOff, int ai, int ap, double[] b, int bOff, int bp, int bj,
                                      double[] c, int cOff, int ci, int m, int n, int depth) {
        if (m == 0 || n == 0) {
            return;
        }
        int j = 0;
        for (; j + 3 < n; j += 4) { // four columns of B stay in cache while every row of A passes
            int i = 0;
            for (; i + 3 < m; i += 4) {
                block4x4(a, aOff + i * ai, ai, ap, b, bOff + j * bj, bp, bj, c, cOff + i * ci + j, ci, depth);
            }
            for (; i < m; i++) {
                for (int q = 0; q < 4; q++) {
                    c[cOff + i * ci + j + q] += dot(a, aOff + i * ai, ap, b, bOff + (j + q) * bj, bp, depth);
                }
            }
        }
        for (; j < n; j++) {
            for (int i = 0; i < m; i++) {
                c[cOff + i * ci + j] += dot(a, aOff + i * ai, ap, b, bOff + j * bj, bp, depth);
            }
        }
    }

    /** {@code Σ_p a[a0 + p·ap] b[b0 + p·bp]} from 0 in index order. */
    static double dot(double[] a, int a0, int ap, double[] b, int b0, int bp, int depth) {
        double s = 0;
        for (int p = 0; p < depth; p++) {
            s += a[a0 + p * ap] * b[b0 + p * bp];
        }
        return s;
    }

    /** Sixteen elements, rows {@code a0 + {0..3}·ai} of A by columns {@code b0 + {0..3}·bj} of B. */
    private static void block4x4(double[] a, int a0, int ai, int ap, double[] b, int b0, int bp, int bj,
                                 double[] c, int c0, int ci, int depth) {
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        int ia = a0;
        int ib = b0;
        for (int p = 0; p < depth; p++, ia += ap, ib += bp) {
            double x0 = a[ia], x1 = a[ia + ai], x2 = a[ia + 2 * ai], x3 = a[ia + 3 * ai];
            double y0 = b[ib], y1 = b[ib + bj], y2 = b[ib + 2 * bj], y3 = b[ib + 3 * bj];
            s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
            s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
            s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
            s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
        }
        c[c0] += s00; c[c0 + 1] += s01; c[c0 + 2] += s02; c[c0 + 3] += s03;
        c0 += ci;
        c[c0] += s10; c[c0 + 1] += s11; c[c0 + 2] += s12; c[c0 + 3] += s13;
        c0 += ci;
        c[c0] += s20; c[c0 + 1] += s21; c[c0 + 2] += s22; c[c0 + 3] += s23;
        c0 += ci;
        c[c0] += s30; c[c0 + 1] += s31; c[c0 + 2] += s32; c[c0 + 3] += s33;
    }
}
