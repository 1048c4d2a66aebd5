package org.dualtape.dual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Layer 3 for the {@link Forward} API: every chunk size gives bitwise the same gradient, the
 * Jacobian is bitwise {@code jvp} on each unit vector, values are bitwise the plain code's; and
 * bad input fails clearly.
 */
class ForwardTest {

    /** Fixed so that a failure reproduces; any seed works. */
    private static final long SEED = 0xF0A2L;
    /** For J·v against Σ v_j·J[:, j]: a different summation order. */
    private static final double LINEARITY_TOLERANCE = 1e-12;

    private static double[] randomPoint(Random random, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * random.nextDouble() - 1;
        }
        return x;
    }

    private static double[] unit(int n, int j) {
        double[] e = new double[n];
        e[j] = 1;
        return e;
    }

    @Test
    void everyChunkSizeGivesTheSameGradient() {
        Random random = new Random(SEED);
        for (int n : new int[] {1, 2, 5, 13, 26}) {
            double[] x = randomPoint(random, n);
            double[] reference = Forward.gradient(Functions::mixed, x, 1);
            for (int chunk = 1; chunk <= n + 1; chunk++) {
                assertArrayEquals(reference, Forward.gradient(Functions::mixed, x, chunk), 0.0, "n = " + n + ", chunk = " + chunk);
            }
            assertArrayEquals(reference, Forward.gradient(Functions::mixed, x), 0.0, "n = " + n + ", default chunk");
            for (int j = 0; j < n; j++) {
                double viaDual = Forward.directionalDerivative(Functions::mixed, x, unit(n, j));
                assertEquals(viaDual, reference[j], 0.0, "∂" + j + " from a Dual pass, n = " + n);
            }
        }
    }

    @Test
    void someCoordinatesAreTheGradientsComponentsInEveryChunkAndOrder() {
        Random random = new Random(SEED + 3);
        double[] x = randomPoint(random, 13);
        double[] whole = Forward.gradient(Functions::mixed, x, 1);
        int[] coordinates = {12, 0, 5, 7, 3, 11}; // out of order, first and last included
        for (int chunk = 1; chunk <= coordinates.length + 1; chunk++) {
            double[] some = Forward.gradient(Functions::mixed, x, coordinates, chunk);
            assertEquals(coordinates.length, some.length);
            for (int j = 0; j < coordinates.length; j++) {
                assertEquals(whole[coordinates[j]], some[j], 0.0, "∂" + coordinates[j] + ", chunk " + chunk);
            }
        }
        int[] all = new int[x.length];
        Arrays.setAll(all, i -> i);
        assertArrayEquals(whole, Forward.gradient(Functions::mixed, x, all, 4), 0.0);
        assertArrayEquals(whole, Forward.gradientByDuals(Functions::mixed, x), 0.0, "Dual passes, all inputs");
        double[] byDuals = Forward.gradientByDuals(Functions::mixed, x, coordinates);
        for (int j = 0; j < coordinates.length; j++) {
            assertEquals(whole[coordinates[j]], byDuals[j], 0.0, "∂" + coordinates[j] + " by a Dual pass");
        }
    }

    @Test
    void someCoordinatesTakeOnlyTheirPasses() {
        double[] x = randomPoint(new Random(SEED + 4), 100);
        int[] passes = {0};
        Function<MultiDual[], MultiDual> counted = v -> {
            passes[0]++;
            return Functions.rosenbrock(v);
        };
        Forward.gradient(counted, x, new int[] {3, 50, 99, 10, 20}, 2);
        assertEquals(3, passes[0], "⌈5 / 2⌉ passes");
        passes[0] = 0;
        assertEquals(0, Forward.gradient(counted, x, new int[0], 2).length);
        assertEquals(0, passes[0], "no coordinates, no pass");
        int[] dualPasses = {0};
        Forward.gradientByDuals(v -> {
            dualPasses[0]++;
            return Functions.rosenbrock(v);
        }, x, new int[] {1, 2, 3});
        assertEquals(3, dualPasses[0]);
    }

    @Test
    void badCoordinatesAreRejectedBeforeFIsCalled() {
        double[] x = new double[4];
        Function<MultiDual[], MultiDual> never = v -> {
            throw new AssertionError("f must not be called");
        };
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Forward.gradient(never, x, new int[] {0, 4}, 2)), "coordinates[1] = 4", "[0, 4)");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Forward.gradient(never, x, new int[] {-1}, 2)), "-1");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Forward.gradient(never, x, new int[] {2, 1, 2}, 2)), "coordinate 2", "twice");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Forward.gradient(never, x, new int[] {1}, 0)), "chunk", "0");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Forward.gradientByDuals(v -> v[0], x, new int[] {3, 3})), "twice");
        assertMessage(assertThrows(NullPointerException.class,
                () -> Forward.gradient(never, x, null, 2)), "coordinates");
        assertMessage(assertThrows(NullPointerException.class,
                () -> Forward.gradientByDuals(null, x)), "f");
    }

    @Test
    void dualPassesRefuseAnotherCallsNumbers() {
        // the inner call captures the outer call's Dual argument and returns it
        assertThrows(IllegalStateException.class, () -> Forward.derivative(
                t -> Dual.constant(Forward.gradientByDuals(v -> t, new double[] {1})[0]), 1));
    }

    @Test
    void jacobianIsJvpOnEachUnitVector() {
        Random random = new Random(SEED + 1);
        double[] x = randomPoint(random, 5);
        for (int chunk = 1; chunk <= 6; chunk++) {
            double[][] jacobian = Forward.jacobian(Functions::vector, x, chunk);
            assertEquals(3, jacobian.length);
            for (int j = 0; j < 5; j++) {
                double[] column = Forward.jvp(Functions::vector, x, unit(5, j));
                for (int i = 0; i < 3; i++) {
                    assertEquals(column[i], jacobian[i][j], 0.0, "J[" + i + "][" + j + "], chunk " + chunk);
                }
            }
        }
        assertArrayEquals(Forward.jacobian(Functions::vector, x, 1), Forward.jacobian(Functions::vector, x));
        double[] v = randomPoint(random, 5);
        double[] jv = Forward.jvp(Functions::vector, x, v);
        double[][] jacobian = Forward.jacobian(Functions::vector, x);
        for (int i = 0; i < 3; i++) {
            double sum = 0;
            double scale = 0;
            for (int j = 0; j < 5; j++) {
                sum += jacobian[i][j] * v[j];
                scale += Math.abs(jacobian[i][j] * v[j]);
            }
            assertEquals(sum, jv[i], LINEARITY_TOLERANCE * scale, "(J·v)[" + i + "]");
        }
    }

    @Test
    void valuesComeBackBitwise() {
        Random random = new Random(SEED + 2);
        double[] x = randomPoint(random, 7);
        assertEquals(Functions.rosenbrock(x), Forward.valueAndGradient(Functions::rosenbrock, x, 3).value(), 0.0);
        double[] p = Arrays.copyOf(x, 5);
        Dual[] y = Forward.valueAndJvp(Functions::vector, p, unit(5, 0));
        assertEquals(p[0] * p[1] + Math.sin(p[2]), y[0].value(), 0.0);
        Dual d = Forward.valueAndDerivative(t -> t.multiply(t).sin(), 0.7);
        assertEquals(Math.sin(0.7 * 0.7), d.value(), 0.0);
        assertEquals(Math.cos(0.7 * 0.7) * 2 * 0.7, d.tangent(), 1e-15);
        assertEquals(d.tangent(), Forward.derivative(t -> t.multiply(t).sin(), 0.7), 0.0);
    }

    @Test
    void inputsAreNotModified() {
        double[] x = {0.1, 0.2, 0.3};
        double[] v = {1, 2, 3};
        Forward.gradient(Functions::rosenbrock, x, 2);
        Forward.jvp(Functions::vector, new double[] {1, 2, 3, 4, 5}, new double[] {1, 0, 0, 0, 0});
        Forward.directionalDerivative(Functions::rosenbrock, x, v);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, x, 0.0);
        assertArrayEquals(new double[] {1, 2, 3}, v, 0.0);
    }

    @Test
    void noInputs() {
        ValueAndGradient r = Forward.valueAndGradient(x -> MultiDual.constant(4, 0), new double[0]);
        assertEquals(4, r.value(), 0.0);
        assertEquals(0, r.size());
        double[][] jacobian = Forward.jacobian(x -> new MultiDual[] {MultiDual.constant(1, 0), MultiDual.constant(2, 0)}, new double[0]);
        assertEquals(2, jacobian.length);
        assertEquals(0, jacobian[0].length);
    }

    @Test
    void constantsInsideTheFunctionWork() {
        // user-built numbers carry no tag and mix with the call's seeds
        assertEquals(3, Forward.derivative(t -> t.multiply(Dual.constant(3)), 1), 0.0);
        assertArrayEquals(new double[] {2, 0},
                Forward.gradient(x -> x[0].multiply(x[0].getField().getOne().multiply(2)), new double[] {1, 5}), 0.0);
        assertArrayEquals(new double[] {0, 0}, Forward.gradient(x -> x[0].getField().getOne(), new double[] {1, 5}), 0.0);
    }

    // ---- bad input ---------------------------------------------------------------------------

    private static void assertMessage(RuntimeException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "\"" + e.getMessage() + "\" should mention " + part);
        }
    }

    @Test
    void nullsAreRejected() {
        assertMessage(assertThrows(NullPointerException.class, () -> Forward.derivative(null, 1)), "f");
        assertMessage(assertThrows(NullPointerException.class, () -> Forward.gradient(null, new double[1])), "f");
        assertMessage(assertThrows(NullPointerException.class, () -> Forward.gradient(Functions::rosenbrock, null)), "x");
        assertMessage(assertThrows(NullPointerException.class, () -> Forward.gradient(Functions::rosenbrock, null, 2)), "x");
        assertMessage(assertThrows(NullPointerException.class, () -> Forward.jacobian(Functions::vector, null)), "x");
        assertMessage(assertThrows(NullPointerException.class, () -> Forward.jvp(Functions::vector, new double[5], null)), "v");
        assertMessage(assertThrows(NullPointerException.class, () -> Forward.jvp(null, new double[5], new double[5])), "f");
    }

    @Test
    void mismatchedSizesAreRejectedNamingThem() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Forward.jvp(Functions::vector, new double[5], new double[4])), "4", "5");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Forward.directionalDerivative(Functions::rosenbrock, new double[3], new double[2])), "2", "3");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Forward.gradient(Functions::rosenbrock, new double[3], 0)), "chunk", "0");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Forward.jacobian(Functions::vector, new double[5], -1)), "chunk", "-1");
    }

    @Test
    void badResultsAreRejected() {
        double[] x = {1, 2, 3};
        assertMessage(assertThrows(NullPointerException.class, () -> Forward.derivative(t -> null, 1)), "returned null");
        assertMessage(assertThrows(NullPointerException.class, () -> Forward.gradient(v -> null, x)), "returned null");
        assertMessage(assertThrows(NullPointerException.class, () -> Forward.jacobian(v -> null, x)), "returned null");
        assertMessage(assertThrows(NullPointerException.class, () -> Forward.jacobian(v -> new MultiDual[] {v[0], null}, x)), "output 1");
        assertMessage(assertThrows(NullPointerException.class, () -> Forward.jvp(v -> new Dual[] {null}, x, x)), "output 0");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Forward.gradient(v -> MultiDual.constant(1, 5), x, 2)), "width 5", "width 2");
        int[] calls = {0};
        Function<MultiDual[], MultiDual[]> growing = v -> calls[0]++ == 0 ? new MultiDual[] {v[0]} : new MultiDual[] {v[0], v[1]};
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Forward.jacobian(growing, x, 1)), "2 outputs", "1 on pass 1");
    }
}
