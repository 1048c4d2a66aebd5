package org.dualtape.dual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Layer 1 for second order: every row's {@link Elementary#d2f} against a central difference of
 * its own first derivative {@link Elementary#df} and against Commons Math's
 * {@link DerivativeStructure} of order 2, at random points inside each domain; then the stated
 * values at kinks and domain edges, NaN outside the domain, and accuracy where a naive formula
 * would overflow or cancel.
 */
class ElementarySecondDerivativeTest {

    /** Fixed so that a failure reproduces; any seed works. */
    private static final long SEED = 0xD2F0L;
    /** Step of the central difference, relative to max(1, |x|). */
    private static final double FD_STEP = 1e-6;
    /** Loose: the difference loses about half the digits and has an O(h²) bias. */
    private static final double FD_TOLERANCE = 1e-6;
    /**
     * Agreement with DerivativeStructure, relative to max(1, |f''|): its order-2 rules compose the
     * same functions by other formulas (Taylor coefficients), so a few hundred ulps of slack.
     */
    private static final double DS_RELATIVE = 1e-12;
    /** Random points per function. */
    private static final int POINTS = 40;

    /** The same function on DerivativeStructure, or null where Commons Math has none (relu). */
    static UnaryOperator<DerivativeStructure> onDerivativeStructure(Elementary e) {
        return switch (e) {
            case NEGATE -> DerivativeStructure::negate;
            case RECIPROCAL -> DerivativeStructure::reciprocal;
            case SQUARE -> x -> x.multiply(x);
            case EXP -> DerivativeStructure::exp;
            case EXPM1 -> DerivativeStructure::expm1;
            case LOG -> DerivativeStructure::log;
            case LOG1P -> DerivativeStructure::log1p;
            case LOG10 -> DerivativeStructure::log10;
            case SQRT -> DerivativeStructure::sqrt;
            case CBRT -> DerivativeStructure::cbrt;
            case SIN -> DerivativeStructure::sin;
            case COS -> DerivativeStructure::cos;
            case TAN -> DerivativeStructure::tan;
            case ASIN -> DerivativeStructure::asin;
            case ACOS -> DerivativeStructure::acos;
            case ATAN -> DerivativeStructure::atan;
            case SINH -> DerivativeStructure::sinh;
            case COSH -> DerivativeStructure::cosh;
            case TANH -> DerivativeStructure::tanh;
            case ASINH -> DerivativeStructure::asinh;
            case ACOSH -> DerivativeStructure::acosh;
            case ATANH -> DerivativeStructure::atanh;
            case ABS -> DerivativeStructure::abs;
            case SIGNUM -> DerivativeStructure::signum;
            case FLOOR -> DerivativeStructure::floor;
            case CEIL -> DerivativeStructure::ceil;
            case RINT -> DerivativeStructure::rint;
            case SIGMOID -> x -> x.negate().exp().add(1).reciprocal();
            case RELU -> null;
            case SOFTPLUS -> x -> x.exp().log1p();
            case LOG_SIGMOID -> x -> x.negate().exp().log1p().negate();
        };
    }

    /** Random points strictly inside the domain, away from kinks, on [-20, 20] or the domain. */
    private static List<Double> points(Elementary e, long seed) {
        Random random = new Random(seed + e.ordinal());
        double lo = Double.isFinite(e.low()) ? e.low() + 0.05 : -20;
        double hi = Double.isFinite(e.high()) ? e.high() - 0.05 : 20;
        if (e == Elementary.TAN) { // poles at ±π/2
            lo = -1.4;
            hi = 1.4;
        }
        List<Double> xs = new ArrayList<>();
        while (xs.size() < POINTS) {
            double x = lo + (hi - lo) * random.nextDouble();
            if (!e.piecewise() || Math.abs(2 * x - Math.rint(2 * x)) >= 0.02) { // kinks at multiples of 1/2
                xs.add(x);
            }
        }
        return xs;
    }

    @ParameterizedTest
    @EnumSource(Elementary.class)
    void secondDerivativeAgreesWithACentralDifferenceOfTheFirst(Elementary e) {
        for (double x : points(e, SEED)) {
            double h = FD_STEP * Math.max(1, Math.abs(x));
            double fd = (e.df(x + h, e.f(x + h)) - e.df(x - h, e.f(x - h))) / (2 * h);
            double y = e.f(x);
            double d2 = e.d2f(x, y);
            // plus the difference's rounding noise: the value-reusing rules (tanh' = (1 - y)(1 + y),
            // sigmoid' = y(1 - y)) carry an absolute error of about one ulp of 1, divided by h
            double tolerance = FD_TOLERANCE * (Math.abs(d2) + Math.abs(e.df(x, y)) / Math.max(1, Math.abs(x)))
                + Math.ulp(1.0) / h;
            assertEquals(d2, fd, tolerance, () -> e + "'' at " + x);
        }
    }

    @ParameterizedTest
    @EnumSource(Elementary.class)
    void secondDerivativeAgreesWithDerivativeStructureOfOrderTwo(Elementary e) {
        UnaryOperator<DerivativeStructure> ds = onDerivativeStructure(e);
        for (double x : points(e, SEED + 100)) {
            double d2 = e.d2f(x, e.f(x));
            double expected = ds == null ? 0.0 : ds.apply(new DerivativeStructure(1, 2, 0, x)).getPartialDerivative(2);
            double tolerance = DS_RELATIVE * Math.max(1, Math.abs(expected));
            assertEquals(expected, d2, tolerance, () -> e + "'' at " + x);
        }
    }

    @ParameterizedTest
    @EnumSource(Elementary.class)
    void outsideTheDomainTheSecondDerivativeIsNaN(Elementary e) {
        for (double x : new double[] {e.low() - 1, e.high() + 1}) {
            if (Double.isFinite(x)) {
                assertTrue(Double.isNaN(e.d2f(x, e.f(x))), () -> e + "'' at " + x);
            }
        }
    }

    @Test
    void conventionsAtKinksAndDomainEdges() {
        double inf = Double.POSITIVE_INFINITY;
        for (Elementary e : new Elementary[] {Elementary.ABS, Elementary.RELU, Elementary.SIGNUM}) {
            assertZero(e.d2f(0.0, e.f(0.0)), e + "''(+0)");
            assertZero(e.d2f(-0.0, e.f(-0.0)), e + "''(-0)");
        }
        assertZero(Elementary.FLOOR.d2f(3, 3), "floor'' at a jump");
        assertZero(Elementary.CEIL.d2f(3, 3), "ceil'' at a jump");
        assertZero(Elementary.RINT.d2f(2.5, 2), "rint'' at a jump");
        assertTrue(Double.isNaN(Elementary.RELU.d2f(Double.NaN, Double.NaN)), "relu''(NaN), as relu'(NaN)");
        assertEquals(-inf, Elementary.SQRT.d2f(0, 0), 0.0, "sqrt''(0)");
        assertEquals(-inf, Elementary.CBRT.d2f(0.0, 0.0), 0.0, "cbrt''(+0)");
        assertEquals(inf, Elementary.CBRT.d2f(-0.0, -0.0), 0.0, "cbrt''(-0): the limit from below");
        assertEquals(-inf, Elementary.LOG.d2f(0, Double.NEGATIVE_INFINITY), 0.0, "log''(0)");
        assertEquals(inf, Elementary.RECIPROCAL.d2f(0.0, inf), 0.0, "(1/x)''(+0)");
        assertEquals(-inf, Elementary.RECIPROCAL.d2f(-0.0, -inf), 0.0, "(1/x)''(-0)");
        assertEquals(inf, Elementary.ASIN.d2f(1, Math.PI / 2), 0.0, "asin''(1)");
        assertEquals(-inf, Elementary.ASIN.d2f(-1, -Math.PI / 2), 0.0, "asin''(-1)");
        assertEquals(-inf, Elementary.ACOS.d2f(1, 0), 0.0, "acos''(1)");
        assertEquals(inf, Elementary.ACOS.d2f(-1, Math.PI), 0.0, "acos''(-1)");
        assertEquals(inf, Elementary.ATANH.d2f(1, inf), 0.0, "atanh''(1)");
        assertEquals(-inf, Elementary.ATANH.d2f(-1, -inf), 0.0, "atanh''(-1)");
        assertEquals(-inf, Elementary.ACOSH.d2f(1, 0), 0.0, "acosh''(1)");
    }

    @Test
    void secondDerivativesStayAccurateWhereTheNaiveFormulaOverflowsOrCancels() {
        // asinh''(x) = -x/(1 + x²)^(3/2) ≈ -1/x²: x² overflows above 1e154, x·d³ underflows early.
        assertEquals(-1e-200, Elementary.ASINH.d2f(1e100, Elementary.ASINH.f(1e100)), 1e-214);
        assertEquals(-1e-200, Elementary.ACOSH.d2f(1e100, Elementary.ACOSH.f(1e100)), 1e-214);
        // atan''(x) = -2x/(1 + x²)² ≈ -2/x³.
        assertEquals(-2e-300, Elementary.ATAN.d2f(1e100, Elementary.ATAN.f(1e100)), 1e-314);
        // softplus''(x) = σ(x)σ(-x) ≈ e^-|x|: σ(x)(1 - σ(x)) would give 0 at x = 40.
        assertEquals(Math.exp(-40), Elementary.SOFTPLUS.d2f(40, Elementary.SOFTPLUS.f(40)), 1e-15 * Math.exp(-40));
        assertEquals(-Math.exp(-40), Elementary.LOG_SIGMOID.d2f(-40, Elementary.LOG_SIGMOID.f(-40)),
            1e-15 * Math.exp(-40));
        // expm1''(x) = e^x, not y + 1, for x ≪ 0.
        assertEquals(Math.exp(-40), Elementary.EXPM1.d2f(-40, Math.expm1(-40)), 0.0);
    }

    private static void assertZero(double actual, String what) {
        assertEquals(0.0, actual, 0.0, what);
    }
}
