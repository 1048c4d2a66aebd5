package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels against the definition, bitwise, on the shapes of {@link GemmTest}
 * (blocks of 4, 8, 12, their tails, chunked depths). Runs in the build's {@code vector-kernels}
 * execution, whose JVM has {@code --add-modules jdk.incubator.vector}.
 */
class VectorGemmTest {
    @Test
    void theModuleIsPresent() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
            "this test needs a JVM started with --add-modules jdk.incubator.vector");
        assertTrue(!VectorGemm.usable() || Gemm.VECTOR, "usable Vector API kernels were not picked");
    }

    @Test
    void vectorKernelsEqualTheDefinitionBitwise() {
        assertVectorKernels(true);
    }

    @Test
    void vectorKernelsEqualTheDefinitionBitwiseWithTheOtherPacking() {
        assertVectorKernels(false);
    }

    /** The three products; the input's adjoint packs {@code W} iff {@code pack}, the weights' iff not. */
    private static void assertVectorKernels(boolean pack) {
        GemmTest.assertAllShapes("Vector API, pack=" + pack, new GemmTest.Product[] {
            (x, xo, w, wo, y, yo, batch, in, out) -> {
                if (!VectorGemm.productTransposed(x, xo, w, wo, y, yo, batch, in, out)) {
                    Gemm.multiply(x, xo, in, 1, w, wo, 1, in, y, yo, out, batch, out, in, Math.max(1, in));
                }
            },
            (dy, go, w, wo, dx, xo, batch, in, out) -> {
                if (!VectorGemm.rowProduct(dy, go, out, 1, w, wo, in, dx, xo, in, batch, in, out, pack)) {
                    Gemm.multiply(dy, go, out, 1, w, wo, in, 1, dx, xo, in, batch, in, out, Gemm.CHUNK);
                }
            },
            (dy, go, x, xo, dw, wo, batch, in, out) -> {
                if (!VectorGemm.rowProduct(dy, go, 1, out, x, xo, in, dw, wo, in, out, in, batch, !pack)) {
                    Gemm.multiply(dy, go, 1, out, x, xo, in, 1, dw, wo, in, out, in, batch, Gemm.CHUNK);
                }
            }});
    }

    @Test
    void smallShapesAreLeftToThePlainLoops() {
        double[] c = {1, 2, 3, 4};
        double[] a = new double[16];
        assertFalse(VectorGemm.productTransposed(a, 0, a, 0, c, 0, 3, 4, 4));
        assertFalse(VectorGemm.rowProduct(a, 0, 4, 1, a, 0, 4, c, 0, 4, 4, 3, 4, true));
        assertArrayEquals(new double[] {1, 2, 3, 4}, c);
    }
}
