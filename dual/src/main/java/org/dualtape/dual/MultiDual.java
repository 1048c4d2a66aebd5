package org.dualtape.dual;

import java.util.Arrays;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * A value together with a chunk of k tangents (its derivatives along k directions at once), the
 * number type of chunked forward-mode AD: one evaluation of a function on {@code MultiDual}s of
 * width k gives k columns of its Jacobian.
 *
 * <h2>Construction</h2>
 * {@link #variable(double, int, int)} (tangent i is 1, the others 0),
 * {@link #constant(double, int)} or {@link #of(double, double[])}; {@link Forward#gradient} and
 * {@link Forward#jacobian} seed them for you. All operands of one operation must have the same
 * width; generic code gets constants of the right width from {@link #getField()}.
 *
 * <h2>Accuracy and conventions</h2>
 * Tangent i of every operation is computed exactly as {@link Dual} computes its one tangent, with
 * the same operations in the same order, so a {@code MultiDual} of width k is bitwise k
 * {@code Dual} evaluations, and every chunk size gives the same gradient. Values, conventions at
 * kinks and domain edges, and non-finite values are those of {@link Dual}; each method here names
 * the {@code Dual} method that documents them.
 *
 * <h2>Cost</h2>
 * An operation costs about {@code c₀ + c₁·k}: the object, the value and the partials, then one
 * loop over the tangents. Two shortcuts keep the k part away where it would be wasted:
 * <ul>
 *   <li><em>Constants</em> (all tangents the same zero: {@link #constant}, the field's zero and
 *       one, the unseeded inputs of a chunked pass, and whatever is computed from them alone)
 *       share one array per width and sign ({@link MultiDualField}); an operation whose operands
 *       are all constants computes its one tangent, not k, and allocates no array. In a chunked
 *       gradient most operations of a pass are of this kind: only what depends on the pass's k
 *       inputs carries tangents.</li>
 *   <li>Operations that leave the tangents unchanged share them: {@code add(double)},
 *       {@code subtract(double)}, {@code remainder(double)}, and adding a constant whose zeros
 *       leave every tangent bitwise unchanged ({@code t + (-0.0)} always, {@code t + (+0.0)}
 *       when no tangent is -0.0, which is checked once per array). So a sum of many terms, most
 *       of them constants in a given pass, costs O(1) per constant term, not O(k).</li>
 * </ul>
 * Neither changes a single bit of any result: each computes what the loop would.
 *
 * <p>Instances are immutable; every operation allocates at most its result and its tangent array
 * (the array forms of {@code linearCombination} also allocate the value arrays that Commons Math's
 * accurate sum takes).
 */
public final class MultiDual implements RealFieldElement<MultiDual> {

    private final double v;
    private final double[] t;
    private final int tag;
    /**
     * Whether every tangent is bitwise {@code t[0]}, a zero (and {@code t} one of the field's
     * shared arrays): then every operation on constants alone gives every tangent the same
     * value, computed once. False is always safe (the loops compute the same bits).
     */
    private final boolean constant;
    /**
     * Whether some tangent is -0.0: {@link #UNKNOWN} until first asked, then {@link #NONE} or
     * {@link #SOME}, kept as {@code String} keeps its hash (a benign race: every thread computes
     * the same answer). A number made with this one's array takes over what is known of it.
     */
    private byte negativeZeros;
    private static final byte UNKNOWN = 0;
    private static final byte NONE = 1;
    private static final byte SOME = 2;

    private MultiDual(double value, double[] tangents, int tag, boolean constant) {
        this.v = value;
        this.t = tangents;
        this.tag = tag;
        this.constant = constant;
    }

    /** A number with tangents of its own (computed by a loop): not a constant. */
    private MultiDual(double value, double[] tangents, int tag) {
        this(value, tangents, tag, false);
    }

    /**
     * The variable number {@code index} of {@code width} at {@code x}: tangent {@code index} is
     * 1, the others 0.
     *
     * @param x the value
     * @param index which tangent is 1, in [0, width)
     * @param width the number of tangents
     * @return the seeded variable
     * @throws IllegalArgumentException if the width is negative or the index outside [0, width)
     */
    public static MultiDual variable(double x, int index, int width) {
        checkWidth(width);
        if (index < 0 || index >= width) {
            throw new IllegalArgumentException("index " + index + " is outside [0, " + width + ")");
        }
        double[] tangents = new double[width];
        tangents[index] = 1;
        return new MultiDual(x, tangents, Tag.NONE);
    }

    /**
     * A constant: all {@code width} tangents 0.
     *
     * @param x the value
     * @param width the number of tangents
     * @return the constant
     * @throws IllegalArgumentException if the width is negative
     */
    public static MultiDual constant(double x, int width) {
        checkWidth(width);
        return constant(x, MultiDualField.of(width).zeros(0.0));
    }

    /** A constant sharing {@code zeros}, the field's array of +0.0 or -0.0. */
    static MultiDual constant(double x, double[] zeros) {
        // width 0 has no t[0] to compute from: it takes the loops, which do nothing
        return new MultiDual(x, zeros, Tag.NONE, zeros.length > 0);
    }

    /**
     * A number with the given value and tangents (a hand-made seed).
     *
     * @param value the value
     * @param tangents the tangents, not modified (copied)
     * @return the number
     */
    public static MultiDual of(double value, double[] tangents) {
        return new MultiDual(value, tangents.clone(), Tag.NONE);
    }

    /** Wraps without copying: the caller never modifies {@code tangents} afterwards. */
    static MultiDual wrap(double value, double[] tangents, int tag) {
        return new MultiDual(value, tangents, tag);
    }

    private static void checkWidth(int width) {
        if (width < 0) {
            throw new IllegalArgumentException("width must be at least 0, got " + width);
        }
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
     * Tangent {@code i}: the derivative of the value along seed direction i.
     *
     * @param i the index, in [0, width)
     * @return tangent i
     * @throws IndexOutOfBoundsException if i is outside [0, width)
     */
    public double tangent(int i) {
        return t[i];
    }

    /**
     * All tangents.
     *
     * @return a copy of the tangents (modifying it does not change this number)
     */
    public double[] tangents() {
        return t.clone();
    }

    /** The tangents themselves, for package code that only reads them. */
    double[] tangentsNoCopy() {
        return t;
    }

    /**
     * The number of tangents (the chunk width k).
     *
     * @return the width
     */
    public int width() {
        return t.length;
    }

    /** {@inheritDoc} Same as {@link #value()}. */
    @Override
    public double getReal() {
        return v;
    }

    /**
     * Whether all tangents are the same zero (see "Cost" above); for tests.
     *
     * @return whether the operations take the one-tangent shortcut on this number
     */
    boolean isConstant() {
        return constant;
    }

    /** {@inheritDoc} The field of this width ({@link MultiDualField#of(int)}). */
    @Override
    public Field<MultiDual> getField() {
        return MultiDualField.of(t.length);
    }

    // ---- the few loops every operation is made of ---------------------------------------------

    private int join(MultiDual o) {
        if (o.t.length != t.length) {
            throw widthMismatch(t.length, o.t.length);
        }
        return tag == o.tag ? tag : Tag.join(tag, o.tag);
    }

    static IllegalArgumentException widthMismatch(int a, int b) {
        return new IllegalArgumentException("MultiDual widths differ: " + a + " and " + b
                + ". The operands of one operation must have the same number of tangents (come from"
                + " the same chunk); build constants with getField().getZero() or"
                + " MultiDual.constant(x, width).");
    }

    /*
     * Every operation below ends in one call of result(...): one allocation site per operation,
     * so that C2's escape analysis can still remove the intermediate numbers of a function it
     * inlines (in JDK 17 it gives up on a number that may come from two allocations). For the
     * same reason the helpers that rarely run, and so may not be inlined, take arrays, not
     * numbers: a number passed to a call that is not inlined must be allocated.
     */

    /**
     * The result of an operation of this number.
     *
     * @param r the tangents: a new array, this number's own (then what is known of them is kept),
     *     or another operand's
     * @param fromConstants whether every operand was a constant: then r is {@link #uniform}, and
     *     the result is a constant when that is a zero
     */
    private MultiDual result(double y, double[] r, int tg, boolean fromConstants) {
        MultiDual z = new MultiDual(y, r, tg, fromConstants && r[0] == 0);
        if (r == t) {
            z.negativeZeros = negativeZeros;
        }
        return z;
    }

    /**
     * The tangents of an operation on constants alone, given {@code z}, the tangent its loop would
     * compute for every component: the zeros of the operand {@code zeros} when z is the same zero,
     * the field's other zeros, or a new array where z is not a zero (an infinite or NaN partial not
     * guarded by {@link Partials#chain}: a constant divided by a constant 0 has tangent NaN).
     */
    private static double[] uniform(double z, double[] zeros) {
        if (z == 0) {
            boolean same = Double.doubleToRawLongBits(z) == Double.doubleToRawLongBits(zeros[0]);
            return same ? zeros : MultiDualField.of(zeros.length).zeros(z);
        }
        double[] r = new double[zeros.length];
        Arrays.fill(r, z);
        return r;
    }

    /** Tangent i is {@code df·t[i]}, 0 where t[i] is 0 (as {@link Dual}'s unary functions). */
    private MultiDual scaled(double y, double df) {
        double[] r;
        if (constant) {
            r = uniform(0.0, t);
        } else {
            r = new double[t.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = t[i] == 0 ? 0.0 : df * t[i];
            }
        }
        return result(y, r, tag, constant);
    }

    private MultiDual apply(Elementary e) {
        double y = e.f(v);
        // a constant's tangents stay +0.0 whatever the partial: the rule is not even evaluated
        return scaled(y, constant ? 0.0 : e.df(v, y));
    }

    /** Tangent i is {@code chain(p, t[i]) + chain(q, o.t[i])}. */
    private MultiDual combine(double y, double p, MultiDual o, double q, int tg) {
        boolean c = constant && o.constant;
        double[] r;
        if (c) {
            r = uniform(0.0, t); // chain(p, ±0) + chain(q, ±0) = +0.0
        } else {
            r = new double[t.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = Partials.chain(p, t[i]) + Partials.chain(q, o.t[i]);
            }
        }
        return result(y, r, tg, c);
    }

    private static boolean isNegativeZero(double z) {
        return Double.doubleToRawLongBits(z) == Long.MIN_VALUE;
    }

    /**
     * Whether no tangent is -0.0, so that adding +0.0 leaves every tangent bitwise as it is (it
     * turns -0.0 into +0.0 and changes nothing else; adding -0.0 changes nothing at all). Looked
     * up once per array and kept: a sum that adds constants term after term asks on every term.
     * Small enough to be inlined everywhere (see above).
     */
    private boolean noNegativeZero() {
        if (negativeZeros == UNKNOWN) {
            negativeZeros = negativeZerosIn(t);
        }
        return negativeZeros == NONE;
    }

    private static byte negativeZerosIn(double[] t) {
        for (double ti : t) {
            if (isNegativeZero(ti)) {
                return SOME;
            }
        }
        return NONE;
    }

    // ---- arithmetic ---------------------------------------------------------------------------

    /** {@inheritDoc} */
    @Override
    public MultiDual add(MultiDual o) {
        int tg = join(o);
        boolean c = constant && o.constant;
        double[] r;
        if (c) {
            r = uniform(t[0] + o.t[0], t);
        } else if (o.constant && (isNegativeZero(o.t[0]) || noNegativeZero())) {
            r = t; // t + (-0.0) is t for every t, and t + (+0.0) is t unless t is -0.0
        } else if (constant && (isNegativeZero(t[0]) || o.noNegativeZero())) {
            r = o.t;
        } else {
            r = new double[t.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = t[i] + o.t[i];
            }
        }
        return result(v + o.v, r, tg, c);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual add(double a) {
        return result(v + a, t, tag, constant); // tangents unchanged and immutable: shared
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual subtract(MultiDual o) {
        int tg = join(o);
        boolean c = constant && o.constant;
        double[] r;
        if (c) {
            r = uniform(t[0] - o.t[0], t);
        } else if (o.constant && (!isNegativeZero(o.t[0]) || noNegativeZero())) { // t - z is t + (-z)
            r = t;
        } else {
            r = new double[t.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = t[i] - o.t[i];
            }
        }
        return result(v - o.v, r, tg, c);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual subtract(double a) {
        return result(v - a, t, tag, constant);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual negate() {
        double[] r;
        if (constant) {
            r = uniform(-t[0], t);
        } else {
            r = new double[t.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = -t[i];
            }
        }
        return result(-v, r, tag, constant);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual multiply(MultiDual o) {
        int tg = join(o);
        boolean c = constant && o.constant;
        double[] r;
        if (c) {
            r = uniform(t[0] * o.v + v * o.t[0], t);
        } else {
            r = new double[t.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = t[i] * o.v + v * o.t[i];
            }
        }
        return result(v * o.v, r, tg, c);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual multiply(double a) {
        double[] r;
        if (constant) {
            r = uniform(t[0] * a, t);
        } else {
            r = new double[t.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = t[i] * a;
            }
        }
        return result(v * a, r, tag, constant);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual multiply(int n) {
        double[] r;
        if (constant) {
            r = uniform(t[0] * n, t);
        } else {
            r = new double[t.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = t[i] * n;
            }
        }
        return result(v * n, r, tag, constant);
    }

    /** {@inheritDoc} As {@link Dual#divide(Dual)}. */
    @Override
    public MultiDual divide(MultiDual o) {
        int tg = join(o);
        boolean c = constant && o.constant;
        double q = v / o.v;
        double[] r;
        if (c) {
            r = uniform((t[0] - q * o.t[0]) / o.v, t);
        } else {
            r = new double[t.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = (t[i] - q * o.t[i]) / o.v;
            }
        }
        return result(q, r, tg, c);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual divide(double a) {
        double[] r;
        if (constant) {
            r = uniform(t[0] / a, t);
        } else {
            r = new double[t.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = t[i] / a;
            }
        }
        return result(v / a, r, tag, constant);
    }

    /** {@inheritDoc} As {@link Dual#reciprocal()}. */
    @Override
    public MultiDual reciprocal() {
        return apply(Elementary.RECIPROCAL);
    }

    /** {@inheritDoc} As {@link Dual#remainder(double)}: IEEE remainder, tangents unchanged. */
    @Override
    public MultiDual remainder(double a) {
        return result(Math.IEEEremainder(v, a), t, tag, constant);
    }

    /** {@inheritDoc} As {@link Dual#remainder(Dual)}. */
    @Override
    public MultiDual remainder(MultiDual o) {
        int tg = join(o);
        boolean c = constant && o.constant;
        double rem = Math.IEEEremainder(v, o.v);
        double k = Partials.remainderQuotient(v, o.v, rem);
        double[] r;
        if (c) {
            r = uniform(t[0] - Partials.chain(k, o.t[0]), t);
        } else {
            r = new double[t.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = t[i] - Partials.chain(k, o.t[i]);
            }
        }
        return result(rem, r, tg, c);
    }

    // ---- piecewise ----------------------------------------------------------------------------

    /** {@inheritDoc} As {@link Dual#abs()}. */
    @Override
    public MultiDual abs() {
        return apply(Elementary.ABS);
    }

    /** {@inheritDoc} Tangents 0. */
    @Override
    public MultiDual ceil() {
        return apply(Elementary.CEIL);
    }

    /** {@inheritDoc} Tangents 0. */
    @Override
    public MultiDual floor() {
        return apply(Elementary.FLOOR);
    }

    /** {@inheritDoc} Tangents 0. */
    @Override
    public MultiDual rint() {
        return apply(Elementary.RINT);
    }

    /** {@inheritDoc} As {@link Dual#round()}: {@code Math.round(value)}. */
    @Override
    public long round() {
        return Math.round(v);
    }

    /** {@inheritDoc} Tangents 0. */
    @Override
    public MultiDual signum() {
        return apply(Elementary.SIGNUM);
    }

    /** {@inheritDoc} As {@link Dual#copySign(Dual)}. */
    @Override
    public MultiDual copySign(MultiDual sign) {
        int tg = join(sign);
        return sameSign(v, sign.v) ? result(v, t, tg, constant) : negate().retag(tg);
    }

    /** {@inheritDoc} As {@link Dual#copySign(double)}. */
    @Override
    public MultiDual copySign(double sign) {
        return sameSign(v, sign) ? this : negate();
    }

    private MultiDual retag(int tg) {
        return tg == tag ? this : result(v, t, tg, constant);
    }

    private static boolean sameSign(double a, double b) {
        return (Double.doubleToRawLongBits(a) < 0) == (Double.doubleToRawLongBits(b) < 0);
    }

    /** {@inheritDoc} As {@link Dual#scalb(int)}. */
    @Override
    public MultiDual scalb(int n) {
        double[] r;
        if (constant) {
            r = uniform(Math.scalb(t[0], n), t);
        } else {
            r = new double[t.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.scalb(t[i], n);
            }
        }
        return result(Math.scalb(v, n), r, tag, constant);
    }

    // ---- powers and roots ---------------------------------------------------------------------

    /** {@inheritDoc} As {@link Dual#hypot(Dual)}. */
    @Override
    public MultiDual hypot(MultiDual o) {
        int tg = join(o);
        double h = Math.hypot(v, o.v);
        return combine(h, Partials.hypot(v, o.v, h), o, Partials.hypot(o.v, v, h), tg);
    }

    /** {@inheritDoc} As {@link Dual#sqrt()}. */
    @Override
    public MultiDual sqrt() {
        return apply(Elementary.SQRT);
    }

    /** {@inheritDoc} As {@link Dual#cbrt()}. */
    @Override
    public MultiDual cbrt() {
        return apply(Elementary.CBRT);
    }

    /** {@inheritDoc} As {@link Dual#rootN(int)}. */
    @Override
    public MultiDual rootN(int n) {
        if (n == 2) {
            return sqrt();
        }
        if (n == 3) {
            return cbrt();
        }
        double y = Partials.root(v, n);
        return scaled(y, Partials.rootPartial(y, n));
    }

    /** {@inheritDoc} As {@link Dual#pow(double)}. */
    @Override
    public MultiDual pow(double p) {
        return scaled(Math.pow(v, p), Partials.powBase(v, p));
    }

    /** {@inheritDoc} As {@link Dual#pow(int)}. */
    @Override
    public MultiDual pow(int n) {
        return scaled(Math.pow(v, n), Partials.powBase(v, n));
    }

    /** {@inheritDoc} As {@link Dual#pow(Dual)}. */
    @Override
    public MultiDual pow(MultiDual e) {
        int tg = join(e);
        double z = Math.pow(v, e.v);
        return combine(z, Partials.powBase(v, e.v), e, Partials.powExponent(v, e.v, z), tg);
    }

    /**
     * {@code a^x} for a constant base, as {@link Dual#pow(double, Dual)}.
     *
     * @param a the base
     * @param x the exponent
     * @return {@code a^x}
     */
    public static MultiDual pow(double a, MultiDual x) {
        double z = Math.pow(a, x.v);
        return x.scaled(z, Partials.powExponent(a, x.v, z));
    }

    // ---- exponentials and logarithms ----------------------------------------------------------

    /** {@inheritDoc} */
    @Override
    public MultiDual exp() {
        return apply(Elementary.EXP);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual expm1() {
        return apply(Elementary.EXPM1);
    }

    /** {@inheritDoc} As {@link Dual#log()}. */
    @Override
    public MultiDual log() {
        return apply(Elementary.LOG);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual log1p() {
        return apply(Elementary.LOG1P);
    }

    /**
     * Base-10 logarithm, as {@link Dual#log10()}.
     *
     * @return {@code log₁₀ x}
     */
    public MultiDual log10() {
        return apply(Elementary.LOG10);
    }

    // ---- trigonometric and hyperbolic ---------------------------------------------------------

    /** {@inheritDoc} */
    @Override
    public MultiDual cos() {
        return apply(Elementary.COS);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual sin() {
        return apply(Elementary.SIN);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual tan() {
        return apply(Elementary.TAN);
    }

    /** {@inheritDoc} As {@link Dual#acos()}. */
    @Override
    public MultiDual acos() {
        return apply(Elementary.ACOS);
    }

    /** {@inheritDoc} As {@link Dual#asin()}. */
    @Override
    public MultiDual asin() {
        return apply(Elementary.ASIN);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual atan() {
        return apply(Elementary.ATAN);
    }

    /** {@inheritDoc} As {@link Dual#atan2(Dual)}: {@code this} is y. */
    @Override
    public MultiDual atan2(MultiDual x) {
        int tg = join(x);
        return combine(Math.atan2(v, x.v), Partials.atan2Y(v, x.v), x, Partials.atan2X(v, x.v), tg);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual cosh() {
        return apply(Elementary.COSH);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual sinh() {
        return apply(Elementary.SINH);
    }

    /** {@inheritDoc} */
    @Override
    public MultiDual tanh() {
        return apply(Elementary.TANH);
    }

    /** {@inheritDoc} As {@link Dual#acosh()}. */
    @Override
    public MultiDual acosh() {
        return apply(Elementary.ACOSH);
    }

    /** {@inheritDoc} As {@link Dual#asinh()}. */
    @Override
    public MultiDual asinh() {
        return apply(Elementary.ASINH);
    }

    /** {@inheritDoc} As {@link Dual#atanh()}. */
    @Override
    public MultiDual atanh() {
        return apply(Elementary.ATANH);
    }

    // ---- activations (not in RealFieldElement) ------------------------------------------------

    /**
     * {@code x * x}, as {@link Dual#square()}.
     *
     * @return the square
     */
    public MultiDual square() {
        return apply(Elementary.SQUARE);
    }

    /**
     * The logistic function, as {@link Dual#sigmoid()}.
     *
     * @return {@code σ(x)}
     */
    public MultiDual sigmoid() {
        return apply(Elementary.SIGMOID);
    }

    /**
     * {@code max(0, x)}, as {@link Dual#relu()} (relu'(0) = 0).
     *
     * @return {@code relu(x)}
     */
    public MultiDual relu() {
        return apply(Elementary.RELU);
    }

    /**
     * {@code log(1 + e^x)}, as {@link Dual#softplus()}.
     *
     * @return {@code softplus(x)}
     */
    public MultiDual softplus() {
        return apply(Elementary.SOFTPLUS);
    }

    /**
     * {@code log σ(x)}, as {@link Dual#logSigmoid()}.
     *
     * @return {@code log σ(x)}
     */
    public MultiDual logSigmoid() {
        return apply(Elementary.LOG_SIGMOID);
    }

    // ---- linear combinations ------------------------------------------------------------------

    private void checkOperand(MultiDual o) {
        if (o.t.length != t.length) {
            throw widthMismatch(t.length, o.t.length);
        }
    }

    /**
     * {@inheritDoc} As {@link Dual#linearCombination(Dual[], Dual[])}; every operand must have
     * this number's width (which also sets the width of the 0 returned for empty arrays).
     *
     * @param a the first factors, not modified
     * @param b the second factors, not modified
     * @throws IllegalArgumentException if the lengths or widths differ
     */
    @Override
    public MultiDual linearCombination(MultiDual[] a, MultiDual[] b) {
        Dual.checkLengths(a.length, b.length);
        double[] av = new double[a.length];
        double[] bv = new double[b.length];
        double[] r = new double[t.length];
        int tg = Tag.NONE;
        for (int j = 0; j < a.length; j++) {
            MultiDual x = a[j];
            MultiDual y = b[j];
            checkOperand(x);
            checkOperand(y);
            tg = Tag.join(Tag.join(tg, x.tag), y.tag);
            av[j] = x.v;
            bv[j] = y.v;
            for (int i = 0; i < r.length; i++) {
                r[i] += x.t[i] * y.v + x.v * y.t[i];
            }
        }
        return new MultiDual(a.length == 0 ? 0.0 : MathArrays.linearCombination(av, bv), r, tg);
    }

    /**
     * {@inheritDoc} As {@link Dual#linearCombination(double[], Dual[])}; every operand must have
     * this number's width.
     *
     * @param a the constant factors, not modified
     * @param b the multi-dual factors, not modified
     * @throws IllegalArgumentException if the lengths or widths differ
     */
    @Override
    public MultiDual linearCombination(double[] a, MultiDual[] b) {
        Dual.checkLengths(a.length, b.length);
        double[] bv = new double[b.length];
        double[] r = new double[t.length];
        int tg = Tag.NONE;
        for (int j = 0; j < a.length; j++) {
            MultiDual y = b[j];
            checkOperand(y);
            tg = Tag.join(tg, y.tag);
            bv[j] = y.v;
            for (int i = 0; i < r.length; i++) {
                r[i] += a[j] * y.t[i];
            }
        }
        return new MultiDual(a.length == 0 ? 0.0 : MathArrays.linearCombination(a, bv), r, tg);
    }

    /** {@inheritDoc} As {@link Dual#linearCombination(Dual, Dual, Dual, Dual)}. */
    @Override
    public MultiDual linearCombination(MultiDual a1, MultiDual b1, MultiDual a2, MultiDual b2) {
        int tg = Tag.join(a1.join(b1), a2.join(b2));
        checkOperand(a1);
        a1.checkOperand(a2);
        double[] r = new double[t.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a1.t[i] * b1.v + a1.v * b1.t[i] + (a2.t[i] * b2.v + a2.v * b2.t[i]);
        }
        return new MultiDual(MathArrays.linearCombination(a1.v, b1.v, a2.v, b2.v), r, tg);
    }

    /** {@inheritDoc} As {@link Dual#linearCombination(double, Dual, double, Dual)}. */
    @Override
    public MultiDual linearCombination(double a1, MultiDual b1, double a2, MultiDual b2) {
        checkOperand(b1);
        int tg = b1.join(b2);
        double[] r = new double[t.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a1 * b1.t[i] + a2 * b2.t[i];
        }
        return new MultiDual(MathArrays.linearCombination(a1, b1.v, a2, b2.v), r, tg);
    }

    /** {@inheritDoc} As {@link Dual#linearCombination(Dual, Dual, Dual, Dual, Dual, Dual)}. */
    @Override
    public MultiDual linearCombination(MultiDual a1, MultiDual b1, MultiDual a2, MultiDual b2,
                                       MultiDual a3, MultiDual b3) {
        int tg = Tag.join(Tag.join(a1.join(b1), a2.join(b2)), a3.join(b3));
        checkOperand(a1);
        checkOperand(a2);
        checkOperand(a3);
        double[] r = new double[t.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a1.t[i] * b1.v + a1.v * b1.t[i] + (a2.t[i] * b2.v + a2.v * b2.t[i])
                    + (a3.t[i] * b3.v + a3.v * b3.t[i]);
        }
        return new MultiDual(MathArrays.linearCombination(a1.v, b1.v, a2.v, b2.v, a3.v, b3.v), r, tg);
    }

    /** {@inheritDoc} As {@link Dual#linearCombination(double, Dual, double, Dual, double, Dual)}. */
    @Override
    public MultiDual linearCombination(double a1, MultiDual b1, double a2, MultiDual b2,
                                       double a3, MultiDual b3) {
        checkOperand(b1);
        int tg = Tag.join(b1.join(b2), b1.join(b3));
        double[] r = new double[t.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a1 * b1.t[i] + a2 * b2.t[i] + a3 * b3.t[i];
        }
        return new MultiDual(MathArrays.linearCombination(a1, b1.v, a2, b2.v, a3, b3.v), r, tg);
    }

    /** {@inheritDoc} As {@link Dual#linearCombination(Dual, Dual, Dual, Dual, Dual, Dual, Dual, Dual)}. */
    @Override
    public MultiDual linearCombination(MultiDual a1, MultiDual b1, MultiDual a2, MultiDual b2,
                                       MultiDual a3, MultiDual b3, MultiDual a4, MultiDual b4) {
        int tg = Tag.join(Tag.join(a1.join(b1), a2.join(b2)), Tag.join(a3.join(b3), a4.join(b4)));
        checkOperand(a1);
        checkOperand(a2);
        checkOperand(a3);
        checkOperand(a4);
        double[] r = new double[t.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a1.t[i] * b1.v + a1.v * b1.t[i] + (a2.t[i] * b2.v + a2.v * b2.t[i])
                    + (a3.t[i] * b3.v + a3.v * b3.t[i]) + (a4.t[i] * b4.v + a4.v * b4.t[i]);
        }
        double value = MathArrays.linearCombination(a1.v, b1.v, a2.v, b2.v, a3.v, b3.v, a4.v, b4.v);
        return new MultiDual(value, r, tg);
    }

    /** {@inheritDoc} As {@link Dual#linearCombination(double, Dual, double, Dual, double, Dual, double, Dual)}. */
    @Override
    public MultiDual linearCombination(double a1, MultiDual b1, double a2, MultiDual b2,
                                       double a3, MultiDual b3, double a4, MultiDual b4) {
        checkOperand(b1);
        int tg = Tag.join(Tag.join(b1.join(b2), b1.join(b3)), b1.join(b4));
        double[] r = new double[t.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a1 * b1.t[i] + a2 * b2.t[i] + a3 * b3.t[i] + a4 * b4.t[i];
        }
        return new MultiDual(MathArrays.linearCombination(a1, b1.v, a2, b2.v, a3, b3.v, a4, b4.v), r, tg);
    }

    // ---- Object -------------------------------------------------------------------------------

    /**
     * Equal when value and all tangents are equal as by {@link Double#equals} (NaN equals NaN,
     * 0.0 differs from -0.0). The perturbation tag is not compared.
     *
     * @param o the object to compare with
     * @return whether {@code o} is a {@code MultiDual} with the same value and tangents
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof MultiDual
                && Double.doubleToLongBits(v) == Double.doubleToLongBits(((MultiDual) o).v)
                && Arrays.equals(t, ((MultiDual) o).t);
    }

    /** {@inheritDoc} Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return 31 * Double.hashCode(v) + Arrays.hashCode(t);
    }

    /**
     * The value and tangents, e.g. {@code MultiDual[value=2.0, tangents=[1.0, 0.0]]}.
     *
     * @return a description for debugging
     */
    @Override
    public String toString() {
        return "MultiDual[value=" + v + ", tangents=" + Arrays.toString(t) + "]";
    }
}
