package org.dualtape.compare.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.SparseGradient;
import org.apache.commons.math3.util.Decimal64;
import org.dualtape.compare.complex.ComplexNumber;
import org.dualtape.compare.complex.ComplexStep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written backprop and the generic loss on Commons Math's types and complex step. */
class GradientTest {
    /**
     * Gradients by different exact methods differ only by rounding in different orders: measured
     * normwise ({@code max |g − r| / max |r|}) they agree to a few hundred ulps at most.
     */
    static final double GRADIENT_TOLERANCE = 1e-13;
    /**
     * DerivativeStructure and SparseGradient evaluate with FastMath, which differs from Math in
     * the last bit for about a third of tanh arguments: the loss may move by a few ulps.
     */
    static final double FASTMATH_ULPS = 8;

    static Stream<MlpSpec> specs() {
        return MlpFixtures.allKinds(5, new int[] {4, 3}, 3).stream();
    }

    static Stream<MlpSpec> binarySpecs() {
        return Stream.of(new MlpSpec(2, new int[] {5}, 1, Activation.TANH, LossKind.BINARY_CROSS_ENTROPY),
                new MlpSpec(2, new int[] {5}, 1, Activation.RELU, LossKind.QUADRATIC));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void backpropEqualsDerivativeStructure(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = MlpFixtures.perturbed(p, 21);
        int n = w.length;
        DerivativeStructure[] x = new DerivativeStructure[n];
        for (int k = 0; k < n; k++) {
            x[k] = new DerivativeStructure(n, 1, k, w[k]);
        }
        DerivativeStructure loss = p.loss(x);
        double[] expected = new double[n];
        int[] orders = new int[n];
        for (int k = 0; k < n; k++) {
            orders[k] = 1;
            expected[k] = loss.getPartialDerivative(orders);
            orders[k] = 0;
        }
        double[] g = new double[n];
        double value = p.lossAndGradient(w, g);
        assertEquals(value, loss.getValue(), FASTMATH_ULPS * Math.ulp(value));
        assertGradient(expected, g, GRADIENT_TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource({"specs", "binarySpecs"})
    void backpropEqualsSparseGradient(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = MlpFixtures.perturbed(p, 22);
        SparseGradient[] x = new SparseGradient[w.length];
        for (int k = 0; k < w.length; k++) {
            x[k] = SparseGradient.createVariable(k, w[k]);
        }
        SparseGradient loss = p.loss(x);
        double[] expected = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            expected[k] = loss.getDerivative(k);
        }
        double[] g = new double[w.length];
        double value = p.lossAndGradient(w, g);
        assertEquals(value, loss.getValue(), FASTMATH_ULPS * Math.ulp(value));
        assertGradient(expected, g, GRADIENT_TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource({"specs", "binarySpecs"})
    void complexStepRealPartIsTheDoubleLossBitwise(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = MlpFixtures.perturbed(p, 23);
        double expected = p.loss(w);
        ComplexNumber[] z = new ComplexNumber[w.length];
        for (int k = 0; k < w.length; k++) {
            z[k] = ComplexNumber.real(w[k]);
        }
        assertBitwise(expected, p.loss(z).re());
        for (int k = 0; k < w.length; k += 5) { // a step in some coordinates: still bitwise
            z[k] = ComplexNumber.of(w[k], ComplexStep.DEFAULT_STEP);
            assertBitwise(expected, p.loss(z).re());
            z[k] = ComplexNumber.real(w[k]);
        }
    }

    @ParameterizedTest
    @MethodSource({"specs", "binarySpecs"})
    void complexStepEqualsBackprop(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = MlpFixtures.perturbed(p, 24);
        double[] g = new double[w.length];
        p.lossAndGradient(w, g);
        Function<ComplexNumber[], ComplexNumber> loss = p::loss;
        assertGradient(g, ComplexStep.gradient(loss, w), GRADIENT_TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void genericBackpropInDecimal64EqualsTheFlatBackprop(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = MlpFixtures.perturbed(p, 25);
        Decimal64[] x = new Decimal64[w.length];
        Decimal64[] gx = new Decimal64[w.length];
        for (int k = 0; k < w.length; k++) {
            x[k] = new Decimal64(w[k]);
        }
        Decimal64 value = GenericBackprop.lossAndGradient(p, x, gx);
        double[] g = new double[w.length];
        assertEquals(p.lossAndGradient(w, g), value.doubleValue(), FASTMATH_ULPS * Math.ulp(value.doubleValue()));
        double[] expected = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            expected[k] = gx[k].doubleValue();
        }
        assertGradient(expected, g, GRADIENT_TOLERANCE);
    }

    static void assertBitwise(double expected, double actual) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> "expected " + expected + " bitwise, got " + actual);
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    /** Normwise: {@code max_k |actual_k − expected_k| ≤ tolerance · max_k |expected_k|}. */
    static void assertGradient(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        double scale = maxAbs(expected);
        assertTrue(scale > 0, "a zero gradient tests nothing");
        for (int k = 0; k < expected.length; k++) {
            double err = Math.abs(actual[k] - expected[k]);
            int index = k;
            assertTrue(err <= tolerance * scale, () -> "component " + index + ": expected " + expected[index]
                    + ", got " + actual[index] + " (error " + err / scale + " of the largest component)");
        }
    }
}
