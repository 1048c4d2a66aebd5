package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The three products of an affine layer against their definition, bitwise: each element summed
 * from 0 in index order, then added. Through {@link Kernels} (whichever implementation this JVM
 * picked: the plain loops in the default test run) and through the strided loop that handles the
 * Vector API kernels' edges; {@code VectorGemmTest} does the same for the Vector API kernels in a
 * JVM that has the module (where this class runs again, through them).
 */
class GemmTest {
    /** A constant seed, so a failure names a reproducible shape. */
    private static final long SEED = 2718L;
    /** Widths around the block sizes 4, 8 and 12 and one and two chunks of depth 64. */
    static final int[] SIZES = {0, 1, 3, 4, 5, 8, 11, 12, 13, 17, 24, 31, 70, 130};

    /** The definition of {@code y += x·Wᵀ}, one dot product per element (an empty sum adds nothing). */
    static void forwardDefinition(double[] x, int xOff, double[] w, int wOff, double[] y, int yOff,
                                  int batch, int in, int out) {
        if (in == 0) {
            return; // not even + 0, which would turn -0.0 into 0.0
        }
        for (int r = 0; r < batch; r++) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int i = 0; i < in; i++) {
                    s += x[xOff + r * in + i] * w[wOff + o * in + i];
                }
                y[yOff + r * out + o] += s;
            }
        }
    }

    /** The definition of {@code dx += dy·W}: chunks of {@link Gemm#CHUNK} terms, each summed from 0, added in turn. */
    static void inputAdjointDefinition(double[] dy, int dyOff, double[] w, int wOff, double[] dx, int dxOff,
                                       int batch, int in, int out) {
        if (out == 0) {
            return;
        }
        for (int r = 0; r < batch; r++) {
            for (int k = 0; k < in; k++) {
                for (int c = 0; c < out; c += Gemm.CHUNK) {
                    double s = 0;
                    for (int o = c; o < Math.min(out, c + Gemm.CHUNK); o++) {
                        s += dy[dyOff + r * out + o] * w[wOff + o * in + k];
                    }
                    dx[dxOff + r * in + k] += s;
                }
            }
        }
    }

    /** The definition of {@code dW += dyᵀ·x}, chunked as the input's adjoint. */
    static void weightAdjointDefinition(double[] dy, int dyOff, double[] x, int xOff, double[] dw, int dwOff,
                                        int batch, int in, int out) {
        if (batch == 0) {
            return;
        }
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < in; k++) {
                for (int c = 0; c < batch; c += Gemm.CHUNK) {
                    double s = 0;
                    for (int r = c; r < Math.min(batch, c + Gemm.CHUNK); r++) {
                        s += dy[dyOff + r * out + o] * x[xOff + r * in + k];
                    }
                    dw[dwOff + o * in + k] += s;
                }
            }
        }
    }

    /** One of the three products, with the argument order of {@link Kernels}. */
    interface Product {
        void apply(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int batch, int in, int out);
    }

    /** The shapes of a product's operands and result, in doubles: {a, b, c}. */
    static int[] sizes(int kind, int batch, int in, int out) {
        int x = batch * in;
        int w = out * in;
        int y = batch * out;
        return kind == 0 ? new int[] {x, w, y} : kind == 1 ? new int[] {y, w, x} : new int[] {y, x, w};
    }

    /**
     * Runs {@code product} and {@code definition} on the same random operands (placed at an
     * offset, with a few special values) and asserts every element of the result bitwise equal.
     */
    static void assertSameAsDefinition(String name, int kind, Product product, Product definition,
                                       int batch, int in, int out, Random random) {
        int[] n = sizes(kind, batch, in, out);
        int off = random.nextInt(3);
        double[] a = operand(random, off + n[0]);
        double[] b = operand(random, off + n[1]);
        double[] c = operand(random, off + n[2] + 2);
        double[] expected = c.clone();
        definition.apply(a, off, b, off, expected, off, batch, in, out);
        product.apply(a, off, b, off, c, off, batch, in, out);
        assertArrayEquals(expected, c, name + " batch=" + batch + " in=" + in + " out=" + out);
    }

    /** Gaussians, one in about fifty an infinity, a NaN or a signed zero. */
    static double[] operand(Random random, int n) {
        double[] v = VectorNodeTest.gaussian(random, n);
        double[] special = {Double.POSITIVE_INFINITY, Double.NaN, -0.0, 0.0};
        for (int i = 0; i < n; i++) {
            if (random.nextInt(50) == 0) {
                v[i] = special[random.nextInt(special.length)];
            }
        }
        return v;
    }

    static final Product[] DEFINITIONS = {
        GemmTest::forwardDefinition, GemmTest::inputAdjointDefinition, GemmTest::weightAdjointDefinition};

    static void assertAllShapes(String name, Product[] products) {
        Random random = new Random(SEED);
        for (int batch : SIZES) {
            for (int in : SIZES) {
                for (int out : SIZES) {
                    for (int kind = 0; kind < 3; kind++) {
                        assertSameAsDefinition(name + " " + kind, kind, products[kind], DEFINITIONS[kind],
                            batch, in, out, random);
                    }
                }
            }
        }
    }

    @Test
    void kernelsEqualTheDefinitionBitwise() {
        assertAllShapes("Kernels", new Product[] {
            Kernels::addProductTransposed, Kernels::addProduct, Kernels::addTransposedProduct});
    }

    @Test
    void stridedLoopEqualsTheDefinitionBitwise() {
        assertAllShapes("strided loop", new Product[] {
            (x, xo, w, wo, y, yo, batch, in, out) ->
                Gemm.multiply(x, xo, in, 1, w, wo, 1, in, y, yo, out, batch, out, in, Math.max(1, in)),
            (dy, go, w, wo, dx, xo, batch, in, out) ->
                Gemm.multiply(dy, go, out, 1, w, wo, in, 1, dx, xo, in, batch, in, out, Gemm.CHUNK),
            (dy, go, x, xo, dw, wo, batch, in, out) ->
                Gemm.multiply(dy, go, 1, out, x, xo, in, 1, dw, wo, in, out, in, batch, Gemm.CHUNK)});
    }

    @Test
    void affineIsBiasPlusTheProduct() {
        Random random = new Random(SEED);
        int batch = 5;
        int in = 13;
        int out = 9;
        double[] x = VectorNodeTest.gaussian(random, batch * in);
        double[] w = VectorNodeTest.gaussian(random, out * in);
        double[] b = VectorNodeTest.gaussian(random, out);
        double[] y = new double[batch * out];
        Kernels.affine(x, 0, w, 0, b, 0, y, 0, batch, in, out);
        double[] expected = new double[batch * out];
        for (int r = 0; r < batch; r++) {
            System.arraycopy(b, 0, expected, r * out, out);
        }
        forwardDefinition(x, 0, w, 0, expected, 0, batch, in, out);
        assertArrayEquals(expected, y);
    }

    @Test
    void vectorKernelsOnlyWithTheModule() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!module) {
            assertFalse(Gemm.VECTOR, "the Vector API kernels were picked without the module");
        } else {
            assertEquals(!"false".equalsIgnoreCase(System.getProperty("dualtape.vector")) && VectorGemm.usable(),
                Gemm.VECTOR);
        }
    }

    @Test
    void emptyShapesLeaveTheResultAlone() {
        double[] c = {1, 2, 3};
        double[] a = {Double.NaN};
        Kernels.addProductTransposed(a, 0, a, 0, c, 0, 3, 0, 1);
        Kernels.addProduct(a, 0, a, 0, c, 0, 0, 1, 1);
        Kernels.addTransposedProduct(a, 0, a, 0, c, 0, 0, 3, 1);
        assertArrayEquals(new double[] {1, 2, 3}, c);
        assertEquals(3, Arrays.stream(c).filter(v -> v > 0).count());
    }
}
