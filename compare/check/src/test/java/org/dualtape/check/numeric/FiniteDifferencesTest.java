package org.dualtape.check.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FiniteDifferencesTest {
    /** Seed of the Ridders sample; constant so the measured counts in the Javadoc are reproducible. */
    private static final long SEED = 42;

    private static double rosenbrock(double[] x) {
        double sum = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * a * a + b * b;
        }
        return sum;
    }

    /** Hand-checked: Rosenbrock at (0.1, 0.2, 0.3) has gradient (-9.4, 15.6, 52.0). */
    @ParameterizedTest
    @EnumSource(Stencil.class)
    void rosenbrockGradient(Stencil s) {
        // Forward's truncation h·f''/2 with f'' up to 200 and h ≈ 1.5e-8: about 3e-6.
        double tolerance = s == Stencil.FORWARD ? 1e-5 : 1e-8;
        double[] x = {0.1, 0.2, 0.3};
        assertArrayEquals(new double[] {-9.4, 15.6, 52.0}, FiniteDifferences.gradient(s, FiniteDifferencesTest::rosenbrock, x), tolerance);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, x, 0.0);
    }

    @ParameterizedTest
    @EnumSource(Stencil.class)
    void defaultStepIsTheRelativeStepScaledByTheCoordinate(Stencil s) {
        double[] x = {0.25, -3.0, 40.0};
        ToDoubleFunction<double[]> f = y -> Math.sin(y[0]) * Math.exp(y[1] / 10) + Math.log(y[2]);
        double[] byDefault = FiniteDifferences.gradient(s, f, x);
        assertArrayEquals(byDefault, FiniteDifferences.gradient(s, f, x, s.relativeStep()), 0.0);
        double fx = f.applyAsDouble(x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(s.partial(f, x, i, s.defaultStep(x[i]), fx), byDefault[i], 0.0, "coordinate " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Stencil.class)
    void evaluationCount(Stencil s) {
        int[] calls = {0};
        FiniteDifferences.gradient(s, y -> ++calls[0] * 0.0 + y[0], new double[5], 1e-3);
        assertEquals(5 * s.evaluations() + (s == Stencil.FORWARD ? 1 : 0), calls[0]);
    }

    @ParameterizedTest
    @EnumSource(Stencil.class)
    void badInputIsRejectedBeforeAnyEvaluation(Stencil s) {
        int[] calls = {0};
        ToDoubleFunction<double[]> f = y -> ++calls[0];
        assertThrows(NullPointerException.class, () -> FiniteDifferences.gradient(null, f, new double[1]));
        assertThrows(NullPointerException.class, () -> FiniteDifferences.gradient(s, null, new double[1]));
        assertThrows(NullPointerException.class, () -> FiniteDifferences.gradient(s, f, null));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.gradient(s, f, new double[0]));
        assertTrue(empty.getMessage().contains("at least 1"), empty.getMessage());
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FiniteDifferences.gradient(s, f, new double[] {1, 2, bad}));
            assertTrue(e.getMessage().contains("x[2]"), e.getMessage());
        }
        for (double h : new double[] {0, -1e-6, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.gradient(s, f, new double[] {1}, h));
        }
        assertEquals(0, calls[0]);
    }

    /** Measures what the Javadoc quotes: how often and by how much the true error exceeds the estimate. */
    @Test
    void riddersEstimateBoundsTrueError() {
        DoubleUnaryOperator[] fs = {Math::exp, Math::sin, Math::log, Math::atan, t -> 1 / (1 + t * t)};
        DoubleUnaryOperator[] ds = {Math::exp, Math::cos, t -> 1 / t, t -> 1 / (1 + t * t),
            t -> -2 * t / ((1 + t * t) * (1 + t * t))};
        int exceeded = 0;
        double worstFactor = 0;
        double worstRelative = 0;
        for (int k = 0; k < fs.length; k++) {
            Random random = new Random(SEED);
            for (int p = 0; p < 200; p++) {
                double t = k == 2 ? 1 + 5 * random.nextDouble() : -3 + 6 * random.nextDouble();
                FiniteDifferences.Estimate e = FiniteDifferences.ridders(fs[k], t, 0.1 * Math.max(1, Math.abs(t)));
                double exact = ds[k].applyAsDouble(t);
                double error = Math.abs(e.value() - exact);
                if (error > e.error()) {
                    exceeded++;
                }
                worstFactor = Math.max(worstFactor, error / e.error());
                worstRelative = Math.max(worstRelative, error / Math.max(Math.abs(exact), Math.abs(fs[k].applyAsDouble(t))));
            }
        }
        assertTrue(exceeded <= 2, "estimate exceeded at " + exceeded + " of 1000 points");
        assertTrue(worstFactor < 20, "worst error/estimate " + worstFactor);
        assertTrue(worstRelative < 1e-11, "worst relative error " + worstRelative);
    }

    @Test
    void riddersOnExp() {
        FiniteDifferences.Estimate e = FiniteDifferences.ridders(Math::exp, 1.0, 0.1);
        assertEquals(Math.E, e.value(), 1e-14 * Math.E);
        assertTrue(e.error() >= Math.abs(e.value() - Math.E), "estimate " + e.error());
        assertTrue(e.error() < 1e-12, "estimate " + e.error());
    }

    @Test
    void riddersBadInputAndNaN() {
        assertThrows(NullPointerException.class, () -> FiniteDifferences.ridders(null, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.ridders(Math::exp, Double.NaN, 0.1));
        assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.ridders(Math::exp, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.ridders(Math::exp, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.ridders(Math::exp, 1e20, 1e-10));
        FiniteDifferences.Estimate e = FiniteDifferences.ridders(t -> Double.NaN, 0, 0.1);
        assertTrue(Double.isNaN(e.value()) && Double.isNaN(e.error()));
    }

    @Test
    void riddersEachEqualsRiddersPerComponent() {
        DoubleUnaryOperator[] fs = {Math::exp, Math::sin, t -> 1 / (1 + t * t), t -> 3.0, Math::cbrt};
        FiniteDifferences.Estimate[] each = FiniteDifferences.riddersEach(t -> {
            double[] values = new double[fs.length];
            for (int k = 0; k < fs.length; k++) {
                values[k] = fs[k].applyAsDouble(t);
            }
            return values;
        }, 0.4, 0.1);
        for (int k = 0; k < fs.length; k++) {
            assertEquals(FiniteDifferences.ridders(fs[k], 0.4, 0.1), each[k], "component " + k);
        }
    }

    /**
     * Noise beyond rounding in the values: {@code sin t + 1e-9 sin(1e9 t)}, whose wobble varies far
     * faster than any step. Passed as {@code noise}, it widens only the error bound, which then
     * holds at every point; without it the bound fails at some.
     */
    @Test
    void riddersEachWithNoiseBoundsANoisyFunction() {
        double sigma = 1e-9;
        DoubleFunction<double[]> noisy = t -> new double[] {Math.sin(t) + sigma * Math.sin(1e9 * t)};
        Random random = new Random(SEED);
        int exceededWith = 0;
        int exceededWithout = 0;
        for (int p = 0; p < 200; p++) {
            double t = -3 + 6 * random.nextDouble();
            FiniteDifferences.Estimate with = FiniteDifferences.riddersEach(noisy, t, 1e-3, new double[] {sigma})[0];
            FiniteDifferences.Estimate without = FiniteDifferences.riddersEach(noisy, t, 1e-3)[0];
            assertEquals(without.value(), with.value(), "the estimate itself is unchanged");
            assertTrue(with.error() >= without.error());
            double error = Math.abs(with.value() - Math.cos(t));
            exceededWith += error > with.error() ? 1 : 0;
            exceededWithout += error > without.error() ? 1 : 0;
        }
        assertEquals(0, exceededWith);
        assertTrue(exceededWithout > 0, "without the noise the bound never failed");
    }

    @Test
    void riddersEachRejectsBadNoise() {
        DoubleFunction<double[]> g = t -> new double[] {t, t * t};
        for (double[] noise : new double[][] {{0, -1e-9}, {Double.NaN, 0}, {0, Double.POSITIVE_INFINITY}, {0}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FiniteDifferences.riddersEach(g, 0.5, 0.1, noise));
            assertTrue(e.getMessage().contains("noise"), e.getMessage());
        }
        assertArrayEquals(FiniteDifferences.riddersEach(g, 0.5, 0.1), FiniteDifferences.riddersEach(g, 0.5, 0.1, null));
        assertArrayEquals(FiniteDifferences.riddersEach(g, 0.5, 0.1), FiniteDifferences.riddersEach(g, 0.5, 0.1, new double[2]));
    }

    @Test
    void riddersEachRejectsChangingLengths() {
        int[] calls = {0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FiniteDifferences.riddersEach(t -> new double[1 + calls[0]++ % 2], 0, 0.1));
        assertTrue(e.getMessage().contains("length"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.riddersEach(t -> new double[0], 0, 0.1));
    }
}
