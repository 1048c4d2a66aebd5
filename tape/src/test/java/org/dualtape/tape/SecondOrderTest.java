package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Second order on the scalar tape: {@link Reverse#hvp}, {@link Reverse#hessian} and their
 * {@link Replay} forms against hand-derived Hessians, against Commons Math's
 * {@link DerivativeStructure} of order 2 on every one- and two-argument method of {@code Var}
 * and on a many-operation function, against each other ({@code H·v} is the Hessian times
 * {@code v}), at kinks (the documented convention), and on bad input.
 */
class SecondOrderTest {
    /** Relative to max(1, the largest entry): DS composes Taylor coefficients in another order. */
    private static final double DS_RELATIVE = 1e-12;
    /** Hand-derived Hessians with exact decimal inputs: a few ulps of rounding. */
    private static final double HAND = 1e-12;
    /** H·v against the Hessian times v: the same sweeps, v summed in another order. */
    private static final double PRODUCT_RELATIVE = 1e-14;
    /** Points per case: enough to cover each interval, few enough for a fast suite. */
    private static final int POINTS = 10;
    /** A constant seed, so a failure names a reproducible point. */
    private static final long SEED = 20261202L;

    /** Σ 100 (x_{i+1} - x_i²)² + (1 - x_i)², written as the lecture test writes it. */
    static Var rosenbrock(Var[] x) {
        return MatrixFunctionTest.rosenbrock(x);
    }

    /** By hand: H_ii gets 1200 x_i² - 400 x_{i+1} + 2 and H_{i+1,i+1} 200 per term; H_{i,i+1} = -400 x_i. */
    static double[][] rosenbrockHessian(double[] x) {
        int n = x.length;
        double[][] h = new double[n][n];
        for (int i = 0; i + 1 < n; i++) {
            h[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
            h[i + 1][i + 1] += 200;
            h[i][i + 1] = -400 * x[i];
            h[i + 1][i] = -400 * x[i];
        }
        return h;
    }

    @Test
    void rosenbrockHasForwardDiffsPublishedHessian() {
        double[][] h = Reverse.hessian(SecondOrderTest::rosenbrock, new double[] {0.1, 0.2, 0.3});
        assertMatrix(new double[][] {{-66, -40, 0}, {-40, 130, -80}, {0, -80, 200}}, h, HAND, "Rosenbrock");
    }

    @Test
    void rosenbrockHessianMatchesTheHandFormulaAndHvpAtRandomPoints() {
        Random random = new Random(SEED);
        for (int n : new int[] {2, 5, 12, 2 * SecondOrder.CHUNK + 3}) { // the last: chunks of 16, 16 and 3
            double[] x = gaussian(random, n);
            double[][] expected = rosenbrockHessian(x);
            assertMatrix(expected, Reverse.hessian(SecondOrderTest::rosenbrock, x), HAND * scale(expected), "n = " + n);
            double[] v = gaussian(random, n);
            assertArrayEquals(times(expected, v), Reverse.hvp(SecondOrderTest::rosenbrock, x, v),
                HAND * scale(expected) * n, "H·v, n = " + n);
        }
    }

    @Test
    void lectureExampleHasTheHandHessian() {
        // L = (a + 3b)c² at (2, 3, 4): L_ac = 2c = 8, L_bc = 6c = 24, L_cc = 2(a + 3b) = 22, others 0
        double[][] h = Reverse.hessian(x -> x[0].add(x[1].multiply(3)).multiply(x[2].multiply(x[2])),
            new double[] {2, 3, 4});
        assertMatrix(new double[][] {{0, 0, 8}, {0, 0, 24}, {8, 24, 22}}, h, 0, "(a + 3b)c²");
    }

    @ParameterizedTest
    @EnumSource(UnaryCase.class)
    void unaryMethodsMatchDerivativeStructureOfOrderTwo(UnaryCase c) {
        Random random = new Random(SEED);
        for (int n = 0; n < POINTS; n++) {
            double x = c.low + (c.high - c.low) * random.nextDouble();
            double expected = c.f(new DerivativeStructure(1, 2, 0, x)).getPartialDerivative(2);
            double[][] h = Reverse.hessian(v -> c.f(v[0]), new double[] {x});
            assertClose(expected, h[0][0], DS_RELATIVE * Math.max(1, Math.abs(expected)), c + "'' at " + x);
            double[] hv = Reverse.hvp(v -> c.f(v[0]), new double[] {x}, new double[] {-1.5});
            assertClose(-1.5 * h[0][0], hv[0], PRODUCT_RELATIVE * Math.max(1, Math.abs(hv[0])), c + " H·v at " + x);
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryCase.class)
    void binaryMethodsMatchDerivativeStructureOfOrderTwo(BinaryCase c) {
        Random random = new Random(SEED);
        for (int n = 0; n < POINTS; n++) {
            double[] x = {c.lowX + (c.highX - c.lowX) * random.nextDouble(),
                c.lowY + (c.highY - c.lowY) * random.nextDouble()};
            double[][] expected = derivativeStructureHessian(d -> c.f(d[0], d[1]), x);
            double[][] h = Reverse.hessian(v -> c.f(v[0], v[1]), x);
            assertMatrix(expected, h, DS_RELATIVE * scale(expected), c + " at (" + x[0] + ", " + x[1] + ")");
            double[] v = gaussian(random, 2);
            assertArrayEquals(times(h, v), Reverse.hvp(w -> c.f(w[0], w[1]), x, v),
                PRODUCT_RELATIVE * scale(h) * 4, c + " H·v");
        }
    }

    @Test
    void aManyOperationFunctionMatchesDerivativeStructureAndIsSymmetric() {
        Random random = new Random(SEED);
        for (int n = 0; n < POINTS; n++) {
            double[] x = new double[6];
            for (int i = 0; i < x.length; i++) {
                x[i] = 0.5 + random.nextDouble();
            }
            double[][] expected = derivativeStructureHessian(ReverseVersusForwardTest::scalar, x);
            double[][] h = Reverse.hessian(ReverseVersusForwardTest::scalar, x);
            assertMatrix(expected, h, DS_RELATIVE * scale(expected), "at point " + n);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    assertEquals(h[i][j], h[j][i], 0.0, "symmetric by construction");
                }
            }
        }
    }

    @Test
    void replayedHessiansAndHvpsEqualFreshRecordingsBitwise() {
        Random random = new Random(SEED);
        Function<Var[], Var> f = ReverseVersusForwardTest::scalar;
        Replay replay = Reverse.record(f, new double[] {1, 1, 1, 1, 1, 1});
        for (int n = 0; n < POINTS; n++) {
            double[] x = new double[6];
            for (int i = 0; i < x.length; i++) {
                x[i] = 0.5 + random.nextDouble();
            }
            double[] v = gaussian(random, 6);
            assertMatrix(Reverse.hessian(f, x), replay.hessian(x), 0, "replayed Hessian");
            assertArrayEquals(Reverse.hvp(f, x, v), replay.hvp(x, v), 0, "replayed H·v");
        }
    }

    @Test
    void anInputRecordedAfterOtherEntriesIsSeededToo() {
        // f(x, z) = sin(x)·z² with z recorded after sin(x): H = [[-sin(x) z², 2 cos(x) z], [2 cos(x) z, 2 sin(x)]]
        Tape tape = new Tape();
        Var x = tape.variable(0.7);
        Var s = x.sin();
        Var z = tape.variable(1.3);
        Replay replay = Replay.of(s.multiply(z).multiply(z), x, z);
        double[][] h = replay.hessian(new double[] {0.4, -2});
        double sin = Math.sin(0.4);
        double cos = Math.cos(0.4);
        assertMatrix(new double[][] {{-sin * 4, 2 * cos * -2}, {2 * cos * -2, 2 * sin}}, h, HAND, "sin(x)·z²");
        assertArrayEquals(times(h, new double[] {1, 3}), replay.hvp(new double[] {0.4, -2}, new double[] {1, 3}), HAND);
    }

    @Test
    void piecewiseOperationsAtTheirKinksFollowTheFirstOrderConvention() {
        // abs(+0) is the +x piece, abs(-0) the -x piece: x·|x| has second derivative +2, -2
        assertEquals(2, Reverse.hessian(x -> x[0].abs().multiply(x[0]), new double[] {0.0})[0][0], 0);
        assertEquals(-2, Reverse.hessian(x -> x[0].abs().multiply(x[0]), new double[] {-0.0})[0][0], 0);
        // relu(0) is the zero piece: relu(x)² has second derivative 0 there
        assertEquals(0, Reverse.hessian(x -> x[0].relu().square(), new double[] {0.0})[0][0], 0);
        // max at a tie takes the first argument: max(x, y)² at x = y is x²
        assertMatrix(new double[][] {{2, 0}, {0, 0}}, Reverse.hessian(x -> x[0].max(x[1]).square(), new double[] {1, 1}),
            0, "max at a tie");
        // floor at a jump: derivative 0, second derivative 0, so floor(x)·x is the linear 2x there
        assertEquals(0, Reverse.hessian(x -> x[0].floor().multiply(x[0]), new double[] {2.0})[0][0], 0);
    }

    @Test
    void anUnusedInfiniteSecondDerivativeDoesNotTurnTheHessianIntoNaN() {
        // sqrt''(0) = -∞, but 0·sqrt(y) has adjoint 0 at the sqrt: nothing propagates
        double[][] h = Reverse.hessian(x -> x[0].square().add(x[1].sqrt().multiply(0.0)), new double[] {1, 0});
        assertMatrix(new double[][] {{2, 0}, {0, 0}}, h, 0, "x² + 0·sqrt(y)");
        // a used one is infinite, as the IEEE limit
        assertEquals(Double.NEGATIVE_INFINITY, Reverse.hessian(x -> x[0].sqrt(), new double[] {0})[0][0], 0);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Reverse.hvp(SecondOrderTest::rosenbrock, new double[] {1, 2, 3}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("v has length 2 but x has length 3"), e.getMessage());
        Replay replay = Reverse.record(SecondOrderTest::rosenbrock, new double[] {1, 2, 3});
        e = assertThrows(IllegalArgumentException.class, () -> replay.hvp(new double[] {1, 2, 3}, new double[] {1}));
        assertTrue(e.getMessage().contains("v has length 1 but 3 was expected"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> replay.hessian(new double[] {1, 2}));
        assertTrue(e.getMessage().contains("x has length 2"), e.getMessage());
        Replay vector = Reverse.recordVector(x -> new Var[] {x[0].sin(), x[1].cos()}, new double[] {1, 2});
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> vector.hessian(new double[] {1, 2}));
        assertTrue(s.getMessage().contains("hessian needs a scalar-valued tape, but this replay has 2 outputs"),
            s.getMessage());
        assertThrows(IllegalStateException.class, () -> vector.hvp(new double[] {1, 2}, new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> Reverse.hessian(x -> null, new double[] {1}));
    }

    @Test
    void aReplayThatWouldTakeAnotherBranchRefusesSecondOrderToo() {
        Replay replay = Reverse.record(x -> x[0].abs().multiply(x[0]), new double[] {1});
        assertEquals(2, replay.hessian(new double[] {3})[0][0], 0);
        assertThrows(BranchChangeException.class, () -> replay.hessian(new double[] {-3}));
        assertThrows(BranchChangeException.class, () -> replay.hvp(new double[] {-3}, new double[] {1}));
    }

    // ---------------------------------------------------------------- helpers

    static double[][] derivativeStructureHessian(Function<DerivativeStructure[], DerivativeStructure> f, double[] x) {
        int n = x.length;
        DerivativeStructure[] d = new DerivativeStructure[n];
        for (int i = 0; i < n; i++) {
            d[i] = new DerivativeStructure(n, 2, i, x[i]);
        }
        DerivativeStructure y = f.apply(d);
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int[] orders = new int[n];
                orders[i]++;
                orders[j]++;
                h[i][j] = y.getPartialDerivative(orders);
            }
        }
        return h;
    }

    static double[] gaussian(Random random, int n) {
        return VectorNodeTest.gaussian(random, n);
    }

    static double[] times(double[][] h, double[] v) {
        double[] y = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < v.length; j++) {
                y[i] += h[i][j] * v[j];
            }
        }
        return y;
    }

    /** max(1, the largest |entry|). */
    static double scale(double[][] h) {
        double s = 1;
        for (double[] row : h) {
            for (double e : row) {
                s = Math.max(s, Math.abs(e));
            }
        }
        return s;
    }

    static void assertMatrix(double[][] expected, double[][] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected.length; j++) {
                assertClose(expected[i][j], actual[i][j], tolerance, what + " [" + i + "][" + j + "]");
            }
        }
    }

    static void assertClose(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(expected - actual) <= tolerance || Double.compare(expected, actual) == 0,
            () -> what + ": expected " + expected + ", got " + actual);
    }
}
