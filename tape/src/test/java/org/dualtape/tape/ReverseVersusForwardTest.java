package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;
import org.dualtape.dual.Forward;
import org.junit.jupiter.api.Test;

/**
 * Reverse mode against forward mode on the same generic functions: gradients and Jacobians agree
 * within a few ulps, and the dot-product test {@code u·(J v) = (Jᵀ u)·v} holds (reverse mode is
 * the transpose of forward mode).
 */
class ReverseVersusForwardTest {
    /** Both modes sum the same products in another order: a few ulps of the largest term. */
    private static final double RELATIVE = 1e-13;
    /** Random points per test. */
    private static final int POINTS = 20;
    /** A constant seed, so a failure names a reproducible point. */
    private static final long SEED = 2718L;
    private static final int N = 6;

    /** A scalar function touching many operations. */
    static <T extends RealFieldElement<T>> T scalar(T[] x) {
        T s = x[0].getField().getZero();
        for (int i = 0; i + 1 < x.length; i++) {
            T d = x[i + 1].subtract(x[i].multiply(x[i]));
            s = s.add(d.multiply(d).multiply(100)).add(x[i].negate().add(1).pow(2));
        }
        return s.add(x[0].sin().multiply(x[1].exp())).add(x[2].hypot(x[3]).log())
            .add(x[4].atan2(x[5].add(3))).add(x[5].multiply(x[1]).tanh().divide(x[2].cosh()));
    }

    /** A vector function with as many outputs as inputs. */
    static <T extends RealFieldElement<T>> T[] vector(T[] x) {
        T[] y = MathArrays.buildArray(x[0].getField(), x.length);
        for (int i = 0; i < x.length; i++) {
            T next = x[(i + 1) % x.length];
            y[i] = x[i].multiply(next).sin().add(next.divide(x[i].multiply(x[i]).add(1)))
                .subtract(x[i].linearCombination(x[i], next, next, next));
        }
        return y;
    }

    @Test
    void gradientEqualsForwardGradient() {
        Random random = new Random(SEED);
        for (int n = 0; n < POINTS; n++) {
            double[] x = point(random);
            assertClose(Forward.gradient(ReverseVersusForwardTest::scalar, x),
                Reverse.gradient(ReverseVersusForwardTest::scalar, x));
        }
    }

    @Test
    void jacobianEqualsForwardJacobian() {
        Random random = new Random(SEED);
        for (int n = 0; n < POINTS; n++) {
            double[] x = point(random);
            double[][] forward = Forward.jacobian(ReverseVersusForwardTest::vector, x);
            double[][] reverse = Reverse.jacobian(ReverseVersusForwardTest::vector, x);
            assertEquals(forward.length, reverse.length);
            for (int r = 0; r < forward.length; r++) {
                assertClose(forward[r], reverse[r]);
            }
        }
    }

    @Test
    void dotProductTestHolds() {
        Random random = new Random(SEED);
        for (int n = 0; n < POINTS; n++) {
            double[] x = point(random);
            double[] u = point(random);
            double[] v = point(random);
            double[] jv = Reverse.jvp(ReverseVersusForwardTest::vector, x, v);         // tangent sweep
            double[] jtu = Reverse.vjp(ReverseVersusForwardTest::vector, x, u);        // reverse sweep
            double[] forwardJv = Forward.jvp(ReverseVersusForwardTest::vector, x, v);  // dual numbers
            assertClose(forwardJv, jv);
            double left = dot(u, jv);
            double right = dot(jtu, v);
            assertEquals(left, right, RELATIVE * (Math.abs(left) + norm(u) * norm(jv) + norm(jtu) * norm(v)));
        }
    }

    private static double[] point(Random random) {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = random.nextDouble() * 2 - 1;
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        double scale = Math.max(1, norm(expected));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], RELATIVE * scale, "component " + i);
        }
    }
}
