package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.dualtape.dual.ValueAndGradient;
import org.junit.jupiter.api.Test;

/**
 * Functions written on vector nodes through {@link Reverse#matrixValueAndGradient} and
 * {@link Reverse#recordMatrix}: the extended Rosenbrock function, whose vector form performs the
 * scalar form's operations on each element in the same order (so the values are bitwise equal),
 * against its scalar-tape gradient and the hand-derived one.
 */
class MatrixFunctionTest {
    /** The adjoints add the same terms as the scalar tape's, possibly in another order. */
    private static final double RELATIVE = 1e-14;
    /** A constant seed: a failure names a reproducible point. */
    private static final long SEED = 271828L;

    static Var rosenbrock(VarMatrix x) {
        int n = x.cols();
        VarMatrix head = x.view(0, 1, n - 1);
        VarMatrix a = x.view(1, 1, n - 1).subtract(head.square());
        VarMatrix b = head.negate().add(1);
        return a.square().multiply(100).add(b.square()).sum();
    }

    static Var rosenbrock(Var[] x) {
        Var sum = x[0].getField().getZero();
        for (int i = 0; i + 1 < x.length; i++) {
            Var a = x[i + 1].subtract(x[i].square());
            Var b = x[i].negate().add(1);
            sum = sum.add(a.square().multiply(100).add(b.square()));
        }
        return sum;
    }

    /** ∂f/∂x_i by hand: −400 x_i (x_{i+1} − x_i²) − 2 (1 − x_i) + 200 (x_i − x_{i−1}²). */
    static double[] rosenbrockGradient(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            g[i] += -400 * x[i] * a - 2 * (1 - x[i]);
            g[i + 1] += 200 * a;
        }
        return g;
    }

    @Test
    void rosenbrockMatchesScalarTapeAndHandGradient() {
        Random random = new Random(SEED);
        for (int n : new int[] {2, 3, 10, 257}) {
            double[] x = VectorNodeTest.gaussian(random, n);
            ValueAndGradient vector = Reverse.matrixValueAndGradient(MatrixFunctionTest::rosenbrock, x);
            ValueAndGradient scalar = Reverse.valueAndGradient(MatrixFunctionTest::rosenbrock, x);
            assertEquals(Double.doubleToRawLongBits(scalar.value()), Double.doubleToRawLongBits(vector.value()),
                "n = " + n + ": value bitwise, " + scalar.value() + " vs " + vector.value());
            double tolerance = RELATIVE * Math.max(1, VectorNodeTest.norm(scalar.gradient()));
            assertArrayEquals(scalar.gradient(), vector.gradient(), tolerance, "n = " + n + ": against the scalar tape");
            assertArrayEquals(rosenbrockGradient(x), vector.gradient(), 100 * tolerance, "n = " + n + ": by hand");
            assertArrayEquals(vector.gradient(), Reverse.matrixGradient(MatrixFunctionTest::rosenbrock, x), 0);
        }
    }

    @Test
    void recordedMatrixFunctionReplaysBitwiseAtNewPoints() {
        Random random = new Random(SEED);
        int n = 33;
        Replay replay = Reverse.recordMatrix(MatrixFunctionTest::rosenbrock, VectorNodeTest.gaussian(random, n));
        assertEquals(n, replay.inputCount());
        double[] g = new double[n];
        for (int k = 0; k < 5; k++) {
            double[] x = VectorNodeTest.gaussian(random, n);
            ValueAndGradient fresh = Reverse.matrixValueAndGradient(MatrixFunctionTest::rosenbrock, x);
            double value = replay.valueAndGradient(x, g);
            assertEquals(Double.doubleToRawLongBits(fresh.value()), Double.doubleToRawLongBits(value), "value");
            assertArrayEquals(fresh.gradient(), g, 0, "gradient");
        }
    }

    @Test
    void scaleAndShiftAreLabelledWithTheirConstantsInTheTable() {
        Tape tape = new Tape();
        VarMatrix x = VarMatrix.variable(tape, new double[] {1, 2}, 1, 2);
        x.multiply(100).subtract(0.5).sum();
        String table = tape.table();
        assertTrue(table.contains("multiply 100"), table);
        assertTrue(table.contains("add -0.5"), table);
    }

    @Test
    void badFunctionsAndPointsAreNamed() {
        double[] x = {1, 2, 3};
        IllegalArgumentException nullResult = assertThrows(IllegalArgumentException.class,
            () -> Reverse.matrixGradient(v -> null, x));
        assertTrue(nullResult.getMessage().contains("returned null"), nullResult.getMessage());
        Tape other = new Tape();
        Var foreign = other.variable(1);
        Function<VarMatrix, Var> leaking = v -> foreign;
        IllegalStateException wrongTape = assertThrows(IllegalStateException.class,
            () -> Reverse.matrixGradient(leaking, x));
        assertTrue(wrongTape.getMessage().contains("arguments are on"), wrongTape.getMessage());
        NullPointerException nullPoint = assertThrows(NullPointerException.class,
            () -> Reverse.recordMatrix(MatrixFunctionTest::rosenbrock, null));
        assertTrue(nullPoint.getMessage().contains("x (the point)"), nullPoint.getMessage());
    }
}
