package org.dualtape.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Bad input: a clear exception before any evaluation; a throwing function reported with its point. */
class BadInputTest {
    /** Counts evaluations of x0² + x1². */
    private final int[] calls = {0};
    private final ToDoubleFunction<double[]> f = x -> {
        calls[0]++;
        return x[0] * x[0] + x[1] * x[1];
    };

    private static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should contain '" + part + "'");
        }
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> GradientCheck.of(null));
        assertThrows(NullPointerException.class, () -> GradientCheck.ofGeneric(null));
        assertThrows(NullPointerException.class, () -> GradientCheck.of(f).at((double[]) null));
        assertMessage(assertThrows(NullPointerException.class, () -> GradientCheck.of(f).claimed((double[]) null)), "claimed gradient");
        assertThrows(NullPointerException.class, () -> GradientCheck.of(f).claimed((Function<double[], double[]>) null));
        assertThrows(NullPointerException.class, () -> JacobianCheck.of(null));
        assertThrows(NullPointerException.class, () -> JacobianCheck.of(x -> x).claimed((double[][]) null));
        assertMessage(assertThrows(NullPointerException.class, () -> JacobianCheck.of(x -> x).claimed(new double[][] {{1}, null})), "row 1");
        assertThrows(NullPointerException.class, () -> JacobianCheck.of(x -> x).claimedJvp(null));
        assertThrows(NullPointerException.class, () -> JacobianCheck.of(x -> x).claimedVjp(null));
        assertEquals(0, calls[0]);
    }

    @Test
    void emptyOrNonFinitePointsAreRejected() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(f).at()), "no coordinates");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(f).at(1, Double.NaN)), "x[1]", "NaN");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> JacobianCheck.of(x -> x).at(Double.NEGATIVE_INFINITY)), "x[0]");
        assertEquals(0, calls[0]);
    }

    @Test
    void mismatchedLengthsAreRejectedBeforeAnyEvaluation() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(f).at(1, 2).claimed(1, 2, 3).run()),
                "3 entries", "2 coordinates");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> JacobianCheck.of(x -> x).at(1, 2).claimed(new double[][] {{1, 0}, {0}}).run()), "row 1", "1 entries");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> JacobianCheck.of(x -> x).at(1, 2).claimed(new double[0][]).run()), "no rows");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.of(f).at(1, 2).claimed(x -> new double[3]).run()), "returned 3 entries", "2 coordinates");
        assertEquals(0, calls[0], "the claimed function is evaluated before f");
    }

    @Test
    void missingPointOrClaimAndBadOptions() {
        assertMessage(assertThrows(IllegalStateException.class, () -> GradientCheck.of(f).claimed(1, 2).run()), "at(x)");
        assertMessage(assertThrows(IllegalStateException.class, () -> GradientCheck.of(f).at(1, 2).run()), "claimed");
        assertMessage(assertThrows(IllegalStateException.class, () -> JacobianCheck.of(x -> x).at(1).run()), "claim");
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(f).directions(0));
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(f).missProbability(0));
        assertThrows(IllegalArgumentException.class, () -> JacobianCheck.of(x -> x).missProbability(1));
        assertEquals(0, calls[0]);
    }

    @Test
    void wrongNumberOfJacobianRowsIsRejectedAfterTheFirstEvaluation() {
        int[] count = {0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JacobianCheck.of(x -> {
            count[0]++;
            return new double[] {x[0], x[1], x[0] * x[1]};
        }).at(1, 2).claimed(new double[][] {{1, 0}, {0, 1}}).run());
        assertMessage(e, "2 rows", "3 outputs");
        assertEquals(1, count[0]);
    }

    @Test
    void nonFiniteValueAtThePointIsRejected() {
        int[] count = {0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(x -> {
            count[0]++;
            return Math.log(x[0]);
        }).at(-1).claimed(1).run());
        assertMessage(e, "f(x) = NaN", "[-1.0]");
        assertEquals(1, count[0]);
    }

    @Test
    void aThrowingFunctionIsReportedWithThePointItThrewAt() {
        double[] x = {0.5, 2};
        ToDoubleFunction<double[]> fragile = y -> {
            if (y[1] > 2) {
                throw new IllegalStateException("y[1] too large");
            }
            return y[0] * y[1];
        };
        FunctionFailedException e = assertThrows(FunctionFailedException.class,
                () -> GradientCheck.of(fragile).at(x).claimed(2, 0.5).run());
        // The first evaluations after x itself measure the noise a few ulps away (Checker.noise).
        assertEquals(0.5, e.point()[0], 2 * Math.ulp(0.5));
        assertTrue(e.point()[1] > 2, "threw where y[1] > 2");
        assertMessage(e, "f threw IllegalStateException at x = [0.5", "y[1] too large");
        assertTrue(e.getCause() instanceof IllegalStateException);
        assertArrayEquals(new double[] {0.5, 2}, x, 0.0);
    }

    @Test
    void aThrowingClaimIsReportedToo() {
        FunctionFailedException e = assertThrows(FunctionFailedException.class, () -> GradientCheck.of(f).at(1, 2).claimed(y -> {
            throw new ArithmeticException("oops");
        }).run());
        assertMessage(e, "claimed derivative function", "[1.0, 2.0]", "oops");
        FunctionFailedException jvp = assertThrows(FunctionFailedException.class, () -> JacobianCheck.of(y -> y).at(1, 2)
                .claimedJvp((y, v) -> {
                    throw new ArithmeticException("no jvp");
                }).run());
        assertMessage(jvp, "claimed JVP", "no jvp");
    }

    @Test
    void claimedProductsOfTheWrongLengthAreRejected() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> JacobianCheck.of(y -> y).at(1, 2).claimedJvp((y, v) -> new double[3]).run()), "returned 3 values", "2 outputs");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> JacobianCheck.of(y -> new double[] {y[0]}).at(1, 2).claimedVjp((y, u) -> new double[1]).run()),
                "returned 1 values", "2 coordinates");
    }

    @Test
    void aFunctionThatWritesIntoItsArgumentCannotCorruptTheCheck() {
        ToDoubleFunction<double[]> vandal = y -> {
            double v = y[0] * y[0];
            y[0] = 1e300;
            return v;
        };
        double[] x = {1.5};
        CheckReport r = GradientCheck.of(vandal).at(x).claimed(3.0).run();
        assertTrue(r.passed(), r::table);
        assertEquals(1.5, x[0]);
    }
}
