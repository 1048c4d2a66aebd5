package org.dualtape.tape;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm}'s products on the JDK Vector API: register-blocked micro-kernels that keep a
 * 4 × 12 (or 4 × 8, 4 × 4) block of {@code C} in twelve (eight, four) 256-bit accumulators while
 * the depth index runs, one element per lane, so every element is summed exactly as
 * {@link Gemm#dot} sums it. Loaded only when {@link Gemm#VECTOR} found the module; returns
 * {@code false} for shapes it leaves to the plain loops.
 *
 * <h2>Data layout</h2>
 * A micro-kernel broadcasts four elements of {@code A} (any strides) and loads 12 contiguous
 * elements of a row of {@code B}. The weights' adjoint ({@code dyᵀ·x}) and the input's adjoint
 * ({@code dy·W}) have such rows as they are; the forward product {@code x·Wᵀ} is computed as
 * {@code (W·xᵀ)ᵀ} with {@code xᵀ} packed into a per-thread buffer (a {@code batch × in} copy,
 * small next to {@code W}), its blocks added into {@code y} transposed. The adjoint products
 * run chunk by chunk of the depth ({@link Gemm#CHUNK} rows of {@code B}); for the input's
 * adjoint the chunk's rows of {@code W} are read row by row into one contiguous panel per block
 * column, which every block of rows of {@code dy} then reads (reading the block columns in place,
 * a few doubles from each of many rows, ran at half the speed at h = 1024). The buffers grow to the
 * largest shape seen and are kept: no allocation after warm-up.
 *
 * <h2>What C2 needs</h2>
 * The accumulators start from {@code DoubleVector.zero}: starting them from values loaded out of
 * an array (to continue a chunked sum) made the JDK 17 compiler keep them out of registers and
 * halved the kernels' speed, so a block's sums always start from 0 (which is why the adjoint
 * products are defined chunk by chunk). The vectors never
 * cross a method boundary (a vector argument or return value is boxed).
 */
final class VectorGemm {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    /** The widest block, in columns. */
    private static final int WIDE = 12;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private VectorGemm() {
    }

    /** Per-thread buffers, grown to the largest shape seen. */
    private static final class Scratch {
        double[] packed = new double[0];
        final double[] block = new double[4 * WIDE];
    }

    /** Whether the CPU has vectors of 256 bits or more (else the species would be emulated, slowly). */
    static boolean usable() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= S.vectorBitSize();
    }

    /**
     * {@code y += x·Wᵀ} as in {@link Gemm#productTransposed}.
     *
     * @return false, having done nothing, for shapes left to the plain loops
     */
    static boolean productTransposed(double[] x, int xOff, double[] w, int wOff, double[] y, int yOff,
                                     int batch, int in, int out) {
        if (batch < 4 || out < 4 || in == 0) {
            return false;
        }
        Scratch s = SCRATCH.get();
        int np = (batch + 3) & ~3; // xᵀ's row length: the batch, padded with zeros to whole vectors
        if (s.packed.length < np * in) {
            s.packed = new double[np * in];
        }
        double[] xt = s.packed;
        for (int r = 0; r < batch; r++) {
            for (int i = 0, from = xOff + r * in; i < in; i++) {
                xt[i * np + r] = x[from + i];
            }
        }
        for (int r = batch; r < np; r++) {
            for (int i = 0; i < in; i++) {
                xt[i * np + r] = 0;
            }
        }
        double[] block = s.block;
        int mv = out & ~3;
        for (int o = 0; o < mv; o += 4) { // four rows of W stay in cache while xᵀ passes
            int a0 = wOff + o * in;
            int r = 0;
            while (r < np) {
                int width = kernel(w, a0, in, 1, xt, r, np, in, block, 0, WIDE, false, np - r);
                for (int q = 0; q < 4; q++) {
                    int to = yOff + o + q;
                    for (int l = 0, n = Math.min(width, batch - r); l < n; l++) {
                        y[to + (r + l) * out] += block[q * WIDE + l];
                    }
                }
                r += width;
            }
        }
        if (mv < out) {
            Gemm.multiply(x, xOff, in, 1, w, wOff + mv * in, 1, in, y, yOff + mv, out, batch, out - mv, in, in);
        }
        return true;
    }

    /**
     * {@code C[i][j] += Σ_p A(i,p)·B(p,j)}, the depth in {@link Gemm#CHUNK}s, with {@code B}'s rows contiguous:
     * {@code A(i,p) = a[aOff + i·ai + p·ap]}, {@code B(p,j) = b[bOff + p·bp + j]},
     * {@code C[i][j] = c[cOff + i·ci + j]}.
     *
     * @param pack whether to copy each block column of {@code B} into a contiguous panel first
     *     and run the blocks of rows of {@code A} over it (for a deep {@code B} with long rows);
     *     else every block of {@code A}'s rows runs over the whole width of {@code B} in place
     * @return false, having done nothing, for shapes left to the plain loops
     */
    static boolean rowProduct(double[] a, int aOff, int ai, int ap, double[] b, int bOff, int bp,
                              double[] c, int cOff, int ci, int m, int n, int depth, boolean pack) {
        if (m < 4 || n < 4 || depth == 0) {
            return false;
        }
        int mv = m & ~3;
        int nv = n & ~3;
        for (int p0 = 0; p0 < depth; p0 += Gemm.CHUNK) { // Gemm's chunks: a chunk's rows of B stay in cache
            int d = Math.min(Gemm.CHUNK, depth - p0);
            int a0 = aOff + p0 * ap;
            int b0 = bOff + p0 * bp;
            if (pack) { // the chunk's rows of B, read row by row, into one panel per block column
                Scratch s = SCRATCH.get();
                int size = d * (nv + 8);
                if (s.packed.length < size) {
                    s.packed = new double[size];
                }
                double[] panel = s.packed;
                for (int p = 0; p < d; p++) {
                    int from = b0 + p * bp;
                    int j = 0;
                    while (j < nv) {
                        int width = nv - j >= WIDE ? WIDE : nv - j >= 8 ? 8 : 4;
                        for (int k = 0, to = j * d + p * WIDE; k < width; k++) {
                            panel[to + k] = b[from + j + k];
                        }
                        j += width;
                    }
                }
                int j = 0;
                while (j < nv) {
                    int width = nv - j >= WIDE ? WIDE : nv - j >= 8 ? 8 : 4;
                    for (int i = 0; i < mv; i += 4) {
                        kernel(a, a0 + i * ai, ai, ap, panel, j * d, WIDE, d, c, cOff + i * ci + j, ci, true, width);
                    }
                    j += width;
                }
            } else {
                for (int i = 0; i < mv; i += 4) {
                    int j = 0;
                    while (j < nv) {
                        j += kernel(a, a0 + i * ai, ai, ap, b, b0 + j, bp, d, c, cOff + i * ci + j, ci, true, nv - j);
                    }
                }
            }
        }
        if (mv < m) {
            Gemm.multiply(a, aOff + mv * ai, ai, ap, b, bOff, bp, 1, c, cOff + mv * ci, ci, m - mv, n, depth, Gemm.CHUNK);
        }
        if (nv < n) {
            Gemm.multiply(a, aOff, ai, ap, b, bOff + nv, bp, 1, c, cOff + nv, ci, mv, n - nv, depth, Gemm.CHUNK);
        }
        return true;
    }

    /**
     * One block of four rows by the widest of 12, 8 or 4 columns that {@code room} allows: sums
     * {@code depth} products from 0, then adds the sums into {@code dst} (row stride {@code ld})
     * or stores them there.
     *
     * @return the block's width
     */
    private static int kernel(double[] a, int a0, int ai, int ap, double[] b, int b0, int bp, int depth,
                              double[] dst, int d0, int ld, boolean add, int room) {
        if (room >= 12) {
            kernel4x12(a, a0, ai, ap, b, b0, bp, depth, dst, d0, ld, add);
            return 12;
        }
        if (room >= 8) {
            kernel4x8(a, a0, ai, ap, b, b0, bp, depth, dst, d0, ld, add);
            return 8;
        }
        kernel4x4(a, a0, ai, ap, b, b0, bp, depth, dst, d0, ld, add);
        return 4;
    }

    private static void kernel4x12(double[] a, int a0, int ai, int ap, double[] b, int b0, int bp, int depth,
                                   double[] dst, int d0, int ld, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c02 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c12 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c22 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c32 = DoubleVector.zero(S);
        int ia = a0;
        int ib = b0;
        for (int p = 0; p < depth; p++, ia += ap, ib += bp) {
            DoubleVector y0 = DoubleVector.fromArray(S, b, ib);
            DoubleVector y1 = DoubleVector.fromArray(S, b, ib + 4);
            DoubleVector y2 = DoubleVector.fromArray(S, b, ib + 8);
            DoubleVector x = DoubleVector.broadcast(S, a[ia]);
            c00 = c00.add(x.mul(y0));
            c01 = c01.add(x.mul(y1));
            c02 = c02.add(x.mul(y2));
            x = DoubleVector.broadcast(S, a[ia + ai]);
            c10 = c10.add(x.mul(y0));
            c11 = c11.add(x.mul(y1));
            c12 = c12.add(x.mul(y2));
            x = DoubleVector.broadcast(S, a[ia + 2 * ai]);
            c20 = c20.add(x.mul(y0));
            c21 = c21.add(x.mul(y1));
            c22 = c22.add(x.mul(y2));
            x = DoubleVector.broadcast(S, a[ia + 3 * ai]);
            c30 = c30.add(x.mul(y0));
            c31 = c31.add(x.mul(y1));
            c32 = c32.add(x.mul(y2));
        }
        int d1 = d0 + ld;
        int d2 = d1 + ld;
        int d3 = d2 + ld;
        if (add) { // C + Σ, as the plain loops' c[...] += s
            c00 = DoubleVector.fromArray(S, dst, d0).add(c00);
            c01 = DoubleVector.fromArray(S, dst, d0 + 4).add(c01);
            c02 = DoubleVector.fromArray(S, dst, d0 + 8).add(c02);
            c10 = DoubleVector.fromArray(S, dst, d1).add(c10);
            c11 = DoubleVector.fromArray(S, dst, d1 + 4).add(c11);
            c12 = DoubleVector.fromArray(S, dst, d1 + 8).add(c12);
            c20 = DoubleVector.fromArray(S, dst, d2).add(c20);
            c21 = DoubleVector.fromArray(S, dst, d2 + 4).add(c21);
            c22 = DoubleVector.fromArray(S, dst, d2 + 8).add(c22);
            c30 = DoubleVector.fromArray(S, dst, d3).add(c30);
            c31 = DoubleVector.fromArray(S, dst, d3 + 4).add(c31);
            c32 = DoubleVector.fromArray(S, dst, d3 + 8).add(c32);
        }
        c00.intoArray(dst, d0);
        c01.intoArray(dst, d0 + 4);
        c02.intoArray(dst, d0 + 8);
        c10.intoArray(dst, d1);
        c11.intoArray(dst, d1 + 4);
        c12.intoArray(dst, d1 + 8);
        c20.intoArray(dst, d2);
        c21.intoArray(dst, d2 + 4);
        c22.intoArray(dst, d2 + 8);
        c30.intoArray(dst, d3);
        c31.intoArray(dst, d3 + 4);
        c32.intoArray(dst, d3 + 8);
    }

    private static void kernel4x8(double[] a, int a0, int ai, int ap, double[] b, int b0, int bp, int depth,
                                  double[] dst, int d0, int ld, boolean add) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        int ia = a0;
        int ib = b0;
        for (int p = 0; p < depth; p++, ia += ap, ib += bp) {
            DoubleVector y0 = DoubleVector.fromArray(S, b, ib);
            DoubleVector y1 = DoubleVector.fromArray(S, b, ib + 4);
            DoubleVector x = DoubleVector.broadcast(S, a[ia]);
            c00 = c00.add(x.mul(y0));
            c01 = c01.add(x.mul(y1));
            x = DoubleVector.broadcast(S, a[ia + ai]);
            c10 = c10.add(x.mul(y0));
            c11 = c11.add(x.mul(y1));
            x = DoubleVector.broadcast(S, a[ia + 2 * ai]);
            c20 = c20.add(x.mul(y0));
            c21 = c21.add(x.mul(y1));
            x = DoubleVector.broadcast(S, a[ia + 3 * ai]);
            c30 = c30.add(x.mul(y0));
            c31 = c31.add(x.mul(y1));
        }
        int d1 = d0 + ld;
        int d2 = d1 + ld;
        int d3 = d2 + ld;
        if (add) {
            c00 = DoubleVector.fromArray(S, dst, d0).add(c00);
            c01 = DoubleVector.fromArray(S, dst, d0 + 4).add(c01);
            c10 = DoubleVector.fromArray(S, dst, d1).add(c10);
            c11 = DoubleVector.fromArray(S, dst, d1 + 4).add(c11);
            c20 = DoubleVector.fromArray(S, dst, d2).add(c20);
            c21 = DoubleVector.fromArray(S, dst, d2 + 4).add(c21);
            c30 = DoubleVector.fromArray(S, dst, d3).add(c30);
            c31 = DoubleVector.fromArray(S, dst, d3 + 4).add(c31);
        }
        c00.intoArray(dst, d0);
        c01.intoArray(dst, d0 + 4);
        c10.intoArray(dst, d1);
        c11.intoArray(dst, d1 + 4);
        c20.intoArray(dst, d2);
        c21.intoArray(dst, d2 + 4);
        c30.intoArray(dst, d3);
        c31.intoArray(dst, d3 + 4);
    }

    private static void kernel4x4(double[] a, int a0, int ai, int ap, double[] b, int b0, int bp, int depth,
                                  double[] dst, int d0, int ld, boolean add) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = DoubleVector.zero(S);
        DoubleVector c2 = DoubleVector.zero(S);
        DoubleVector c3 = DoubleVector.zero(S);
        int ia = a0;
        int ib = b0;
        for (int p = 0; p < depth; p++, ia += ap, ib += bp) {
            DoubleVector y = DoubleVector.fromArray(S, b, ib);
            c0 = c0.add(DoubleVector.broadcast(S, a[ia]).mul(y));
            c1 = c1.add(DoubleVector.broadcast(S, a[ia + ai]).mul(y));
            c2 = c2.add(DoubleVector.broadcast(S, a[ia + 2 * ai]).mul(y));
            c3 = c3.add(DoubleVector.broadcast(S, a[ia + 3 * ai]).mul(y));
        }
        if (add) {
            c0 = DoubleVector.fromArray(S, dst, d0).add(c0);
            c1 = DoubleVector.fromArray(S, dst, d0 + ld).add(c1);
            c2 = DoubleVector.fromArray(S, dst, d0 + 2 * ld).add(c2);
            c3 = DoubleVector.fromArray(S, dst, d0 + 3 * ld).add(c3);
        }
        c0.intoArray(dst, d0);
        c1.intoArray(dst, d0 + ld);
        c2.intoArray(dst, d0 + 2 * ld);
        c3.intoArray(dst, d0 + 3 * ld);
    }
}
