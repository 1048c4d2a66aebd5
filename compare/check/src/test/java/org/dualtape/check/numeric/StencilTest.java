package org.dualtape.check.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.FiniteDifferencesDifferentiator;
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StencilTest {
    /** Machine epsilon 2⁻⁵². */
    private static final double EPS = Math.ulp(1.0);
    /** Seed of the accuracy sample; constant so the measured worst case is reproducible. */
    private static final long SEED = 42;

    private static ToDoubleFunction<double[]> coordinate0(DoubleUnaryOperator g) {
        return x -> g.applyAsDouble(x[0]);
    }

    private static double partial(Stencil s, DoubleUnaryOperator g, double t, double h) {
        return s.partial(coordinate0(g), new double[] {t}, 0, h, g.applyAsDouble(t));
    }

    /** Halving h divides the truncation error by 2^order; steps chosen where truncation dominates rounding. */
    @ParameterizedTest
    @EnumSource(Stencil.class)
    void halvingTheStepShowsTheOrderOfAccuracy(Stencil s) {
        int order = switch (s) {
            case FORWARD -> 1;
            case CENTRAL -> 2;
            case RICHARDSON -> 4;
        };
        double h = s == Stencil.RICHARDSON ? 0.2 : 1e-2;
        double t = 0.7;
        double exact = Math.exp(t);
        double errorAtH = Math.abs(partial(s, Math::exp, t, h) - exact);
        double errorAtHalf = Math.abs(partial(s, Math::exp, t, h / 2) - exact);
        double ratio = errorAtH / errorAtHalf;
        double expected = Math.pow(2, order);
        // The next term of the expansion changes the ratio by O(h): allow 10 %.
        assertEquals(expected, ratio, 0.1 * expected, () -> s + " error ratio " + ratio);
    }

    /** Worst error relative to max(|f'|, |f|) of five unit-scale functions at their default steps. */
    @ParameterizedTest
    @EnumSource(Stencil.class)
    void defaultStepsReachTheirAccuracy(Stencil s) {
        // Optimal-step theory: ε^(1/2), ε^(2/3), ε^(4/5); a factor 4 covers the derivative constants.
        double bound = 4 * switch (s) {
            case FORWARD -> Math.sqrt(EPS);
            case CENTRAL -> Math.pow(EPS, 2.0 / 3);
            case RICHARDSON -> Math.pow(EPS, 0.8);
        };
        DoubleUnaryOperator[] fs = {Math::exp, Math::sin, Math::log, Math::atan, t -> 1 / (1 + t * t)};
        DoubleUnaryOperator[] ds = {Math::exp, Math::cos, t -> 1 / t, t -> 1 / (1 + t * t),
            t -> -2 * t / ((1 + t * t) * (1 + t * t))};
        for (int k = 0; k < fs.length; k++) {
            Random random = new Random(SEED);
            double worst = 0;
            for (int p = 0; p < 200; p++) {
                double t = k == 2 ? 1 + 5 * random.nextDouble() : -3 + 6 * random.nextDouble();
                double error = Math.abs(partial(s, fs[k], t, s.defaultStep(t)) - ds[k].applyAsDouble(t));
                worst = Math.max(worst, error / Math.max(Math.abs(ds[k].applyAsDouble(t)), Math.abs(fs[k].applyAsDouble(t))));
            }
            assertTrue(worst < bound, s + " function " + k + " worst " + worst + " bound " + bound);
        }
    }

    @Test
    void defaultStepFollowsTheDocumentedRule() {
        assertEquals(Math.sqrt(EPS), Stencil.FORWARD.defaultStep(0.5));
        assertEquals(Math.cbrt(EPS) * 3, Stencil.CENTRAL.defaultStep(-3));
        assertEquals(Math.pow(EPS, 0.2) * 1e6, Stencil.RICHARDSON.defaultStep(1e6));
        assertThrows(IllegalArgumentException.class, () -> Stencil.CENTRAL.defaultStep(Double.NaN));
    }

    /** Commons Math's differentiator is an independent oracle: same stencil, its own arithmetic. */
    @Test
    void agreesWithCommonsMathFiniteDifferences() {
        UnivariateDifferentiableFunction sin = new FiniteDifferencesDifferentiator(2, 2e-3)
                .differentiate((double t) -> Math.sin(t));
        UnivariateDifferentiableFunction sin5 = new FiniteDifferencesDifferentiator(5, 0.5e-1)
                .differentiate((double t) -> Math.sin(t));
        double t = 0.3;
        double theirs2 = sin.value(new DerivativeStructure(1, 1, 0, t)).getPartialDerivative(1);
        double theirs5 = sin5.value(new DerivativeStructure(1, 1, 0, t)).getPartialDerivative(1);
        // Same points up to the rounding of the step: rounding error ε·|f|/h apart at most.
        assertEquals(theirs2, partial(Stencil.CENTRAL, Math::sin, t, 1e-3), 10 * EPS / 1e-3);
        // A 5-point polynomial's slope at the centre is the Richardson formula (centre weight 0).
        assertEquals(theirs5, partial(Stencil.RICHARDSON, Math::sin, t, 1e-1), 10 * EPS / 1e-1);
    }

    @ParameterizedTest
    @EnumSource(Stencil.class)
    void perturbsOnlyCoordinateIAndRestoresItBitExactly(Stencil s) {
        double[] x = {0.1, -0.0, 1e300, Double.MIN_VALUE, -7.25};
        double[] copy = x.clone();
        List<double[]> seen = new ArrayList<>();
        ToDoubleFunction<double[]> f = y -> {
            seen.add(y.clone());
            return y[1] * y[1] + y[3];
        };
        for (int i = 0; i < x.length; i++) {
            seen.clear();
            s.partial(f, x, i, Math.max(1e-6, Math.abs(x[i]) * 1e-6), 0.0);
            assertEquals(s.evaluations(), seen.size(), "evaluations");
            for (double[] y : seen) {
                for (int j = 0; j < x.length; j++) {
                    if (j != i) {
                        assertEquals(Double.doubleToRawLongBits(copy[j]), Double.doubleToRawLongBits(y[j]));
                    }
                }
            }
            for (int j = 0; j < x.length; j++) {
                assertEquals(Double.doubleToRawLongBits(copy[j]), Double.doubleToRawLongBits(x[j]), "x[" + j + "]");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Stencil.class)
    void restoresXWhenTheFunctionThrows(Stencil s) {
        double[] x = {-0.0, 2.5};
        ToDoubleFunction<double[]> f = y -> {
            throw new IllegalStateException("boom");
        };
        assertThrows(IllegalStateException.class, () -> s.partial(f, x, 0, 1e-3, 0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(x[0]));
        assertEquals(2.5, x[1]);
    }

    @ParameterizedTest
    @EnumSource(Stencil.class)
    void rejectsBadInputBeforeEvaluating(Stencil s) {
        int[] calls = {0};
        ToDoubleFunction<double[]> f = y -> ++calls[0];
        double[] x = {1.0, Double.NaN};
        assertThrows(NullPointerException.class, () -> s.partial(null, x, 0, 1e-3, 0));
        assertThrows(NullPointerException.class, () -> s.partial(f, null, 0, 1e-3, 0));
        assertThrows(IllegalArgumentException.class, () -> s.partial(f, x, 2, 1e-3, 0));
        assertThrows(IllegalArgumentException.class, () -> s.partial(f, x, -1, 1e-3, 0));
        assertThrows(IllegalArgumentException.class, () -> s.partial(f, new double[0], 0, 1e-3, 0));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> s.partial(f, x, 1, 1e-3, 0));
        assertTrue(nan.getMessage().contains("x[1]"), nan.getMessage());
        for (double h : new double[] {0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.partial(f, x, 0, h, 0));
            assertTrue(e.getMessage().contains("step"), e.getMessage());
        }
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class, () -> s.partial(f, x, 0, 1e-17, 0));
        assertTrue(tiny.getMessage().contains("vanishes"), tiny.getMessage());
        assertEquals(0, calls[0], "no evaluation before the input is checked");
    }

    @Test
    void evaluationCounts() {
        assertEquals(1, Stencil.FORWARD.evaluations());
        assertEquals(2, Stencil.CENTRAL.evaluations());
        assertEquals(4, Stencil.RICHARDSON.evaluations());
    }

    @Test
    void nonFiniteValuesPassThrough() {
        double d = Stencil.CENTRAL.partial(y -> y[0] > 1 ? Double.POSITIVE_INFINITY : 0, new double[] {1.0}, 0, 1e-3, 0);
        assertEquals(Double.POSITIVE_INFINITY, d);
        assertTrue(Double.isNaN(Stencil.FORWARD.partial(y -> 1.0, new double[] {1.0}, 0, 1e-3, Double.NaN)));
    }
}
