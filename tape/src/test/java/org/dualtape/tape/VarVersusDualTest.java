package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.dualtape.dual.Dual;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every {@code RealFieldElement} method of {@link Var} against forward mode's {@link Dual}: the
 * same value bitwise, the same derivative within a few ulps (the chain rule multiplies the same
 * partials in the other order), at random points and at the edges (0, -0, ±1, tiny and huge),
 * where both follow the same conventions. Where an input or the value is infinite or NaN, the two
 * modes may legitimately differ (forward mode multiplies another input's zero tangent by an
 * infinite value, 0·∞ = NaN, a product reverse mode never forms), so those points only check the
 * value.
 */
class VarVersusDualTest {
    /** Forward and reverse multiply the same partials in another order. */
    private static final double ULPS_RELATIVE = 1e-14;
    /** Points per case. */
    private static final int POINTS = 25;
    /** A constant seed, so a failure names a reproducible point. */
    private static final long SEED = 314L;
    /** Edge points every case is evaluated at. */
    private static final double[] EDGES = {0.0, -0.0, 1, -1, 2, Double.MIN_VALUE, 1e300, Double.POSITIVE_INFINITY,
        Double.NaN};

    @ParameterizedTest
    @EnumSource(UnaryCase.class)
    void unaryMethodsAgreeWithDual(UnaryCase c) {
        Random random = new Random(SEED);
        for (int n = 0; n < POINTS + EDGES.length; n++) {
            double x = n < POINTS ? c.low + (c.high - c.low) * random.nextDouble() : EDGES[n - POINTS];
            Tape tape = new Tape();
            Var v = tape.variable(x);
            Var y = c.f(v);
            tape.reverse(y);
            Dual d = c.f(Dual.variable(x));
            String at = c + " at " + x;
            VarVersusDerivativeStructureTest.assertBitwise(d.value(), y.value(), at + " (value)");
            if (finite(x, y.value())) {
                assertAgree(d.tangent(), v.adjoint(), at + " (derivative)");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryCase.class)
    void binaryMethodsAgreeWithDual(BinaryCase c) {
        Random random = new Random(SEED);
        int all = POINTS + EDGES.length * EDGES.length;
        for (int n = 0; n < all; n++) {
            int e = n - POINTS;
            double x = n < POINTS ? c.lowX + (c.highX - c.lowX) * random.nextDouble() : EDGES[e / EDGES.length];
            double y = n < POINTS ? c.lowY + (c.highY - c.lowY) * random.nextDouble() : EDGES[e % EDGES.length];
            Tape tape = new Tape();
            Var vx = tape.variable(x);
            Var vy = tape.variable(y);
            Var z = c.f(vx, vy);
            tape.reverse(z);
            Dual dx = c.f(Dual.variable(x), Dual.constant(y));
            Dual dy = c.f(Dual.constant(x), Dual.variable(y));
            String at = c + " at (" + x + ", " + y + ")";
            VarVersusDerivativeStructureTest.assertBitwise(dx.value(), z.value(), at + " (value)");
            if (finite(x, y, z.value())) {
                assertAgree(dx.tangent(), vx.adjoint(), at + " (∂/∂x)");
                assertAgree(dy.tangent(), vy.adjoint(), at + " (∂/∂y)");
            }
        }
    }

    private static boolean finite(double... values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    static void assertAgree(double expected, double actual, String what) {
        boolean ok = expected == actual || (Double.isNaN(expected) && Double.isNaN(actual))
            || Math.abs(expected - actual) <= ULPS_RELATIVE * Math.max(Math.abs(expected), Math.abs(actual));
        assertTrue(ok, () -> what + ": forward mode gives " + expected + ", reverse mode " + actual);
    }
}
