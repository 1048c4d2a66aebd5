package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every {@code RealFieldElement} method of {@link Var} against Commons Math's
 * {@link DerivativeStructure} (derivatives, loosely: it computes some values in another order,
 * such as {@code x·(1/y)} for division and {@code exp(y log x)} for {@code pow}) and against plain
 * {@code double} code (values, bitwise).
 */
class VarVersusDerivativeStructureTest {
    /** Relative agreement with DerivativeStructure: a few hundred ulps of slack for its other formulas. */
    private static final double DS_RELATIVE = 1e-13;
    /** Forward and reverse multiply the same partials in another order: a few ulps. */
    private static final double SWEEP_RELATIVE = 1e-14;
    /** Points per case: enough to cover each interval, few enough for a fast suite. */
    private static final int POINTS = 25;
    /** A constant seed, so a failure names a reproducible point. */
    private static final long SEED = 20240601L;

    @ParameterizedTest
    @EnumSource(UnaryCase.class)
    void unaryMethodsMatchDerivativeStructureAndPlainDoubles(UnaryCase c) {
        Random random = new Random(SEED);
        for (int n = 0; n < POINTS; n++) {
            double x = c.low + (c.high - c.low) * random.nextDouble();
            Tape tape = new Tape();
            Var v = tape.variable(x);
            Var y = c.f(v);
            tape.reverse(y);
            String at = c + " at x = " + x;
            assertBitwise(c.d(x), y.value(), at);
            DerivativeStructure ds = c.f(new DerivativeStructure(1, 1, 0, x));
            assertClose(ds.getValue(), y.value(), DS_RELATIVE, at + " (value)");
            assertClose(ds.getPartialDerivative(1), v.adjoint(), DS_RELATIVE, at + " (derivative)");
            tape.forward(new Var[] {v}, new double[] {1});
            assertClose(v.adjoint(), y.tangent(), SWEEP_RELATIVE, at + " (tangent sweep)");
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryCase.class)
    void binaryMethodsMatchDerivativeStructureAndPlainDoubles(BinaryCase c) {
        Random random = new Random(SEED);
        for (int n = 0; n < POINTS; n++) {
            double x = c.lowX + (c.highX - c.lowX) * random.nextDouble();
            double y = c.lowY + (c.highY - c.lowY) * random.nextDouble();
            Tape tape = new Tape();
            Var vx = tape.variable(x);
            Var vy = tape.variable(y);
            Var z = c.f(vx, vy);
            tape.reverse(z);
            String at = c + " at (" + x + ", " + y + ")";
            assertBitwise(c.d(x, y), z.value(), at);
            DerivativeStructure dz = c.f(new DerivativeStructure(2, 1, 0, x), new DerivativeStructure(2, 1, 1, y));
            assertClose(dz.getValue(), z.value(), DS_RELATIVE, at + " (value)");
            assertClose(dz.getPartialDerivative(1, 0), vx.adjoint(), DS_RELATIVE, at + " (∂/∂x)");
            assertClose(dz.getPartialDerivative(0, 1), vy.adjoint(), DS_RELATIVE, at + " (∂/∂y)");
        }
    }

    static void assertBitwise(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
            () -> what + ": expected " + expected + " bitwise, got " + actual);
    }

    static void assertClose(double expected, double actual, double relative, String what) {
        double scale = Math.max(1, Math.max(Math.abs(expected), Math.abs(actual)));
        assertTrue(Math.abs(expected - actual) <= relative * scale || expected == actual,
            () -> what + ": expected " + expected + ", got " + actual);
    }
}
