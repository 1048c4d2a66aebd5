package org.dualtape.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dualtape.dual.Dual;
import org.dualtape.dual.Forward;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmarked functions: the plain baseline computes bitwise what the generic version computes
 * (the benchmarks' ratios compare the same arithmetic), and the modulo-free Lorenz-96 is the
 * cyclic system of its definition.
 */
class FunctionsTest {

    /** Lorenz-96 by its definition, with cyclic indices taken modulo n: the reference. */
    private static double[] lorenz96ByDefinition(double[] x) {
        int n = x.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double next = x[(i + 1) % n];
            double prev2 = x[(i + n - 2) % n];
            double prev = x[(i + n - 1) % n];
            y[i] = (next - prev2) * prev - x[i] + Functions.LORENZ_FORCING;
        }
        return y;
    }

    private static Dual[] constants(double[] x) {
        Dual[] d = new Dual[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = Dual.constant(x[i]);
        }
        return d;
    }

    private static double[] values(Dual[] d) {
        double[] v = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            v[i] = d[i].value();
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 10, 40})
    void lorenz96PlainIsBitwiseTheDefinitionAndTheGenericVersion(int n) {
        double[] x = Functions.randomPoint(n, 10);
        double[] plain = new double[n];
        Functions.lorenz96(x, plain);
        // assertArrayEquals on doubles compares bits (as Double.equals): -0.0 differs from 0.0
        assertArrayEquals(lorenz96ByDefinition(x), plain);
        assertArrayEquals(plain, values(Functions.lorenz96(constants(x))));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 10})
    void lorenz96JacobianHasTheFourCyclicNeighbours(int n) {
        double[] x = Functions.randomPoint(n, 10);
        double[][] j = Forward.jacobian(Functions::lorenz96, x);
        for (int i = 0; i < n; i++) {
            double[] expected = new double[n];
            // ∂/∂x[i+1] = x[i-1], ∂/∂x[i-2] = -x[i-1], ∂/∂x[i-1] = x[i+1] - x[i-2], ∂/∂x[i] = -1,
            // summed where indices coincide (n = 3: i + 1 ≡ i - 2)
            expected[(i + 1) % n] += x[(i + n - 1) % n];
            expected[(i + n - 2) % n] += -x[(i + n - 1) % n];
            expected[(i + n - 1) % n] += x[(i + 1) % n] - x[(i + n - 2) % n];
            expected[i] += -1;
            for (int k = 0; k < n; k++) {
                assertEquals(expected[k], j[i][k], 1e-12 * (1 + Math.abs(expected[k])), "J[" + i + "][" + k + "]");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void lorenz96RejectsFewerThanThreeVariables(int n) {
        double[] x = new double[n];
        assertThrows(IllegalArgumentException.class, () -> Functions.lorenz96(x, new double[n]));
        assertThrows(IllegalArgumentException.class, () -> Functions.lorenz96(constants(x)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 2.0, 7.25})
    void sphericalPlainIsBitwiseTheGenericVersion(double r) {
        double[] x = {r, 0.75, -2.5};
        double[] plain = new double[3];
        Functions.spherical(x, plain);
        assertArrayEquals(plain, values(Functions.spherical(constants(x))));
    }
}
