package org.dualtape.dual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code Forward.valueAndJacobian} and the into-buffer {@code Forward.jacobian}: the same
 * Jacobian bitwise as {@link Forward#jacobian(Function, double[], int)} for every chunk width, the
 * values bitwise those of constant inputs, and shapes checked before anything is written.
 */
class ValueAndJacobianTest {

    private static final double[] X = {0.3, -1.2, 2.5, 0.7, -0.4};

    /** f evaluated on constants: the plain values, as every number type computes them. */
    private static double[] plainValues(double[] x) {
        MultiDual[] in = new MultiDual[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = MultiDual.constant(x[i], 0);
        }
        MultiDual[] y = Functions.vector(in);
        double[] values = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            values[i] = y[i].value();
        }
        return values;
    }

    @Test
    void oneSetOfPassesGivesTheValuesAndTheJacobianOfEveryChunkWidth() {
        double[] plain = plainValues(X);
        for (int chunk = 1; chunk <= X.length + 1; chunk++) {
            ValueAndJacobian r = Forward.valueAndJacobian(Functions::vector, X, chunk);
            assertArrayEquals(plain, r.values(), 0, "values, chunk " + chunk);
            assertArrayEquals(Forward.jacobian(Functions::vector, X, chunk), r.jacobian(), "chunk " + chunk);
        }
        ValueAndJacobian r = Forward.valueAndJacobian(Functions::vector, X);
        assertArrayEquals(Forward.jacobian(Functions::vector, X), r.jacobian());
    }

    @Test
    void theIntoBufferFormsFillTheCallersRows() {
        double[][] expected = Forward.jacobian(Functions::vector, X);
        double[][] jacobian = new double[expected.length][X.length];
        double[] values = new double[expected.length];
        double[] firstRow = jacobian[0];
        Forward.valueAndJacobian(Functions::vector, X, values, jacobian);
        assertArrayEquals(plainValues(X), values, 0);
        assertArrayEquals(expected, jacobian);
        assertTrue(firstRow == jacobian[0], "the rows are filled, not replaced");
        double[][] again = new double[expected.length][X.length];
        Forward.jacobian(Functions::vector, X, again);
        assertArrayEquals(expected, again);
    }

    @Test
    void manyInputsTakeSeveralPassesIntoTheSameRows() {
        int n = 60; // 3 passes of 20 under the chunk policy
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.01 * i - 0.2;
        }
        Function<MultiDual[], MultiDual[]> f = v -> new MultiDual[] {Functions.rosenbrock(v), v[n - 1].sin().multiply(v[0])};
        double[][] jacobian = new double[2][n];
        Forward.jacobian(f, x, jacobian);
        assertArrayEquals(Forward.gradient(Functions::rosenbrock, x), jacobian[0]);
        assertEquals(Math.sin(x[n - 1]), jacobian[1][0], 0);
        assertEquals(Math.cos(x[n - 1]) * x[0], jacobian[1][n - 1], 1e-15);
    }

    @Test
    void wrongShapesAreNamedBeforeAnythingIsWritten() {
        int[] calls = {0};
        Function<MultiDual[], MultiDual[]> counted = v -> {
            calls[0]++;
            return Functions.vector(v);
        };
        int m = Forward.jacobian(Functions::vector, X).length;
        String message = assertThrows(IllegalArgumentException.class,
            () -> Forward.jacobian(counted, X, new double[][] {new double[5], new double[2], new double[5]})).getMessage();
        assertTrue(message.contains("row 1") && message.contains("length 2") && message.contains("length 5"), message);
        message = assertThrows(IllegalArgumentException.class,
            () -> Forward.valueAndJacobian(counted, X, new double[m + 1], new double[m][5])).getMessage();
        assertTrue(message.contains("values has length " + (m + 1)), message);
        assertEquals(0, calls[0], "f is not called for a shape the buffers already get wrong");

        double[][] tooFew = {{7, 7, 7, 7, 7}};
        message = assertThrows(IllegalArgumentException.class, () -> Forward.jacobian(counted, X, tooFew)).getMessage();
        assertTrue(message.contains(m + " outputs") && message.contains("1 rows"), message);
        assertArrayEquals(new double[] {7, 7, 7, 7, 7}, tooFew[0], 0, "nothing written");
    }
}
