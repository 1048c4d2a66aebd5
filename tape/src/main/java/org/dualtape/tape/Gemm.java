package org.dualtape.tape;

/**
 * The matrix products behind {@link Kernels}: one definition of every element, two
 * implementations that compute it bit for bit the same way.
 *
 * <h2>The element</h2>
 * Every product here is {@code C[i][j] += Σ_p A(i,p)·B(p,j)}: the sum starts from 0, adds the
 * products in index order {@code p = 0, 1, ...} (each product rounded, then each sum rounded: no
 * fused multiply-add) and is then added to {@code C}; an empty sum adds nothing (not even
 * {@code + 0}, which would turn {@code -0.0} into {@code 0.0}). That is the plain dot-product loop, so a
 * scalar loss that computes each pre-activation as {@code b + (0 + W_0 a_0 + W_1 a_1 + ...)} gets
 * bitwise the forward product, and the element does not depend on how the work is blocked, on
 * the vector width or on which implementation ran.
 *
 * <h2>Two implementations</h2>
 * <ul>
 *   <li>{@link VectorGemm}: register-blocked micro-kernels on the JDK Vector API (4 × 12 blocks of
 *   256-bit lanes, each lane its own element, so no sum is reordered). Used when the module
 *   {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
 *   {@code --add-modules jdk.incubator.vector}; the project's JMH forks are), the CPU has 256-bit
 *   vectors, and the system property {@code dualtape.vector} is not {@code false}.</li>
 *   <li>the plain loops below, always available: 4 × 4 blocks of scalar accumulators.</li>
 * </ul>
 * Which one ran changes the time only: the tests compare both with the definition bitwise.
 */
final class Gemm {
    /** Whether the Vector API kernels are used (decided once, when the class is initialized). */
    static final boolean VECTOR = vectorAvailable();

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
        // i = r, j = o, p = i: A = x, B(p, o) = W[o][p]
        multiply(x, xOff, in, 1, w, wOff, 1, in, y, yOff, out, batch, out, in);
    }

    /** {@code dx += dy·W}: {@code dx[r][k] += Σ_o dy[r][o] W[o][k]} (see {@link Kernels#addProduct}). */
    static void product(double[] dy, int dyOff, double[] w, int wOff, double[] dx, int dxOff,
                        int batch, int in, int out) {
        if (VECTOR && VectorGemm.rowProduct(dy, dyOff, out, 1, w, wOff, in, dx, dxOff, in, batch, in, out)) {
            return;
        }
        multiply(dy, dyOff, out, 1, w, wOff, in, 1, dx, dxOff, in, batch, in, out);
    }

    /** {@code dW += dyᵀ·x}: {@code dW[o][k] += Σ_r dy[r][o] x[r][k]} (see {@link Kernels#addTransposedProduct}). */
    static void transposedProduct(double[] dy, int dyOff, double[] x, int xOff, double[] dw, int dwOff,
                                  int batch, int in, int out) {
        if (VECTOR && VectorGemm.rowProduct(dy, dyOff, 1, out, x, xOff, in, dw, dwOff, in, out, in, batch)) {
            return;
        }
        multiply(dy, dyOff, 1, out, x, xOff, in, 1, dw, dwOff, in, out, in, batch);
    }

    /**
     * The plain loops: {@code C[i][j] += Σ_p A(i,p)·B(p,j)} for {@code i < m}, {@code j < n},
     * {@code p < depth}, each element summed from 0 in index order, then added. Element
     * {@code A(i,p)} is {@code a[aOff + i·ai + p·ap]}, {@code B(p,j)} is {@code b[bOff + p·bp + j·bj]},
     * {@code C[i][j]} is {@code c[cOff + i·ci + j]}.
     */
    static void multiply(double[] a, int aOff, int ai, int ap, double[] b, int bOff, int bp, int bj,
                         double[] c, int cOff, int ci, int m, int n, int depth) {
        if (m == 0 || n == 0 || depth == 0) {
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
