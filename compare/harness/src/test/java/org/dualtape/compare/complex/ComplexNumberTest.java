package org.dualtape.compare.complex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.util.FastMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ComplexNumberTest {
    /** A complex step. */
    private static final double H = ComplexStep.DEFAULT_STEP;
    /** Complex-step derivative against DerivativeStructure's: both exact up to a few roundings. */
    private static final double DERIVATIVE_TOLERANCE = 1e-14;
    /** General complex values against Commons Math's Complex: different formulas, a few ulps each. */
    private static final double COMPLEX_TOLERANCE = 1e-14;

    /** One function: on complex numbers, on real numbers (Math), on DerivativeStructure, and where it is smooth. */
    record Fn(String name, UnaryOperator<ComplexNumber> c, DoubleUnaryOperator real,
              UnaryOperator<DerivativeStructure> ds, double[] points) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final double[] ANYWHERE = {-2.5, -0.6, -0.05, 0.05, 0.3, 1.7, 4.0};
    private static final double[] POSITIVE = {0.05, 0.3, 1.7, 4.0, 1e5};
    private static final double[] UNIT = {-0.9, -0.3, 0.05, 0.6, 0.99};

    static List<Fn> functions() {
        return List.of(
            new Fn("exp", ComplexNumber::exp, Math::exp, DerivativeStructure::exp, ANYWHERE),
            new Fn("expm1", ComplexNumber::expm1, Math::expm1, DerivativeStructure::expm1, ANYWHERE),
            new Fn("log", ComplexNumber::log, Math::log, DerivativeStructure::log, POSITIVE),
            new Fn("log1p", ComplexNumber::log1p, Math::log1p, DerivativeStructure::log1p, new double[] {-0.9, -0.05, 0.3, 4}),
            new Fn("sqrt", ComplexNumber::sqrt, Math::sqrt, DerivativeStructure::sqrt, POSITIVE),
            new Fn("cbrt", ComplexNumber::cbrt, Math::cbrt, DerivativeStructure::cbrt, ANYWHERE),
            new Fn("rootN(5)", z -> z.rootN(5), x -> x < 0 ? -Math.pow(-x, 0.2) : Math.pow(x, 0.2),
                z -> z.getValue() < 0 ? z.negate().rootN(5).negate() : z.rootN(5), ANYWHERE), // DS: NaN below 0
            new Fn("pow(2.5)", z -> z.pow(2.5), x -> Math.pow(x, 2.5), z -> z.pow(2.5), POSITIVE),
            new Fn("pow(3)", z -> z.pow(3), x -> Math.pow(x, 3), z -> z.pow(3), ANYWHERE),
            new Fn("pow(-2)", z -> z.pow(-2), x -> Math.pow(x, -2), z -> z.pow(-2), ANYWHERE),
            new Fn("x^x", z -> z.pow(z), x -> Math.pow(x, x), z -> z.pow(z), POSITIVE),
            new Fn("reciprocal", ComplexNumber::reciprocal, x -> 1 / x, DerivativeStructure::reciprocal, ANYWHERE),
            new Fn("sin", ComplexNumber::sin, Math::sin, DerivativeStructure::sin, ANYWHERE),
            new Fn("cos", ComplexNumber::cos, Math::cos, DerivativeStructure::cos, ANYWHERE),
            new Fn("tan", ComplexNumber::tan, Math::tan, DerivativeStructure::tan, ANYWHERE),
            new Fn("asin", ComplexNumber::asin, Math::asin, DerivativeStructure::asin, UNIT),
            new Fn("acos", ComplexNumber::acos, Math::acos, DerivativeStructure::acos, UNIT),
            new Fn("atan", ComplexNumber::atan, Math::atan, DerivativeStructure::atan, ANYWHERE),
            new Fn("sinh", ComplexNumber::sinh, Math::sinh, DerivativeStructure::sinh, ANYWHERE),
            new Fn("cosh", ComplexNumber::cosh, Math::cosh, DerivativeStructure::cosh, ANYWHERE),
            new Fn("tanh", ComplexNumber::tanh, Math::tanh, DerivativeStructure::tanh, new double[] {-25, -2.5, -0.05, 0.3, 1.7, 19}),
            new Fn("asinh", ComplexNumber::asinh, FastMath::asinh, DerivativeStructure::asinh, ANYWHERE),
            new Fn("acosh", ComplexNumber::acosh, FastMath::acosh, DerivativeStructure::acosh, new double[] {1.01, 1.7, 4}),
            new Fn("atanh", ComplexNumber::atanh, FastMath::atanh, DerivativeStructure::atanh, UNIT),
            new Fn("atan2(z, 0.7)", z -> z.atan2(ComplexNumber.real(0.7)), x -> Math.atan2(x, 0.7),
                z -> z.atan2(z.getField().getZero().add(0.7)), ANYWHERE),
            new Fn("atan2(-1.3, z)", z -> ComplexNumber.real(-1.3).atan2(z), x -> Math.atan2(-1.3, x),
                z -> z.getField().getZero().add(-1.3).atan2(z), ANYWHERE),
            new Fn("hypot(z, -0.8)", z -> z.hypot(ComplexNumber.real(-0.8)), x -> Math.hypot(x, -0.8),
                z -> z.hypot(z.getField().getZero().add(-0.8)), ANYWHERE),
            new Fn("z / (1 + z²)", z -> z.divide(z.multiply(z).add(1)), x -> x / (1 + x * x),
                z -> z.divide(z.multiply(z).add(1)), ANYWHERE),
            new Fn("abs", ComplexNumber::abs, Math::abs, DerivativeStructure::abs, ANYWHERE),
            new Fn("copySign(-1)", z -> z.copySign(-1.0), x -> Math.copySign(x, -1.0), z -> z.copySign(-1.0), ANYWHERE),
            new Fn("remainder(0.4)", z -> z.remainder(0.4), x -> Math.IEEEremainder(x, 0.4), z -> z.remainder(0.4), ANYWHERE));
    }

    static Stream<Object[]> functionPoints() {
        return functions().stream().flatMap(f -> java.util.Arrays.stream(f.points()).mapToObj(x -> new Object[] {f, x}));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("functionPoints")
    void aStepGivesTheRealValueBitwiseAndTheDerivative(Fn f, double x) {
        ComplexNumber z = f.c().apply(ComplexNumber.of(x, H));
        assertEquals(Double.doubleToRawLongBits(f.real().applyAsDouble(x)), Double.doubleToRawLongBits(z.re()),
                () -> "real part " + z.re() + " vs " + f.real().applyAsDouble(x));
        double expected = f.ds().apply(new DerivativeStructure(1, 1, 0, x)).getPartialDerivative(1);
        assertEquals(expected, z.im() / H, DERIVATIVE_TOLERANCE * Math.max(1, Math.abs(expected)));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("functionPoints")
    void aRealNumberStaysReal(Fn f, double x) {
        ComplexNumber z = f.c().apply(ComplexNumber.real(x));
        assertEquals(f.real().applyAsDouble(x), z.re());
        assertEquals(0.0, Math.abs(z.im()));
    }

    /** Functions Commons Math's Complex also has, for values far from the real axis. */
    static Stream<Object[]> analytic() {
        return Stream.of(
            new Object[] {"exp", (UnaryOperator<ComplexNumber>) ComplexNumber::exp, (UnaryOperator<Complex>) Complex::exp},
            new Object[] {"log", (UnaryOperator<ComplexNumber>) ComplexNumber::log, (UnaryOperator<Complex>) Complex::log},
            new Object[] {"sqrt", (UnaryOperator<ComplexNumber>) ComplexNumber::sqrt, (UnaryOperator<Complex>) Complex::sqrt},
            new Object[] {"sin", (UnaryOperator<ComplexNumber>) ComplexNumber::sin, (UnaryOperator<Complex>) Complex::sin},
            new Object[] {"cos", (UnaryOperator<ComplexNumber>) ComplexNumber::cos, (UnaryOperator<Complex>) Complex::cos},
            new Object[] {"tan", (UnaryOperator<ComplexNumber>) ComplexNumber::tan, (UnaryOperator<Complex>) Complex::tan},
            new Object[] {"sinh", (UnaryOperator<ComplexNumber>) ComplexNumber::sinh, (UnaryOperator<Complex>) Complex::sinh},
            new Object[] {"cosh", (UnaryOperator<ComplexNumber>) ComplexNumber::cosh, (UnaryOperator<Complex>) Complex::cosh},
            new Object[] {"tanh", (UnaryOperator<ComplexNumber>) ComplexNumber::tanh, (UnaryOperator<Complex>) Complex::tanh},
            new Object[] {"asin", (UnaryOperator<ComplexNumber>) ComplexNumber::asin, (UnaryOperator<Complex>) Complex::asin},
            new Object[] {"acos", (UnaryOperator<ComplexNumber>) ComplexNumber::acos, (UnaryOperator<Complex>) Complex::acos},
            new Object[] {"atan", (UnaryOperator<ComplexNumber>) ComplexNumber::atan, (UnaryOperator<Complex>) Complex::atan},
            new Object[] {"reciprocal", (UnaryOperator<ComplexNumber>) ComplexNumber::reciprocal, (UnaryOperator<Complex>) Complex::reciprocal},
            new Object[] {"pow(1.5)", (UnaryOperator<ComplexNumber>) z -> z.pow(1.5), (UnaryOperator<Complex>) z -> z.pow(1.5)},
            new Object[] {"z^z", (UnaryOperator<ComplexNumber>) z -> z.pow(z), (UnaryOperator<Complex>) z -> z.pow(z)},
            new Object[] {"expm1", (UnaryOperator<ComplexNumber>) ComplexNumber::expm1, (UnaryOperator<Complex>) z -> z.exp().subtract(1)},
            new Object[] {"log1p", (UnaryOperator<ComplexNumber>) ComplexNumber::log1p, (UnaryOperator<Complex>) z -> z.add(1).log()});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("analytic")
    void farFromTheRealAxisItIsThePrincipalComplexFunction(String name, UnaryOperator<ComplexNumber> mine,
                                                            UnaryOperator<Complex> theirs) {
        double[][] points = {{0.3, 0.4}, {1.7, -0.9}, {-0.6, 1.1}, {2.0, 0.5}};
        for (double[] p : points) {
            ComplexNumber z = mine.apply(ComplexNumber.of(p[0], p[1]));
            Complex c = theirs.apply(new Complex(p[0], p[1]));
            double scale = Math.max(1, c.abs());
            assertEquals(c.getReal(), z.re(), COMPLEX_TOLERANCE * scale, name + " re at " + p[0] + "+" + p[1] + "i");
            assertEquals(c.getImaginary(), z.im(), COMPLEX_TOLERANCE * scale, name + " im at " + p[0] + "+" + p[1] + "i");
        }
    }

    @Test
    void identitiesHoldOffTheAxis() {
        ComplexNumber z = ComplexNumber.of(0.7, -0.45);
        assertClose(ComplexNumber.ONE, z.sin().multiply(z.sin()).add(z.cos().multiply(z.cos())));
        assertClose(z, z.log().exp());
        assertClose(z, z.sqrt().multiply(z.sqrt()));
        assertClose(z, z.cbrt().pow(3));
        assertClose(z, z.tanh().atanh());
        assertClose(z, z.sinh().asinh());
        assertClose(z.multiply(z), z.hypot(ComplexNumber.ZERO).pow(2));
        assertClose(z.atan(), z.atan2(ComplexNumber.ONE));
        assertClose(ComplexNumber.ONE, z.divide(z));
    }

    @Test
    void outsideTheRealDomainAStepGivesNaNLikeRealCode() {
        for (UnaryOperator<ComplexNumber> f : List.<UnaryOperator<ComplexNumber>>of(ComplexNumber::sqrt,
                ComplexNumber::log, z -> z.pow(0.5), z -> z.rootN(4), z -> z.add(-1).log1p(), ComplexNumber::asin,
                ComplexNumber::acos, ComplexNumber::atanh, z -> z.add(2).acosh().negate())) {
            ComplexNumber r = f.apply(ComplexNumber.of(-1.5, H));
            assertTrue(Double.isNaN(r.re()) && Double.isNaN(r.im()), r.toString());
        }
        // an integer power of a negative number is defined
        ComplexNumber cube = ComplexNumber.of(-2, H).pow(3.0);
        assertEquals(-8.0, cube.re());
        assertEquals(12.0, cube.im() / H, 1e-15);
    }

    @Test
    void nonanalyticMethodsFollowTheRealPart() {
        ComplexNumber neg = ComplexNumber.of(-1.25, 3);
        assertEquals(ComplexNumber.of(1.25, -3), neg.abs());
        assertEquals(ComplexNumber.of(1.25, -3), neg.copySign(ComplexNumber.of(2, -7)));
        assertEquals(ComplexNumber.of(-1.25, 3), ComplexNumber.of(0.0, 0).negate().signum().subtract(neg.negate()).add(0.0));
        assertEquals(ComplexNumber.real(-2), neg.floor());
        assertEquals(ComplexNumber.real(-1), neg.ceil());
        assertEquals(ComplexNumber.real(-1), neg.rint());
        assertEquals(ComplexNumber.real(-1), neg.signum());
        assertEquals(-1, neg.round());
        assertEquals(ComplexNumber.of(-0.25, 3 - 2 * -1.0), neg.remainder(ComplexNumber.of(1, 2)).add(0.0));
        assertEquals(ComplexNumber.of(-5, 12), neg.scalb(2));
        // abs of -0.0 follows the sign bit, as the rule table: derivative -1
        assertEquals(-1.0, ComplexNumber.of(-0.0, H).abs().im() / H);
    }

    @Test
    void theFieldAndLinearCombinations() {
        assertSame(ComplexNumber.ZERO, ComplexNumber.ONE.getField().getZero());
        assertSame(ComplexNumber.ONE, ComplexNumber.ZERO.getField().getOne());
        assertEquals(ComplexNumber.class, ComplexNumber.FIELD.getRuntimeClass());
        ComplexNumber a = ComplexNumber.of(1, 2);
        ComplexNumber b = ComplexNumber.of(-3, 0.5);
        ComplexNumber expected = a.multiply(a).add(b.multiply(b));
        assertEquals(expected, a.linearCombination(new ComplexNumber[] {a, b}, new ComplexNumber[] {a, b}));
        assertEquals(expected, a.linearCombination(a, a, b, b));
        assertEquals(a.multiply(2).add(b.multiply(3)), a.linearCombination(new double[] {2, 3}, new ComplexNumber[] {a, b}));
        assertEquals(a.multiply(2).add(b.multiply(3)).add(a.multiply(4)), a.linearCombination(2, a, 3, b, 4, a));
        assertEquals(a.multiply(a).add(b.multiply(b)).add(a.multiply(b)), a.linearCombination(a, a, b, b, a, b));
        assertEquals(a.multiply(2).add(b.multiply(3)).add(a.multiply(4)).add(b.multiply(5)),
                a.linearCombination(2, a, 3, b, 4, a, 5, b));
        assertEquals(expected.add(a.multiply(b)).add(b.multiply(a)), a.linearCombination(a, a, b, b, a, b, b, a));
        assertEquals(ComplexNumber.of(1, 2), ComplexNumber.of(1, 2));
        assertEquals(ComplexNumber.of(1, 2).hashCode(), ComplexNumber.of(1, 2).hashCode());
        assertNotEquals(ComplexNumber.of(0.0, 0), ComplexNumber.of(-0.0, 0));
        assertEquals("1.5 - 2.0i", ComplexNumber.of(1.5, -2).toString());
    }

    @Test
    void divisionNeitherOverflowsNorLosesATinyImaginaryPart() {
        ComplexNumber big = ComplexNumber.of(1e300, 1e300);
        assertClose(ComplexNumber.ONE, big.divide(big));
        ComplexNumber q = ComplexNumber.of(3, H).divide(ComplexNumber.of(7, 2 * H));
        assertEquals(3.0 / 7, q.re());
        assertEquals((7 - 3 * 2) / 49.0, q.im() / H, 1e-16); // (b c − a d) / c²
    }

    private static void assertClose(ComplexNumber expected, ComplexNumber actual) {
        double scale = Math.max(1, Math.hypot(expected.re(), expected.im()));
        assertEquals(expected.re(), actual.re(), COMPLEX_TOLERANCE * scale, actual.toString());
        assertEquals(expected.im(), actual.im(), COMPLEX_TOLERANCE * scale, actual.toString());
    }
}
