package org.dualtape.dual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.util.MathArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every forward-mode number type meets, run for {@link Dual} and for
 * {@link MultiDual} of several widths through the {@link #build} factory (Hipparchus'
 * {@code CalculusFieldElementAbstractTest} idea): every {@code RealFieldElement} method
 * ({@link Op}) compared with Commons Math's {@code DerivativeStructure} (order 1) at random
 * points, values bitwise equal to plain double code, identities, and the documented conventions
 * at edge points.
 *
 * <p>A number of width k built with tangents (t₀ … t_{k-1}) stands for k directions at once:
 * for f(a, b), tangent i must be ∂f/∂a·ta_i + ∂f/∂b·tb_i, with the partials from
 * {@code DerivativeStructure} in two free parameters.
 *
 * @param <T> the number type
 */
abstract class RealFieldElementContract<T extends RealFieldElement<T>> {

    /** Fixed so that a failure reproduces; any seed works. */
    private static final long SEED = 0x5EED_2026L;
    /** Random points per method: enough to cross signs and branches, fast. */
    private static final int POINTS = 40;
    /** Ours use java.lang.Math, DerivativeStructure FastMath and other formulas: a few ulps. */
    private static final double VALUE_TOLERANCE = 4e-15;
    /** Relative to |∂f/∂a·ta| + |∂f/∂b·tb|, so that cancellation does not inflate it. */
    private static final double TANGENT_TOLERANCE = 1e-13;
    /** For identities that go through several roundings. */
    private static final double IDENTITY_TOLERANCE = 1e-13;

    /** The number of tangents of the type under test. */
    abstract int width();

    /** A number with the given value and tangents ({@code tangents.length == width()}). */
    abstract T build(double value, double[] tangents);

    abstract double value(T x);

    abstract double tangent(T x, int i);

    private double[] randomTangents(Random random) {
        double[] t = new double[width()];
        for (int i = 0; i < t.length; i++) {
            t[i] = 2 * random.nextDouble() - 1;
        }
        return t;
    }

    private double[] filled(double tangent) {
        double[] t = new double[width()];
        Arrays.fill(t, tangent);
        return t;
    }

    private T constant(double value) {
        return build(value, new double[width()]);
    }

    private T variable(double value) {
        return build(value, filled(1));
    }

    // ---- every method against DerivativeStructure and plain double code ------------------------

    @ParameterizedTest
    @EnumSource(Op.class)
    void valueIsBitwiseThePlainDoubleCode(Op op) {
        Random random = new Random(SEED + op.ordinal());
        for (int p = 0; p < POINTS; p++) {
            double a = op.a.draw(random);
            double b = op.b.draw(random);
            double c = 6 * random.nextDouble() - 3;
            int n = random.nextInt(9) - 4;
            T r = op.on(build(a, randomTangents(random)), build(b, randomTangents(random)), c, n);
            assertEquals(op.plain(a, b, c, n), value(r), 0.0, () -> op + " at " + a + ", " + b);
        }
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void matchesDerivativeStructure(Op op) {
        Random random = new Random(SEED + 1000 + op.ordinal());
        for (int p = 0; p < POINTS; p++) {
            double a = op.a.draw(random);
            double b = op.b.draw(random);
            double c = 6 * random.nextDouble() - 3;
            int n = random.nextInt(9) - 4;
            double[] ta = randomTangents(random);
            double[] tb = randomTangents(random);
            T r = op.on(build(a, ta), build(b, tb), c, n);
            DerivativeStructure ds = op.on(new DerivativeStructure(2, 1, 0, a), new DerivativeStructure(2, 1, 1, b), c, n);
            String where = op + " at a = " + a + ", b = " + b + ", c = " + c + ", n = " + n;
            double expectedValue = ds.getValue();
            assertEquals(expectedValue, value(r), VALUE_TOLERANCE * Math.abs(expectedValue), where);
            double pa = ds.getPartialDerivative(1, 0);
            double pb = ds.getPartialDerivative(0, 1);
            for (int i = 0; i < width(); i++) {
                double scale = Math.abs(pa * ta[i]) + Math.abs(pb * tb[i]);
                assertEquals(pa * ta[i] + pb * tb[i], tangent(r, i), TANGENT_TOLERANCE * scale, where + ", tangent " + i);
            }
        }
    }

    @Test
    void roundIsMathRound() {
        // 0.49999999999999994 is where Math.round (0) and FastMath.round (1) differ.
        for (double x : new double[] {-2.5, -0.5, 0.49999999999999994, 0.5, 2.5, 1e17, Double.NaN}) {
            assertEquals(Math.round(x), variable(x).round(), () -> "round(" + x + ")");
        }
    }

    @Test
    void getRealIsTheValue() {
        assertEquals(1.25, build(1.25, filled(3)).getReal(), 0.0);
    }

    @Test
    void fieldGivesConstantsOfTheSameWidth() {
        T x = build(2, filled(3));
        T zero = x.getField().getZero();
        T one = x.getField().getOne();
        assertEquals(0.0, value(zero), 0.0);
        assertEquals(1.0, value(one), 0.0);
        for (int i = 0; i < width(); i++) {
            assertEquals(0.0, tangent(zero, i), 0.0);
            assertEquals(0.0, tangent(one, i), 0.0);
        }
        assertSame(x.getClass(), x.getField().getRuntimeClass());
        assertEquals(value(x) + 1, value(x.add(one)), 0.0);
    }

    @Test
    void linearCombinationRejectsArraysOfDifferentLengths() {
        T x = variable(1);
        T[] two = MathArrays.buildArray(x.getField(), 2);
        T[] three = MathArrays.buildArray(x.getField(), 3);
        Arrays.fill(two, x);
        Arrays.fill(three, x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.linearCombination(two, three));
        assertTrue(e.getMessage().contains("2") && e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.linearCombination(new double[3], two));
    }

    @Test
    void linearCombinationOfNothingIsZero() {
        T x = variable(1);
        T r = x.linearCombination(MathArrays.buildArray(x.getField(), 0), MathArrays.buildArray(x.getField(), 0));
        assertEquals(0.0, value(r), 0.0);
        assertEquals(0.0, value(x.linearCombination(new double[0], MathArrays.buildArray(x.getField(), 0))), 0.0);
    }

    // ---- identities --------------------------------------------------------------------------

    private void assertClose(T expected, T actual, String what) {
        double scale = Math.max(1, Math.abs(value(expected)));
        assertEquals(value(expected), value(actual), IDENTITY_TOLERANCE * scale, what + ": value");
        for (int i = 0; i < width(); i++) {
            double s = Math.max(1, Math.abs(tangent(expected, i)));
            assertEquals(tangent(expected, i), tangent(actual, i), IDENTITY_TOLERANCE * s, what + ": tangent " + i);
        }
    }

    @Test
    void identitiesHoldAtRandomPoints() {
        Random random = new Random(SEED + 7);
        for (int p = 0; p < POINTS; p++) {
            double u = 0.2 + 2 * random.nextDouble();          // positive, away from 0
            double s = 4 * random.nextDouble() - 2;            // any sign
            double w = 1.8 * random.nextDouble() - 0.9;        // inside (-1, 1)
            T x = build(u, randomTangents(random));
            T y = build(s, randomTangents(random));
            T z = build(w, randomTangents(random));
            T one = x.getField().getOne();
            String at = " at " + u + ", " + s + ", " + w;
            assertClose(one, y.sin().multiply(y.sin()).add(y.cos().multiply(y.cos())), "sin² + cos² = 1" + at);
            assertClose(x, x.log().exp(), "exp(log x) = x" + at);
            assertClose(x, x.sqrt().multiply(x.sqrt()), "√x·√x = x" + at);
            assertClose(y, y.cbrt().pow(3), "cbrt(y)³ = y" + at);
            assertClose(x, x.rootN(5).pow(5), "rootN(x, 5)⁵ = x" + at);
            assertClose(y.sin().divide(y.cos()), y.tan(), "tan = sin / cos" + at);
            assertClose(y.divide(x).atan(), y.atan2(x), "atan2(y, x) = atan(y / x) for x > 0" + at);
            assertClose(x.multiply(x).add(y.multiply(y)).sqrt(), x.hypot(y), "hypot = √(x² + y²)" + at);
            assertClose(y.multiply(y), y.pow(2.0), "y^2.0 = y·y" + at);
            assertClose(y.multiply(y).multiply(y), y.pow(3), "y^3 = y·y·y" + at);
            assertClose(y.multiply(x.log()).exp(), x.pow(y), "x^y = exp(y log x)" + at);
            assertClose(y.exp().subtract(1), y.expm1(), "expm1 = exp - 1" + at);
            assertClose(x.add(1).log(), x.log1p(), "log1p(x) = log(1 + x)" + at);
            assertClose(y, y.sinh().asinh(), "asinh(sinh y) = y" + at);
            assertClose(x, x.cosh().acosh(), "acosh(cosh x) = x for x > 0" + at);
            assertClose(z, z.tanh().atanh(), "atanh(tanh z) = z" + at);
            assertClose(z, z.sin().asin(), "asin(sin z) = z" + at);
            if (w > 0.1) { // acos is ill-conditioned near 1 = cos 0
                assertClose(z, z.cos().acos(), "acos(cos z) = z for z in (0.1, π)" + at);
            }
            assertClose(one, x.reciprocal().multiply(x), "x · 1/x = 1" + at);
            assertClose(y.multiply(x.reciprocal()), y.divide(x), "y / x = y · 1/x" + at);
            assertClose(y.multiply(x).divide(x), y, "(y·x) / x = y" + at);
            T k = y.subtract(y.remainder(x)).divide(x);
            assertEquals(Math.rint(value(k)), value(k), 1e-12, "remainder leaves an integer quotient" + at);
            assertClose(y.subtract(x.multiply(Math.rint(value(k)))), y.remainder(x), "remainder = y - k·x" + at);
            assertEquals(y, y.negate().negate(), "-(-y) = y exactly" + at);
            assertEquals(y.multiply(8.0), y.scalb(3), "scalb(y, 3) = 8y exactly" + at);
            assertEquals(x.negate(), x.copySign(-1.0), "copySign(x, -1) = -x exactly" + at);
            assertEquals(x.negate(), x.copySign(y.abs().negate()), "copySign(x, -|y|) = -x exactly" + at);
            assertClose(x.multiply(y).add(z.multiply(x)), x.linearCombination(x, y, z, x), "linearCombination = sum of products" + at);
        }
    }

    // ---- conventions at edge points (documented on Dual and Partials) ---------------------------

    /** Asserts the value bitwise and every tangent bitwise (all tangents were seeded equal). */
    private void assertEdge(double value, double tangent, T actual, String what) {
        assertEquals(value, value(actual), 0.0, what + ": value");
        for (int i = 0; i < width(); i++) {
            assertEquals(tangent, tangent(actual, i), 0.0, what + ": tangent " + i);
        }
    }

    @Test
    void zeroTangentsStayZeroWhereThePartialIsInfinite() {
        assertEdge(0, 0, constant(0).sqrt(), "sqrt of the constant 0");
        assertEdge(0, Double.POSITIVE_INFINITY, variable(0).sqrt(), "sqrt of the variable 0");
        assertEdge(0, 0, constant(0).cbrt(), "cbrt of the constant 0");
        assertEdge(Math.PI / 2, 0, constant(1).asin(), "asin of the constant 1");
        assertEdge(Math.PI / 2, Double.POSITIVE_INFINITY, variable(1).asin(), "asin of the variable 1");
        assertEdge(Double.NEGATIVE_INFINITY, 0, constant(0).log(), "log of the constant 0");
        // √x₀ · x₁ at x₀ = 0, x₁ = 5: ∂/∂x₁ = √0 = 0, not 0·∞ = NaN.
        T x0 = variable(0);
        T x1 = constant(5);
        assertEdge(0, Double.POSITIVE_INFINITY, x0.sqrt().multiply(x1), "√x₀·x₁ along x₀");
        assertEdge(0, 0, constant(0).sqrt().multiply(variable(5)), "√x₀·x₁ along x₁");
    }

    @Test
    void powAtItsEdges() {
        // x^y at a zero base: d/dx y·x^(y-1), d/dy per Partials.powExponent.
        assertEdge(1, 0, variable(0).pow(constant(0)), "0^0 along the base (x^0 ≡ 1)");
        assertEdge(1, Double.NEGATIVE_INFINITY, constant(0).pow(variable(0)), "0^y at y = 0 along y");
        assertEdge(0, 0, variable(0).pow(constant(2)), "0^2 along the base");
        assertEdge(0, 0, constant(0).pow(variable(2)), "0^y at y = 2 along y (0^y ≡ 0 for y > 0)");
        assertEdge(0, 1, variable(0).pow(constant(1)), "0^1 along the base");
        assertEdge(0, Double.POSITIVE_INFINITY, variable(0).pow(constant(0.5)), "0^0.5 along the base");
        assertEdge(Double.POSITIVE_INFINITY, Double.NaN, constant(0).pow(variable(-1)), "0^y at y = -1 along y");
        // Negative base: ordinary derivative along the base, NaN along the exponent.
        assertEdge(-8, 12, variable(-2).pow(constant(3)), "(-2)^3 along the base");
        assertEdge(-8, Double.NaN, constant(-2).pow(variable(3)), "(-2)^y at y = 3 along y");
        assertEdge(-8, 12, variable(-2).pow(3), "(-2)^3, int exponent");
        assertEdge(-8, 12, variable(-2).pow(3.0), "(-2)^3.0, double exponent");
        assertEdge(Double.NaN, Double.NaN, variable(-2).pow(0.5), "(-2)^0.5");
        // A zero exponent: x^0 ≡ 1, also at x = 0 where DerivativeStructure gives NaN.
        assertEdge(1, 0, variable(0).pow(0.0), "0^0.0 along the base");
        assertEdge(1, 0, variable(0).pow(0), "0^0 (int) along the base");
        assertEdge(1, 0, variable(Double.NaN).pow(0), "NaN^0 along the base");
    }

    @Test
    void rootNAtItsEdges() {
        assertEdge(-2, 1.0 / 80, variable(-32).rootN(5), "fifth root of -32 (real odd root)");
        assertEdge(Double.NaN, Double.NaN, variable(-16).rootN(4), "fourth root of -16");
        assertEdge(0, Double.POSITIVE_INFINITY, variable(0).rootN(4), "fourth root of 0");
        assertEdge(2, 1.0 / 32, variable(16).rootN(4), "fourth root of 16");
    }

    @Test
    void atan2AndHypotAtTheOrigin() {
        assertEdge(0, Double.NaN, variable(0).atan2(variable(0)), "atan2(0, 0)");
        assertEdge(Math.PI, Double.NaN, variable(0.0).atan2(variable(-0.0)), "atan2(+0, -0)");
        assertEdge(-Math.PI, Double.NaN, variable(-0.0).atan2(variable(-0.0)), "atan2(-0, -0)");
        assertEdge(0, 0, constant(0).atan2(constant(0)), "atan2 of constants at the origin");
        assertEdge(0, Double.NaN, variable(0).hypot(variable(0)), "hypot(0, 0)");
    }

    /** Asserts the value bitwise and every tangent within a few ulps (all seeded equal). */
    private void assertNear(double value, double tangent, T actual, String what) {
        assertEquals(value, value(actual), 0.0, what + ": value");
        for (int i = 0; i < width(); i++) {
            assertEquals(tangent, tangent(actual, i), 4 * Math.ulp(tangent), what + ": tangent " + i);
        }
    }

    @Test
    void hypotAndAtan2NeitherOverflowNorUnderflow() {
        for (double s : new double[] {1e300, 1e-300}) {
            double h = Math.hypot(s, s);
            assertNear(h, Math.sqrt(0.5), variable(s).hypot(constant(s)), "hypot(s, s) along x, s = " + s);
            assertNear(h, Math.sqrt(0.5), constant(s).hypot(variable(s)), "hypot(s, s) along y, s = " + s);
            // d/dy atan2(y, x) = x / (x² + y²) = 1 / (2s) on the diagonal, where x² + y² over- or underflows.
            assertNear(Math.PI / 4, 0.5 / s, variable(s).atan2(constant(s)), "atan2(s, s) along y, s = " + s);
            assertNear(Math.PI / 4, -0.5 / s, constant(s).atan2(variable(s)), "atan2(s, s) along x, s = " + s);
        }
        assertEdge(Double.POSITIVE_INFINITY, 0, variable(Double.POSITIVE_INFINITY).hypot(variable(1)), "hypot(∞, 1)");
        assertEdge(Double.POSITIVE_INFINITY, 0, variable(Double.NaN).hypot(variable(Double.NEGATIVE_INFINITY)), "hypot(NaN, -∞)");
    }

    @Test
    void kinksFollowDerivativeStructure() {
        assertEdge(0, 1, variable(0.0).abs(), "abs(+0)");
        assertEdge(0, -1, variable(-0.0).abs(), "abs(-0)");
        assertEdge(2, 0, variable(2).floor(), "floor at an integer");
        assertEdge(2, 0, variable(2).ceil(), "ceil at an integer");
        assertEdge(2, 0, variable(2.5).rint(), "rint at a half");
        assertEdge(0, 0, variable(0).signum(), "signum(0)");
        assertEdge(-3, -1, variable(3).copySign(constant(-0.0)), "copySign(3, -0)");
        assertEdge(3, 1, variable(3).copySign(variable(0.0)), "copySign(3, +0) ignores the sign's tangent");
        // remainder: 5 = 2·3 + (-1), so d/dx = 1, d/dy = -2.
        assertEdge(-1, 1, variable(5).remainder(constant(3)), "remainder(5, 3) along x");
        assertEdge(-1, -2, constant(5).remainder(variable(3)), "remainder(5, 3) along y");
        assertEdge(-1, 1, variable(5).remainder(3.0), "remainder(5, 3.0)");
    }

    @Test
    void nonFiniteValuesPropagateAsInPlainCode() {
        assertEdge(Double.NaN, Double.NaN, variable(Double.NaN).exp(), "exp(NaN)");
        assertEdge(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, variable(Double.POSITIVE_INFINITY).exp(), "exp(∞)");
        assertEdge(0, 0, variable(Double.NEGATIVE_INFINITY).exp(), "exp(-∞)");
        assertEdge(Double.NaN, Double.NaN, variable(-1).log(), "log(-1)");
        assertEdge(Double.NaN, Double.NaN, variable(Double.NaN).multiply(variable(1)), "NaN · 1");
        // IEEE arithmetic on the tangents themselves: a NaN value does not reach the sum's tangent.
        assertEdge(Double.NaN, 2, variable(Double.NaN).add(variable(1)), "NaN + 1");
        assertEdge(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, variable(0).reciprocal(), "1 / 0");
    }
}
