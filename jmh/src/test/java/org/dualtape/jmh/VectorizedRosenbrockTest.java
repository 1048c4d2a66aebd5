package org.dualtape.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dualtape.tape.Replay;
import org.dualtape.tape.Reverse;
import org.dualtape.dual.ValueAndGradient;
import org.junit.jupiter.api.Test;

/**
 * The vector-node form of the extended Rosenbrock function measures the same function as the
 * plain baseline: bitwise the same value, the scalar tape's gradient up to summation order.
 */
class VectorizedRosenbrockTest {
    /** The adjoints add the same terms as the scalar tape's, possibly in another order. */
    private static final double RELATIVE = 1e-14;

    @Test
    void vectorNodesGiveThePlainValueAndTheScalarTapeGradient() {
        for (int n : new int[] {2, 10, 100, 1000}) {
            double[] x = Functions.randomPoint(n, 2);
            ValueAndGradient vector = Reverse.matrixValueAndGradient(Functions::rosenbrock, x);
            double plain = Functions.rosenbrock(x);
            assertEquals(Double.doubleToRawLongBits(plain), Double.doubleToRawLongBits(vector.value()),
                    "n = " + n + ": " + plain + " vs " + vector.value());
            double[] scalar = Reverse.gradient(Functions::rosenbrock, x);
            double scale = 0;
            for (double g : scalar) {
                scale = Math.max(scale, Math.abs(g));
            }
            assertArrayEquals(scalar, vector.gradient(), RELATIVE * scale, "n = " + n);
            Replay replay = Reverse.recordMatrix(Functions::rosenbrock, Functions.randomPoint(n, 1));
            double[] g = new double[n];
            assertEquals(Double.doubleToRawLongBits(plain), Double.doubleToRawLongBits(replay.valueAndGradient(x, g)));
            assertArrayEquals(vector.gradient(), g, 0, "n = " + n + ": replay");
        }
    }
}
