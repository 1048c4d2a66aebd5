package org.dualtape.dual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.dfp.Dfp;
import org.apache.commons.math3.dfp.DfpField;
import org.apache.commons.math3.dfp.DfpMath;
import org.apache.commons.math3.util.FastMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Layer 1: the whole rule table, swept at points across each function's domain, including its
 * edges (±0, subnormals, huge values, the domain bounds, NaN, ±∞). Values are bitwise those of
 * {@code java.lang.Math} ({@code FastMath} for asinh, acosh, atanh), tangents of {@link Dual} and
 * {@link MultiDual} are bitwise the rule, and the rule agrees loosely with a central difference.
 */
class ElementaryTest {

    /** Fixed so that a failure reproduces; any seed works. */
    private static final long SEED = 0xE1E3L;
    /** Step of the central difference, relative to max(1, |x|). */
    private static final double FD_STEP = 1e-6;
    /** Loose: the difference loses about half the digits and has an O(h²) bias. */
    private static final double FD_TOLERANCE = 1e-6;
    /** Correctly rounded would be 0.5 ulp; the activations compose a few roundings. */
    private static final double ACTIVATION_ULPS = 3;

    private static final double[] EDGES = {
        0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
        1e-300, -1e-300, 1e-8, -1e-8, 0.5, -0.5, 1, -1, 2, -2, 10, -10, 700, -700, 1e8, -1e8,
        1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
    };

    /** The same function as plain Java, or null for the activations (tested against Dfp). */
    static DoubleUnaryOperator reference(Elementary e) {
        return switch (e) {
            case NEGATE -> x -> -x;
            case RECIPROCAL -> x -> 1 / x;
            case SQUARE -> x -> x * x;
            case EXP -> Math::exp;
            case EXPM1 -> Math::expm1;
            case LOG -> Math::log;
            case LOG1P -> Math::log1p;
            case LOG10 -> Math::log10;
            case SQRT -> Math::sqrt;
            case CBRT -> Math::cbrt;
            case SIN -> Math::sin;
            case COS -> Math::cos;
            case TAN -> Math::tan;
            case ASIN -> Math::asin;
            case ACOS -> Math::acos;
            case ATAN -> Math::atan;
            case SINH -> Math::sinh;
            case COSH -> Math::cosh;
            case TANH -> Math::tanh;
            case ASINH -> FastMath::asinh;
            case ACOSH -> FastMath::acosh;
            case ATANH -> FastMath::atanh;
            case ABS -> Math::abs;
            case SIGNUM -> Math::signum;
            case FLOOR -> Math::floor;
            case CEIL -> Math::ceil;
            case RINT -> Math::rint;
            case RELU -> x -> Math.max(0.0, x);
            case SIGMOID, SOFTPLUS, LOG_SIGMOID -> null;
        };
    }

    /** The {@link Dual} method that applies the rule. */
    static UnaryOperator<Dual> onDual(Elementary e) {
        return switch (e) {
            case NEGATE -> Dual::negate;
            case RECIPROCAL -> Dual::reciprocal;
            case SQUARE -> Dual::square;
            case EXP -> Dual::exp;
            case EXPM1 -> Dual::expm1;
            case LOG -> Dual::log;
            case LOG1P -> Dual::log1p;
            case LOG10 -> Dual::log10;
            case SQRT -> Dual::sqrt;
            case CBRT -> Dual::cbrt;
            case SIN -> Dual::sin;
            case COS -> Dual::cos;
            case TAN -> Dual::tan;
            case ASIN -> Dual::asin;
            case ACOS -> Dual::acos;
            case ATAN -> Dual::atan;
            case SINH -> Dual::sinh;
            case COSH -> Dual::cosh;
            case TANH -> Dual::tanh;
            case ASINH -> Dual::asinh;
            case ACOSH -> Dual::acosh;
            case ATANH -> Dual::atanh;
            case ABS -> Dual::abs;
            case SIGNUM -> Dual::signum;
            case FLOOR -> Dual::floor;
            case CEIL -> Dual::ceil;
            case RINT -> Dual::rint;
            case SIGMOID -> Dual::sigmoid;
            case RELU -> Dual::relu;
            case SOFTPLUS -> Dual::softplus;
            case LOG_SIGMOID -> Dual::logSigmoid;
        };
    }

    /** The {@link MultiDual} method that applies the rule. */
    static UnaryOperator<MultiDual> onMultiDual(Elementary e) {
        return switch (e) {
            case NEGATE -> MultiDual::negate;
            case RECIPROCAL -> MultiDual::reciprocal;
            case SQUARE -> MultiDual::square;
            case EXP -> MultiDual::exp;
            case EXPM1 -> MultiDual::expm1;
            case LOG -> MultiDual::log;
            case LOG1P -> MultiDual::log1p;
            case LOG10 -> MultiDual::log10;
            case SQRT -> MultiDual::sqrt;
            case CBRT -> MultiDual::cbrt;
            case SIN -> MultiDual::sin;
            case COS -> MultiDual::cos;
            case TAN -> MultiDual::tan;
            case ASIN -> MultiDual::asin;
            case ACOS -> MultiDual::acos;
            case ATAN -> MultiDual::atan;
            case SINH -> MultiDual::sinh;
            case COSH -> MultiDual::cosh;
            case TANH -> MultiDual::tanh;
            case ASINH -> MultiDual::asinh;
            case ACOSH -> MultiDual::acosh;
            case ATANH -> MultiDual::atanh;
            case ABS -> MultiDual::abs;
            case SIGNUM -> MultiDual::signum;
            case FLOOR -> MultiDual::floor;
            case CEIL -> MultiDual::ceil;
            case RINT -> MultiDual::rint;
            case SIGMOID -> MultiDual::sigmoid;
            case RELU -> MultiDual::relu;
            case SOFTPLUS -> MultiDual::softplus;
            case LOG_SIGMOID -> MultiDual::logSigmoid;
        };
    }

    /** The edge points, the domain bounds and their neighbours, and random points inside. */
    private static List<Double> points(Elementary e) {
        List<Double> points = new ArrayList<>();
        for (double x : EDGES) {
            points.add(x);
        }
        for (double bound : new double[] {e.low(), e.high()}) {
            points.add(bound);
            points.add(Math.nextUp(bound));
            points.add(Math.nextDown(bound));
        }
        Random random = new Random(SEED + e.ordinal());
        double lo = Math.max(e.low(), -20);
        double hi = Math.min(e.high(), 20);
        for (int i = 0; i < 40; i++) {
            points.add(lo + (hi - lo) * random.nextDouble());
        }
        return points;
    }

    @ParameterizedTest
    @EnumSource(Elementary.class)
    void valueIsBitwiseJavaLangMath(Elementary e) {
        DoubleUnaryOperator reference = reference(e);
        if (reference == null) {
            return; // the activations: see activationsAreAccurate
        }
        for (double x : points(e)) {
            assertEquals(reference.applyAsDouble(x), e.f(x), 0.0, () -> e + " at " + x);
        }
    }

    @ParameterizedTest
    @EnumSource(Elementary.class)
    void dualAndMultiDualApplyTheRuleBitwise(Elementary e) {
        UnaryOperator<Dual> dual = onDual(e);
        UnaryOperator<MultiDual> multi = onMultiDual(e);
        for (double x : points(e)) {
            double y = e.f(x);
            double df = e.df(x, y);
            String at = e + " at " + x;
            Dual d = dual.apply(Dual.variable(x));
            assertEquals(y, d.value(), 0.0, at);
            assertEquals(df, d.tangent(), 0.0, at);
            assertEquals(0.0, dual.apply(Dual.constant(x)).tangent(), 0.0, at + ", constant");
            MultiDual m = multi.apply(MultiDual.variable(x, 1, 3));
            assertEquals(y, m.value(), 0.0, at);
            assertEquals(0.0, m.tangent(0), 0.0, at + ", tangent 0 stays 0");
            assertEquals(df, m.tangent(1), 0.0, at + ", tangent 1");
            assertEquals(0.0, m.tangent(2), 0.0, at + ", tangent 2 stays 0");
            assertEquals(-2 * df, multi.apply(MultiDual.of(x, new double[] {-2})).tangent(0), 0.0, at + ", seed -2");
        }
    }

    @ParameterizedTest
    @EnumSource(Elementary.class)
    void ruleAgreesWithACentralDifference(Elementary e) {
        Random random = new Random(SEED + 100 + e.ordinal());
        double lo = Double.isFinite(e.low()) ? e.low() + 0.05 : -20;
        double hi = Double.isFinite(e.high()) ? e.high() - 0.05 : 20;
        if (e == Elementary.TAN) { // poles at ±π/2
            lo = -1.4;
            hi = 1.4;
        }
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            xs.add(lo + (hi - lo) * random.nextDouble());
        }
        if (e != Elementary.SIN && e != Elementary.COS && e != Elementary.TAN) { // not periodic
            for (double x : new double[] {1e3, -1e3, 1e100, -1e100, 1e300, -1e300}) {
                if (x > e.low() && x < e.high()) {
                    xs.add(x);
                }
            }
        }
        for (double x : xs) {
            if (e.piecewise() && Math.abs(2 * x - Math.rint(2 * x)) < 0.02) {
                continue; // within 0.01 of a multiple of 1/2: a jump or kink of floor/ceil/rint/abs/signum/relu
            }
            double h = FD_STEP * Math.max(1, Math.abs(x));
            double fd = (e.f(x + h) - e.f(x - h)) / (2 * h);
            double fx = e.f(x);
            double df = e.df(x, fx);
            if (!Double.isFinite(fd) || !Double.isFinite(fx)) {
                continue;
            }
            double tolerance = FD_TOLERANCE * (Math.abs(df) + Math.abs(fx) / Math.max(1, Math.abs(x)));
            assertEquals(df, fd, tolerance, () -> e + "' at " + x);
        }
    }

    @ParameterizedTest
    @EnumSource(Elementary.class)
    void outsideTheDomainValueAndRuleAreNaN(Elementary e) {
        for (double x : new double[] {e.low() - 1, e.high() + 1}) {
            if (Double.isFinite(x)) {
                double y = e.f(x);
                assertTrue(Double.isNaN(y), () -> e + " at " + x + " gave " + y);
                assertTrue(Double.isNaN(e.df(x, y)), () -> e + "' at " + x);
            }
        }
        assertTrue(Double.isNaN(e.f(Double.NaN)), () -> e + " at NaN");
    }

    @Test
    void conventionsAtKinksAndDomainEdges() {
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(1.0, Elementary.ABS.df(0.0, 0.0), 0.0, "abs'(+0)");
        assertEquals(-1.0, Elementary.ABS.df(-0.0, 0.0), 0.0, "abs'(-0)");
        assertEquals(0.0, Elementary.RELU.df(0.0, 0.0), 0.0, "relu'(0)");
        assertEquals(0.0, Elementary.FLOOR.df(3, 3), 0.0, "floor' at a jump");
        assertEquals(0.0, Elementary.CEIL.df(3, 3), 0.0, "ceil' at a jump");
        assertEquals(0.0, Elementary.RINT.df(2.5, 2), 0.0, "rint' at a jump");
        assertEquals(0.0, Elementary.SIGNUM.df(0, 0), 0.0, "signum'(0)");
        assertEquals(inf, Elementary.SQRT.df(0, 0), 0.0, "sqrt'(0)");
        assertEquals(inf, Elementary.CBRT.df(0, 0), 0.0, "cbrt'(0)");
        assertEquals(inf, Elementary.LOG.df(0, Double.NEGATIVE_INFINITY), 0.0, "log'(0)");
        assertEquals(inf, Elementary.ASIN.df(1, Math.PI / 2), 0.0, "asin'(1)");
        assertEquals(inf, Elementary.ASIN.df(-1, -Math.PI / 2), 0.0, "asin'(-1)");
        assertEquals(-inf, Elementary.ACOS.df(1, 0), 0.0, "acos'(1)");
        assertEquals(inf, Elementary.ATANH.df(1, inf), 0.0, "atanh'(1)");
        assertEquals(inf, Elementary.ACOSH.df(1, 0), 0.0, "acosh'(1)");
    }

    @Test
    void rulesStayAccurateWhereTheNaiveFormulaOverflowsOrCancels() {
        // asinh'(x) = 1/√(x² + 1) ≈ 1/|x|: x² overflows above 1e154.
        assertEquals(1e-200, Elementary.ASINH.df(1e200, 0), 1e-215);
        assertEquals(1e-200, Elementary.ACOSH.df(1e200, 0), 1e-215);
        // expm1'(x) = e^x, not y + 1 = 0, for x ≪ 0.
        assertEquals(Math.exp(-40), Elementary.EXPM1.df(-40, Math.expm1(-40)), 0.0);
        // asin'(x) near 1: 1 - x² cancels; with x = 1 - 2⁻⁵³·2, 1 - x² = 2⁻⁵¹ - 2⁻¹⁰⁴.
        double x = 1 - 0x1p-52;
        double exact = 1 / Math.sqrt(0x1p-51 - 0x1p-104);
        assertEquals(exact, Elementary.ASIN.df(x, Math.asin(x)), 1e-15 * exact);
    }

    @Test
    void activationsAreAccurate() {
        DfpField field = new DfpField(40);
        for (double x : new double[] {-700, -40, -20, -1, -1e-10, 0, 1e-10, 1, 20, 40, 700}) {
            Dfp dx = field.newDfp(x);
            Dfp one = field.getOne();
            Dfp sigmoid = one.divide(one.add(DfpMath.exp(dx.negate())));
            assertUlps(sigmoid.toDouble(), Elementary.SIGMOID.f(x), "sigmoid(" + x + ")");
            assertUlps(softplus(dx).toDouble(), Elementary.SOFTPLUS.f(x), "softplus(" + x + ")");
            assertUlps(softplus(dx.negate()).negate().toDouble(), Elementary.LOG_SIGMOID.f(x), "logSigmoid(" + x + ")");
        }
        assertEquals(1.0, Elementary.SIGMOID.f(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(0.0, Elementary.SIGMOID.f(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(1e300, Elementary.SOFTPLUS.f(1e300), 0.0, "no overflow");
        assertEquals(-1e300, Elementary.LOG_SIGMOID.f(-1e300), 0.0, "no overflow");
    }

    /** log(1 + e^x) to 40 digits; for e^x below 1e-30, where 1 + e^x rounds to 1, e - e²/2. */
    private static Dfp softplus(Dfp x) {
        Dfp e = DfpMath.exp(x);
        if (e.lessThan(x.getField().newDfp(1e-30))) {
            return e.subtract(e.multiply(e).divide(2));
        }
        return DfpMath.log(e.add(x.getField().getOne()));
    }

    private static void assertUlps(double expected, double actual, String what) {
        assertEquals(expected, actual, ACTIVATION_ULPS * Math.ulp(expected), what);
    }

    @Test
    void labelsAndPiecewiseFlags() {
        assertEquals("exp", Elementary.EXP.label());
        assertEquals("logSigmoid", Elementary.LOG_SIGMOID.label());
        for (Elementary e : Elementary.values()) {
            boolean jumpsOrKinks = switch (e) {
                case ABS, SIGNUM, FLOOR, CEIL, RINT, RELU -> true;
                default -> false;
            };
            assertEquals(jumpsOrKinks, e.piecewise(), e::name);
        }
    }
}
