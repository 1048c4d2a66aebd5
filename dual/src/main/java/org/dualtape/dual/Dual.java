package org.dualtape.dual;

import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * A dual number {@code value + tangent·ε} (ε² = 0): a value together with its derivative along
 * one direction, the number type of scalar forward-mode AD.
 *
 * <h2>Construction</h2>
 * {@link #variable(double)} (tangent 1), {@link #constant(double)} (tangent 0) or
 * {@link #of(double, double)}; {@link Forward} seeds them for you. Dual numbers you build
 * yourself combine with anything; those seeded by a {@code Forward} call carry that call's tag
 * (see {@link Forward}, "Nesting").
 *
 * <h2>Accuracy</h2>
 * The value of every operation is bitwise what plain {@code double} code computes, in the same
 * order, with {@code java.lang.Math} ({@code x / y}, not {@code x * (1 / y)}); the exceptions,
 * documented on each method, are asinh/acosh/atanh ({@code FastMath}, as Java has none),
 * {@code linearCombination} (Commons Math's accurate {@code MathArrays.linearCombination}) and
 * {@code remainder} (IEEE remainder, not Java's {@code %}). Unary functions take their derivative
 * from the one rule table {@link Elementary}; binary ones are written here, with partials shared
 * through {@link Partials}.
 *
 * <h2>Non-finite values and conventions</h2>
 * NaN and infinities propagate as in plain IEEE code. A zero tangent stays zero through every
 * unary function and every partial of pow, atan2, hypot and remainder, even where the partial is
 * infinite ({@link Partials#chain}): {@code Dual.constant(0).sqrt()} has tangent 0, where
 * {@code DerivativeStructure} gives NaN. Conventions at kinks and domain edges follow Commons
 * Math's {@code DerivativeStructure} (order 1) unless a method says otherwise.
 *
 * <p>Instances are immutable; every operation allocates at most its result (the array forms of
 * {@code linearCombination} also allocate the value arrays that Commons Math's accurate sum
 * takes).
 */
public final class Dual implements RealFieldElement<Dual> {

    /** The constant 0. */
    public static final Dual ZERO = new Dual(0, 0, Tag.NONE);
    /** The constant 1. */
    public static final Dual ONE = new Dual(1, 0, Tag.NONE);

    private final double v;
    private final double d;
    private final int tag;

    private Dual(double value, double tangent, int tag) {
        this.v = value;
        this.d = tangent;
        this.tag = tag;
    }

    /**
     * The independent variable at {@code x}: tangent 1.
     *
     * @param x the value
     * @return {@code x + ε}
     */
    public static Dual variable(double x) {
        return new Dual(x, 1, Tag.NONE);
    }

    /**
     * A constant: tangent 0.
     *
     * @param x the value
     * @return {@code x + 0ε}
     */
    public static Dual constant(double x) {
        return new Dual(x, 0, Tag.NONE);
    }

    /**
     * A dual number with the given value and tangent (a hand-made seed).
     *
     * @param value the value
     * @param tangent the derivative along the chosen direction
     * @return {@code value + tangent·ε}
     */
    public static Dual of(double value, double tangent) {
        return new Dual(value, tangent, Tag.NONE);
    }

    /** Seeded by a {@link Forward} call: carries that call's tag. */
    static Dual seeded(double value, double tangent, int tag) {
        return new Dual(value, tangent, tag);
    }

    /** The tag of the {@link Forward} call that seeded this number, or {@link Tag#NONE}. */
    int tag() {
        return tag;
    }

    /**
     * The value.
     *
     * @return the value part
     */
    public double value() {
        return v;
    }

    /**
     * The tangent: the derivative of the value along the seeded direction.
     *
     * @return the tangent part
     */
    public double tangent() {
        return d;
    }

    /** {@inheritDoc} Same as {@link #value()}. */
    @Override
    public double getReal() {
        return v;
    }

    /** {@inheritDoc} */
    @Override
    public Field<Dual> getField() {
        return DualField.getInstance();
    }

    private Dual apply(Elementary e) {
        double y = e.f(v);
        return new Dual(y, d == 0 ? 0.0 : e.df(v, y) * d, tag);
    }

    private int join(Dual o) {
        return tag == o.tag ? tag : Tag.join(tag, o.tag);
    }

    // ---- arithmetic ---------------------------------------------------------------------------

    /** {@inheritDoc} */
    @Override
    public Dual add(Dual o) {
        return new Dual(v + o.v, d + o.d, join(o));
    }

    /** {@inheritDoc} */
    @Override
    public Dual add(double a) {
        return new Dual(v + a, d, tag);
    }

    /** {@inheritDoc} */
    @Override
    public Dual subtract(Dual o) {
        return new Dual(v - o.v, d - o.d, join(o));
    }

    /** {@inheritDoc} */
    @Override
    public Dual subtract(double a) {
        return new Dual(v - a, d, tag);
    }

    /** {@inheritDoc} */
    @Override
    public Dual negate() {
        return new Dual(-v, -d, tag);
    }

    /** {@inheritDoc} */
    @Override
    public Dual multiply(Dual o) {
        return new Dual(v * o.v, d * o.v + v * o.d, join(o));
    }

    /** {@inheritDoc} */
    @Override
    public Dual multiply(double a) {
        return new Dual(v * a, d * a, tag);
    }

    /** {@inheritDoc} */
    @Override
    public Dual multiply(int n) {
        return new Dual(v * n, d * n, tag);
    }

    /** {@inheritDoc} The tangent is {@code (d - q·o.d) / o.v} with q the quotient. */
    @Override
    public Dual divide(Dual o) {
        double q = v / o.v;
        return new Dual(q, (d - q * o.d) / o.v, join(o));
    }

    /** {@inheritDoc} */
    @Override
    public Dual divide(double a) {
        return new Dual(v / a, d / a, tag);
    }

    /** {@inheritDoc} Value {@code 1 / x}; tangent {@code -d / x²} (-∞·d at 0). */
    @Override
    public Dual reciprocal() {
        return apply(Elementary.RECIPROCAL);
    }

    /**
     * {@inheritDoc} The value is {@code Math.IEEEremainder(x, a)} (IEEE remainder, as Commons
     * Math, not Java's {@code %}); the tangent is unchanged.
     */
    @Override
    public Dual remainder(double a) {
        return new Dual(Math.IEEEremainder(v, a), d, tag);
    }

    /**
     * {@inheritDoc} The value is {@code Math.IEEEremainder(x, y)}; with {@code k} the integer
     * quotient ({@link Partials#remainderQuotient}) the tangent is {@code dx - k·dy}, as
     * {@code DerivativeStructure} (the jumps, where the remainder changes sign, are ignored).
     */
    @Override
    public Dual remainder(Dual o) {
        double rem = Math.IEEEremainder(v, o.v);
        double k = Partials.remainderQuotient(v, o.v, rem);
        return new Dual(rem, d - Partials.chain(k, o.d), join(o));
    }

    // ---- piecewise ----------------------------------------------------------------------------

    /** {@inheritDoc} Tangent {@code -d} when the sign bit is set (also at -0.0), else {@code d}. */
    @Override
    public Dual abs() {
        return apply(Elementary.ABS);
    }

    /** {@inheritDoc} Tangent 0 (also at the jumps). */
    @Override
    public Dual ceil() {
        return apply(Elementary.CEIL);
    }

    /** {@inheritDoc} Tangent 0 (also at the jumps). */
    @Override
    public Dual floor() {
        return apply(Elementary.FLOOR);
    }

    /** {@inheritDoc} Tangent 0 (also at the jumps). */
    @Override
    public Dual rint() {
        return apply(Elementary.RINT);
    }

    /**
     * {@inheritDoc} {@code Math.round(value)} (Commons Math's {@code DerivativeStructure} uses
     * {@code FastMath.round}, which differs only for a few values just below one half).
     */
    @Override
    public long round() {
        return Math.round(v);
    }

    /** {@inheritDoc} Tangent 0 (also at 0). */
    @Override
    public Dual signum() {
        return apply(Elementary.SIGNUM);
    }

    /**
     * {@inheritDoc} The tangent is {@code ±d} (flipped with the value); the sign argument's
     * tangent does not enter, as {@code DerivativeStructure}.
     */
    @Override
    public Dual copySign(Dual sign) {
        int t = join(sign);
        return sameSign(v, sign.v) ? new Dual(v, d, t) : new Dual(-v, -d, t);
    }

    /** {@inheritDoc} The tangent is {@code ±d}, flipped with the value. */
    @Override
    public Dual copySign(double sign) {
        return sameSign(v, sign) ? this : new Dual(-v, -d, tag);
    }

    private static boolean sameSign(double a, double b) {
        return (Double.doubleToRawLongBits(a) < 0) == (Double.doubleToRawLongBits(b) < 0);
    }

    /** {@inheritDoc} Value and tangent both scaled by 2ⁿ ({@code Math.scalb}). */
    @Override
    public Dual scalb(int n) {
        return new Dual(Math.scalb(v, n), Math.scalb(d, n), tag);
    }

    // ---- powers and roots ---------------------------------------------------------------------

    /**
     * {@inheritDoc} The value is {@code Math.hypot(x, y)} (no overflow or underflow); the
     * partials are {@code x / h} and {@code y / h} ({@link Partials#hypot}): NaN at the origin,
     * 0 when the value is infinite (as {@code DerivativeStructure}).
     */
    @Override
    public Dual hypot(Dual o) {
        double h = Math.hypot(v, o.v);
        double t = Partials.chain(Partials.hypot(v, o.v, h), d) + Partials.chain(Partials.hypot(o.v, v, h), o.d);
        return new Dual(h, t, join(o));
    }

    /** {@inheritDoc} Tangent {@code d / (2√x)}: +∞·d at 0, 0 if d = 0. */
    @Override
    public Dual sqrt() {
        return apply(Elementary.SQRT);
    }

    /** {@inheritDoc} Tangent {@code d / (3·∛x²)}: +∞·d at 0, 0 if d = 0. */
    @Override
    public Dual cbrt() {
        return apply(Elementary.CBRT);
    }

    /**
     * {@inheritDoc} n = 2 and n = 3 are {@link #sqrt()} and {@link #cbrt()}. Otherwise the value
     * is {@code Math.pow(x, 1.0 / n)}, and for x &lt; 0 and odd n the real root
     * {@code -Math.pow(-x, 1.0 / n)} ({@code DerivativeStructure} gives NaN there; even n gives
     * NaN in both). The tangent is {@code d / (n·y^(n-1))} for the root y: +∞·d at 0. For n = 0
     * the value is {@code Math.pow(x, ∞)} and the tangent NaN (unless d = 0).
     */
    @Override
    public Dual rootN(int n) {
        if (n == 2) {
            return sqrt();
        }
        if (n == 3) {
            return cbrt();
        }
        double y = Partials.root(v, n);
        return new Dual(y, Partials.chain(Partials.rootPartial(y, n), d), tag);
    }

    /**
     * {@inheritDoc} Value {@code Math.pow(x, p)}; tangent {@link Partials#powBase}{@code (x, p)·d}:
     * 0 for p = 0 (also at x = 0, where {@code DerivativeStructure} gives NaN value and tangent).
     */
    @Override
    public Dual pow(double p) {
        return new Dual(Math.pow(v, p), Partials.chain(Partials.powBase(v, p), d), tag);
    }

    /**
     * {@inheritDoc} Value {@code Math.pow(x, n)} (the plain-code value; {@code DerivativeStructure}
     * multiplies repeatedly); tangent {@code n·x^(n-1)·d}, 0 for n = 0.
     */
    @Override
    public Dual pow(int n) {
        return new Dual(Math.pow(v, n), Partials.chain(Partials.powBase(v, n), d), tag);
    }

    /**
     * {@inheritDoc} Value {@code Math.pow(x, y)} for every base, including 0 and negative ones
     * ({@code DerivativeStructure} computes {@code exp(y·log x)}: NaN for x ≤ 0). Partials
     * {@link Partials#powBase} and {@link Partials#powExponent}: a negative base with a constant
     * integer exponent has the ordinary derivative; with a moving exponent the tangent is NaN.
     */
    @Override
    public Dual pow(Dual e) {
        double z = Math.pow(v, e.v);
        double t = Partials.chain(Partials.powBase(v, e.v), d)
                + Partials.chain(Partials.powExponent(v, e.v, z), e.d);
        return new Dual(z, t, join(e));
    }

    /**
     * {@code a^x} for a constant base: value {@code Math.pow(a, x)}, tangent
     * {@link Partials#powExponent}{@code (a, x, a^x)·dx} (as {@code DerivativeStructure.pow(a, x)}:
     * -∞·dx for a = 0 at x = 0, NaN for a = 0 and x &lt; 0, NaN for a &lt; 0).
     *
     * @param a the base
     * @param x the exponent
     * @return {@code a^x}
     */
    public static Dual pow(double a, Dual x) {
        double z = Math.pow(a, x.v);
        return new Dual(z, Partials.chain(Partials.powExponent(a, x.v, z), x.d), x.tag);
    }

    // ---- exponentials and logarithms ----------------------------------------------------------

    /** {@inheritDoc} */
    @Override
    public Dual exp() {
        return apply(Elementary.EXP);
    }

    /** {@inheritDoc} */
    @Override
    public Dual expm1() {
        return apply(Elementary.EXPM1);
    }

    /** {@inheritDoc} Tangent {@code d / x}: +∞·d at 0 (value -∞), NaN below 0. */
    @Override
    public Dual log() {
        return apply(Elementary.LOG);
    }

    /** {@inheritDoc} Tangent {@code d / (1 + x)}. */
    @Override
    public Dual log1p() {
        return apply(Elementary.LOG1P);
    }

    /**
     * Base-10 logarithm ({@code Math.log10}); tangent {@code d / (x·ln 10)}.
     *
     * @return {@code log₁₀ x}
     */
    public Dual log10() {
        return apply(Elementary.LOG10);
    }

    // ---- trigonometric and hyperbolic ---------------------------------------------------------

    /** {@inheritDoc} */
    @Override
    public Dual cos() {
        return apply(Elementary.COS);
    }

    /** {@inheritDoc} */
    @Override
    public Dual sin() {
        return apply(Elementary.SIN);
    }

    /** {@inheritDoc} */
    @Override
    public Dual tan() {
        return apply(Elementary.TAN);
    }

    /** {@inheritDoc} Tangent ∓∞·d at ±1. */
    @Override
    public Dual acos() {
        return apply(Elementary.ACOS);
    }

    /** {@inheritDoc} Tangent +∞·d at ±1. */
    @Override
    public Dual asin() {
        return apply(Elementary.ASIN);
    }

    /** {@inheritDoc} */
    @Override
    public Dual atan() {
        return apply(Elementary.ATAN);
    }

    /**
     * {@inheritDoc} {@code this} is y: the value is {@code Math.atan2(y, x)} (signed zeros and
     * infinities as {@code Math}); the partials are {@code x / r²} and {@code -y / r²}
     * ({@link Partials#atan2Y}, {@link Partials#atan2X}), NaN at the origin, where atan2 has no
     * derivative (as {@code DerivativeStructure}).
     */
    @Override
    public Dual atan2(Dual x) {
        double t = Partials.chain(Partials.atan2Y(v, x.v), d) + Partials.chain(Partials.atan2X(v, x.v), x.d);
        return new Dual(Math.atan2(v, x.v), t, join(x));
    }

    /** {@inheritDoc} */
    @Override
    public Dual cosh() {
        return apply(Elementary.COSH);
    }

    /** {@inheritDoc} */
    @Override
    public Dual sinh() {
        return apply(Elementary.SINH);
    }

    /** {@inheritDoc} */
    @Override
    public Dual tanh() {
        return apply(Elementary.TANH);
    }

    /** {@inheritDoc} Value from {@code FastMath.acosh}; tangent +∞·d at 1. */
    @Override
    public Dual acosh() {
        return apply(Elementary.ACOSH);
    }

    /** {@inheritDoc} Value from {@code FastMath.asinh}. */
    @Override
    public Dual asinh() {
        return apply(Elementary.ASINH);
    }

    /** {@inheritDoc} Value from {@code FastMath.atanh}; tangent +∞·d at ±1. */
    @Override
    public Dual atanh() {
        return apply(Elementary.ATANH);
    }

    // ---- activations (not in RealFieldElement) ------------------------------------------------

    /**
     * {@code x²} as {@code x * x}; tangent {@code 2x·d}.
     *
     * @return the square
     */
    public Dual square() {
        return apply(Elementary.SQUARE);
    }

    /**
     * The logistic function {@code 1 / (1 + e^-x)} ({@link Elementary#sigmoid}, no overflow);
     * tangent {@code σ(1 - σ)·d}.
     *
     * @return {@code σ(x)}
     */
    public Dual sigmoid() {
        return apply(Elementary.SIGMOID);
    }

    /**
     * {@code max(0, x)}; tangent {@code d} for x &gt; 0 and 0 for x ≤ 0 (relu'(0) = 0).
     *
     * @return {@code relu(x)}
     */
    public Dual relu() {
        return apply(Elementary.RELU);
    }

    /**
     * {@code log(1 + e^x)} ({@link Elementary#softplus}, no overflow); tangent {@code σ(x)·d}.
     *
     * @return {@code softplus(x)}
     */
    public Dual softplus() {
        return apply(Elementary.SOFTPLUS);
    }

    /**
     * {@code log σ(x) = -softplus(-x)}, stable for logistic losses; tangent {@code σ(-x)·d}.
     *
     * @return {@code log σ(x)}
     */
    public Dual logSigmoid() {
        return apply(Elementary.LOG_SIGMOID);
    }

    // ---- linear combinations ------------------------------------------------------------------

    /**
     * {@inheritDoc} The value is Commons Math's accurate {@code MathArrays.linearCombination} of
     * the values (bitwise what {@code Decimal64} and {@code DerivativeStructure} compute; 0 for
     * empty arrays); the tangent is the plain sum of {@code da·b + a·db} in index order.
     *
     * @param a the first factors, not modified
     * @param b the second factors, not modified
     * @throws IllegalArgumentException if the lengths differ
     */
    @Override
    public Dual linearCombination(Dual[] a, Dual[] b) {
        checkLengths(a.length, b.length);
        double[] av = new double[a.length];
        double[] bv = new double[b.length];
        double t = 0;
        int tg = Tag.NONE;
        for (int i = 0; i < a.length; i++) {
            av[i] = a[i].v;
            bv[i] = b[i].v;
            t += a[i].d * b[i].v + a[i].v * b[i].d;
            tg = Tag.join(Tag.join(tg, a[i].tag), b[i].tag);
        }
        return new Dual(a.length == 0 ? 0.0 : MathArrays.linearCombination(av, bv), t, tg);
    }

    /**
     * {@inheritDoc} The value is {@code MathArrays.linearCombination(a, values of b)} (0 for empty
     * arrays); the tangent is the plain sum of {@code a·db} in index order.
     *
     * @param a the constant factors, not modified
     * @param b the dual factors, not modified
     * @throws IllegalArgumentException if the lengths differ
     */
    @Override
    public Dual linearCombination(double[] a, Dual[] b) {
        checkLengths(a.length, b.length);
        double[] bv = new double[b.length];
        double t = 0;
        int tg = Tag.NONE;
        for (int i = 0; i < a.length; i++) {
            bv[i] = b[i].v;
            t += a[i] * b[i].d;
            tg = Tag.join(tg, b[i].tag);
        }
        return new Dual(a.length == 0 ? 0.0 : MathArrays.linearCombination(a, bv), t, tg);
    }

    static void checkLengths(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("linearCombination needs as many first factors as"
                    + " second factors, got " + a + " and " + b);
        }
    }

    /** {@inheritDoc} Value as {@code MathArrays.linearCombination}; tangent the plain sum. */
    @Override
    public Dual linearCombination(Dual a1, Dual b1, Dual a2, Dual b2) {
        double value = MathArrays.linearCombination(a1.v, b1.v, a2.v, b2.v);
        double t = a1.d * b1.v + a1.v * b1.d + (a2.d * b2.v + a2.v * b2.d);
        return new Dual(value, t, join4(a1.tag, b1.tag, a2.tag, b2.tag));
    }

    /** {@inheritDoc} Value as {@code MathArrays.linearCombination}; tangent the plain sum. */
    @Override
    public Dual linearCombination(double a1, Dual b1, double a2, Dual b2) {
        double value = MathArrays.linearCombination(a1, b1.v, a2, b2.v);
        return new Dual(value, a1 * b1.d + a2 * b2.d, Tag.join(b1.tag, b2.tag));
    }

    /** {@inheritDoc} Value as {@code MathArrays.linearCombination}; tangent the plain sum. */
    @Override
    public Dual linearCombination(Dual a1, Dual b1, Dual a2, Dual b2, Dual a3, Dual b3) {
        double value = MathArrays.linearCombination(a1.v, b1.v, a2.v, b2.v, a3.v, b3.v);
        double t = a1.d * b1.v + a1.v * b1.d + (a2.d * b2.v + a2.v * b2.d) + (a3.d * b3.v + a3.v * b3.d);
        return new Dual(value, t, Tag.join(join4(a1.tag, b1.tag, a2.tag, b2.tag), Tag.join(a3.tag, b3.tag)));
    }

    /** {@inheritDoc} Value as {@code MathArrays.linearCombination}; tangent the plain sum. */
    @Override
    public Dual linearCombination(double a1, Dual b1, double a2, Dual b2, double a3, Dual b3) {
        double value = MathArrays.linearCombination(a1, b1.v, a2, b2.v, a3, b3.v);
        return new Dual(value, a1 * b1.d + a2 * b2.d + a3 * b3.d, Tag.join(Tag.join(b1.tag, b2.tag), b3.tag));
    }

    /** {@inheritDoc} Value as {@code MathArrays.linearCombination}; tangent the plain sum. */
    @Override
    public Dual linearCombination(Dual a1, Dual b1, Dual a2, Dual b2, Dual a3, Dual b3, Dual a4, Dual b4) {
        double value = MathArrays.linearCombination(a1.v, b1.v, a2.v, b2.v, a3.v, b3.v, a4.v, b4.v);
        double t = a1.d * b1.v + a1.v * b1.d + (a2.d * b2.v + a2.v * b2.d) + (a3.d * b3.v + a3.v * b3.d)
                + (a4.d * b4.v + a4.v * b4.d);
        return new Dual(value, t, Tag.join(join4(a1.tag, b1.tag, a2.tag, b2.tag), join4(a3.tag, b3.tag, a4.tag, b4.tag)));
    }

    /** {@inheritDoc} Value as {@code MathArrays.linearCombination}; tangent the plain sum. */
    @Override
    public Dual linearCombination(double a1, Dual b1, double a2, Dual b2, double a3, Dual b3, double a4, Dual b4) {
        double value = MathArrays.linearCombination(a1, b1.v, a2, b2.v, a3, b3.v, a4, b4.v);
        return new Dual(value, a1 * b1.d + a2 * b2.d + a3 * b3.d + a4 * b4.d, join4(b1.tag, b2.tag, b3.tag, b4.tag));
    }

    static int join4(int a, int b, int c, int d) {
        return Tag.join(Tag.join(a, b), Tag.join(c, d));
    }

    // ---- Object -------------------------------------------------------------------------------

    /**
     * Equal when value and tangent are equal as by {@link Double#equals} (so NaN equals NaN and
     * 0.0 differs from -0.0). The perturbation tag is not compared.
     *
     * @param o the object to compare with
     * @return whether {@code o} is a {@code Dual} with the same value and tangent
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Dual
                && Double.doubleToLongBits(v) == Double.doubleToLongBits(((Dual) o).v)
                && Double.doubleToLongBits(d) == Double.doubleToLongBits(((Dual) o).d);
    }

    /** {@inheritDoc} Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return 31 * Double.hashCode(v) + Double.hashCode(d);
    }

    /**
     * The value and tangent, e.g. {@code Dual[value=2.0, tangent=1.0]}.
     *
     * @return a description for debugging
     */
    @Override
    public String toString() {
        return "Dual[value=" + v + ", tangent=" + d + "]";
    }
}
