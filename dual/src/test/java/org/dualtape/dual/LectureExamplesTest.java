package org.dualtape.dual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Layer 4: hand-checkable values from the lecture notes and from textbook functions, against
 * derivatives worked out by hand (not by the code under test).
 */
class LectureExamplesTest {

    /** Hand-derived formulas evaluated in double: agreement to a few ulps of the largest term. */
    private static final double TOLERANCE = 1e-13;

    @Test
    void nestedExponentialAndSine() {
        // u = e^x + e^2x, u' = e^x + 2e^2x, f' = (e^u + cos u)·u'
        for (double x : new double[] {-2, -0.5, 0, 0.3, 1}) {
            double e = Math.exp(x);
            double u = e + e * e;
            double expected = (Math.exp(u) + Math.cos(u)) * (e + 2 * e * e);
            Dual y = Forward.valueAndDerivative(Functions::lectureF, x);
            assertEquals(expected, y.tangent(), TOLERANCE * Math.abs(expected), "f'(" + x + ")");
            assertEquals(Math.exp(u) + Math.sin(u), y.value(), 0.0, "f(" + x + ") bitwise as plain code");
        }
    }

    @Test
    void lectureL() {
        // L = (a + 3b)c²: ∂a = c² = 16, ∂b = 3c² = 48, ∂c = 2(a + 3b)c = 88
        assertArrayEquals(new double[] {16, 48, 88}, Forward.gradient(Functions::lectureL, new double[] {2, 3, 4}), TOLERANCE);
    }

    @Test
    void logisticLoss() {
        // L = -log σ(w x²), z = w x²: ∂w = -(1 - σ(z)) x², ∂x = -(1 - σ(z)) 2wx
        double[][] points = {{0.5, 1.5}, {-2, 0.7}, {3, -1}, {-200, 2}};
        for (double[] p : points) {
            double w = p[0];
            double x = p[1];
            double z = w * x * x;
            double oneMinusSigma = 1 / (1 + Math.exp(z));
            double[] expected = {-oneMinusSigma * x * x, -oneMinusSigma * 2 * w * x};
            double[] stable = Forward.gradient(v -> v[0].multiply(v[1].multiply(v[1])).logSigmoid().negate(), p);
            assertArrayEquals(expected, stable, TOLERANCE * 2 * Math.abs(w * x) + TOLERANCE, "logSigmoid form at w = " + w + ", x = " + x);
            if (z > -30) { // below, σ(z) loses all digits of 1 - σ and log σ under/overflows
                double[] naive = Forward.gradient(v -> v[0].multiply(v[1].multiply(v[1])).sigmoid().log().negate(), p);
                assertArrayEquals(expected, naive, 1e-12 * (1 + 2 * Math.abs(w * x)), "log(sigmoid) form at w = " + w + ", x = " + x);
            }
        }
        // z = -800: σ(z) underflows to 0, but the stable form still gives L = 800 and ∂w = -x².
        ValueAndGradient r = Forward.valueAndGradient(v -> v[0].multiply(v[1].multiply(v[1])).logSigmoid().negate(), new double[] {-200, 2});
        assertEquals(800, r.value(), 0.0);
        assertEquals(-4, r.gradient(0), 0.0);
    }

    @Test
    void rosenbrock() {
        // ∂0 = -400 x0 (x1 - x0²) - 2(1 - x0) = -9.4; ∂1 = 200(x1 - x0²) - 400 x1 (x2 - x1²) - 2(1 - x1) = 15.6;
        // ∂2 = 200 (x2 - x1²) = 52
        double[] x = {0.1, 0.2, 0.3};
        assertArrayEquals(new double[] {-9.4, 15.6, 52.0}, Forward.gradient(Functions::rosenbrock, x), TOLERANCE * 100);
        ValueAndGradient r = Forward.valueAndGradient(Functions::rosenbrock, x);
        assertEquals(Functions.rosenbrock(x), r.value(), 0.0, "value bitwise as plain code");
    }
}
