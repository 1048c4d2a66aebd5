package org.dualtape.tape;

import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;
import org.dualtape.dual.Elementary;

/**
 * A reverse-mode variable: a thin view of one entry of a {@link Tape}, on which every operation
 * of {@link RealFieldElement} records a new entry with its value and partials.
 *
 * <h2>Construction</h2>
 * From {@link Tape#variable(double)} and {@link Tape#constant(double)}, or from {@link Reverse},
 * which records a function on {@code Var[]} inputs. Operands must be on the same tape.
 *
 * <h2>Values</h2>
 * The value of every operation is what plain {@code double} code computes, in the same order,
 * with {@code java.lang.Math}, so a function evaluated on {@code Var} and on {@code double} gives
 * bitwise the same value. {@code linearCombination} uses Commons Math's accurate
 * {@code MathArrays.linearCombination}, as {@code DerivativeStructure} and {@code Decimal64} do.
 * Unary functions take value and derivative from the {@link Elementary} table.
 *
 * <h2>Conventions at kinks and edges</h2>
 * As Commons Math's {@code DerivativeStructure} (order 1), with the exceptions listed in the
 * package documentation and on each method.
 *
 * <h2>Branches</h2>
 * Entries whose value depends on a branch (abs, floor, ceil, rint, signum, relu, round, copySign,
 * remainder, min, max, {@link #compareTo}) record the branch taken; {@link Replay} reports a
 * replay that would take another. Branches in user code on {@link #getReal()} or {@link #value()}
 * are invisible to the tape: replay repeats the recorded path. Compare with {@link #compareTo}
 * when a replay should notice.
 *
 * <p>Instances are immutable; the entry's adjoint and tangent are read from the tape's last sweep.
 * After {@link Tape#clear()} a {@code Var} is stale and every use throws
 * {@link IllegalStateException}.
 */
public final class Var implements RealFieldElement<Var>, Comparable<Var> {
    final Tape tape;
    final int index;
    final long generation;
    /**
     * The value when recorded, kept here so that recording the next operation need not read it back
     * from the tape (where the JIT cannot keep it in a register); see {@link #current()}.
     */
    private final double recorded;

    Var(Tape tape, int index, long generation) {
        this.tape = tape;
        this.index = index;
        this.generation = generation;
        this.recorded = tape.value[index];
    }

    Var(Tape tape, int index, long generation, double value) {
        this.tape = tape;
        this.index = index;
        this.generation = generation;
        this.recorded = value;
    }

    /**
     * The value operations record with, without the staleness check (the caller has checked): the
     * recorded value, unless a {@link Replay} has since written new values into the tape.
     */
    double current() {
        return tape.replayed ? tape.value[index] : recorded;
    }

    /**
     * The value.
     *
     * @return the entry's value (after a {@link Replay}, the value at the replayed point)
     * @throws IllegalStateException if the tape was cleared since this was recorded
     */
    public double value() {
        checkOn(tape);
        if (!tape.replayed && tape.firstValueRead < 0) {
            tape.firstValueRead = index; // user code may branch on it: see Replay#allowValueReads
        }
        return tape.value[index];
    }

    /**
     * The adjoint from the tape's last reverse sweep: the derivative of the swept output with
     * respect to this entry.
     *
     * @return the adjoint
     * @throws IllegalStateException if stale, or if no reverse sweep ran since this was recorded
     */
    public double adjoint() {
        return swept(tape.adjoint, tape.adjointsValid, "reverse");
    }

    /**
     * The tangent from the tape's last forward sweep ({@link Tape#forward}).
     *
     * @return the tangent
     * @throws IllegalStateException if stale, or if no tangent sweep ran since this was recorded
     */
    public double tangent() {
        return swept(tape.tangent, tape.tangentsValid, "tangent");
    }

    /** This entry's result of the tape's last sweep of the given kind. */
    private double swept(double[] results, int valid, String sweep) {
        checkOn(tape);
        if (index >= valid) {
            throw new IllegalStateException("no " + sweep + " sweep has run on " + tape.id() + " since " + describe()
                + " was recorded");
        }
        return results[index];
    }

    /**
     * The tape this variable is recorded on.
     *
     * @return the tape
     */
    public Tape tape() {
        return tape;
    }

    /**
     * The entry's index on the tape (as printed by {@link Tape#table()}).
     *
     * @return the index
     */
    public int index() {
        return index;
    }

    /** {@inheritDoc} The same as {@link #value()}, and marks the tape as read while recording. */
    @Override
    public double getReal() {
        return value();
    }

    /** {@inheritDoc} Constants on this variable's tape. */
    @Override
    public Field<Var> getField() {
        return tape.field;
    }

    // ------------------------------------------------------------------ arithmetic

    /** {@inheritDoc} Partials 1, 1. */
    @Override
    public Var add(Var o) {
        int k = tape.push(Op.ADD, this, o);
        return tape.set(Rules.add(tape.partial, k, current(), o.current()));
    }

    /** {@inheritDoc} Partial 1. */
    @Override
    public Var add(double c) {
        int k = tape.push(Op.ADD_C, this);
        tape.pushAux(c);
        return tape.set(Rules.addConstant(tape.partial, k, current(), c));
    }

    /** {@inheritDoc} Partials 1, -1. */
    @Override
    public Var subtract(Var o) {
        int k = tape.push(Op.SUB, this, o);
        return tape.set(Rules.subtract(tape.partial, k, current(), o.current()));
    }

    /** {@inheritDoc} Partial 1. */
    @Override
    public Var subtract(double c) {
        int k = tape.push(Op.SUB_C, this);
        tape.pushAux(c);
        return tape.set(Rules.subtractConstant(tape.partial, k, current(), c));
    }

    /** {@inheritDoc} Partial -1. */
    @Override public Var negate() { return apply(Elementary.NEGATE); }

    /** {@inheritDoc} Partials {@code o}, {@code this}. */
    @Override
    public Var multiply(Var o) {
        int k = tape.push(Op.MUL, this, o);
        return tape.set(Rules.multiply(tape.partial, k, current(), o.current()));
    }

    /** {@inheritDoc} Partial {@code c}. */
    @Override
    public Var multiply(double c) {
        int k = tape.push(Op.MUL_C, this);
        tape.partial[k] = c;
        return tape.set(Rules.multiplyConstant(tape.partial, k, current()));
    }

    /** {@inheritDoc} Partial {@code n}; the value is {@code x * n} as in plain code. */
    @Override
    public Var multiply(int n) {
        return multiply((double) n);
    }

    /** {@inheritDoc} Value {@code x / y}; partials {@code 1 / y}, {@code -(x / y) / y}. */
    @Override
    public Var divide(Var o) {
        int k = tape.push(Op.DIV, this, o);
        return tape.set(Rules.divide(tape.partial, k, current(), o.current()));
    }

    /** {@inheritDoc} Value {@code x / c}; partial {@code 1 / c}. */
    @Override
    public Var divide(double c) {
        int k = tape.push(Op.DIV_C, this);
        tape.pushAux(c);
        return tape.set(Rules.divideConstant(tape.partial, k, current(), c));
    }

    /** {@inheritDoc} Value {@code 1 / x}; partial {@code -(y * y)}. */
    @Override public Var reciprocal() { return apply(Elementary.RECIPROCAL); }

    /**
     * {@inheritDoc} IEEE remainder {@code x - k c} ({@code Math.IEEEremainder}); partial 1. The
     * constant {@code c} is recorded as a constant entry; {@code k} is the recorded branch.
     */
    @Override
    public Var remainder(double c) {
        return remainder(tape.constant(c));
    }

    /**
     * {@inheritDoc} IEEE remainder {@code x - k y} with {@code k = rint((x - r) / y)}, partials
     * 1 and {@code -k}, as {@code DerivativeStructure}; {@code k} is the recorded branch.
     */
    @Override
    public Var remainder(Var o) {
        int k = tape.push(Op.REM, this, o);
        return tape.branch(tape.set(Rules.remainder(tape.partial, k, current(), o.current())));
    }

    // ------------------------------------------------------------------ piecewise

    /** {@inheritDoc} Partial -1 when the sign bit is set (also for {@code -0.0}), else 1. */
    @Override public Var abs() { return apply(Elementary.ABS); }

    /** {@inheritDoc} Partial 0. */
    @Override public Var ceil() { return apply(Elementary.CEIL); }

    /** {@inheritDoc} Partial 0. */
    @Override public Var floor() { return apply(Elementary.FLOOR); }

    /** {@inheritDoc} Partial 0. */
    @Override public Var rint() { return apply(Elementary.RINT); }

    /**
     * {@inheritDoc} {@code Math.round}. The result is a {@code long} the tape cannot follow, so the
     * tape records a guard entry: a replay that would round to another value reports it.
     */
    @Override
    public long round() {
        int k = tape.push(Op.ROUND, this);
        tape.branch(tape.set(Rules.round(tape.partial, k, current())));
        return Math.round(current());
    }

    /** {@inheritDoc} Partial 0. */
    @Override public Var signum() { return apply(Elementary.SIGNUM); }

    /** {@inheritDoc} Partial ±1 with respect to {@code this}, 0 with respect to {@code sign}. */
    @Override
    public Var copySign(Var sign) {
        int k = tape.push(Op.COPY_SIGN, this, sign);
        return tape.branch(tape.set(Rules.copySign(tape.partial, k, current(), sign.current())));
    }

    /** {@inheritDoc} Partial ±1; {@code sign} is recorded as a constant entry. */
    @Override
    public Var copySign(double sign) {
        return copySign(tape.constant(sign));
    }

    /** {@inheritDoc} Value {@code Math.scalb(x, n)}; partial {@code 2^n}. */
    @Override
    public Var scalb(int n) {
        int k = tape.push(Op.SCALB, this);
        tape.pushAux(n);
        return tape.set(Rules.scalb(tape.partial, k, current(), n));
    }

    /**
     * {@inheritDoc} Value {@code Math.hypot}; partials {@code x / h}, {@code y / h} (NaN at the
     * origin, as {@code DerivativeStructure}; 0 when the value is infinite).
     */
    @Override
    public Var hypot(Var o) {
        int k = tape.push(Op.HYPOT, this, o);
        return tape.set(Rules.hypot(tape.partial, k, current(), o.current()));
    }

    /**
     * The smaller of two values ({@code Math.min}); partial 1 for the chosen one (the first on a
     * tie), NaN for both if one is NaN. A recorded branch.
     *
     * @param o the other value
     * @return {@code min(this, o)}
     */
    public Var min(Var o) {
        int k = tape.push(Op.MIN, this, o);
        return tape.branch(tape.set(Rules.min(tape.partial, k, current(), o.current())));
    }

    /**
     * The larger of two values ({@code Math.max}); partial 1 for the chosen one (the first on a
     * tie), NaN for both if one is NaN. A recorded branch.
     *
     * @param o the other value
     * @return {@code max(this, o)}
     */
    public Var max(Var o) {
        int k = tape.push(Op.MAX, this, o);
        return tape.branch(tape.set(Rules.max(tape.partial, k, current(), o.current())));
    }

    /**
     * Compares values as {@code <}, {@code >} and {@code ==} do ({@code -0.0} equals {@code 0.0});
     * NaN is greater than every number and equal to itself. The tape records the result as a
     * guard, so a {@link Replay} where the comparison would come out differently reports it.
     * Not consistent with {@link #equals}, which compares entries.
     *
     * @param o the other value
     * @return -1, 0 or 1
     */
    @Override
    public int compareTo(Var o) {
        int k = tape.push(Op.COMPARE, this, o);
        Var c = tape.branch(tape.set(Rules.compare(tape.partial, k, current(), o.current())));
        return (int) tape.value[c.index];
    }

    /**
     * Compares with a constant, as {@link #compareTo(Var)} (the constant becomes an entry).
     *
     * @param c the constant
     * @return -1, 0 or 1
     */
    public int compareTo(double c) {
        return compareTo(tape.constant(c));
    }

    // ------------------------------------------------------------------ powers and roots

    /** {@inheritDoc} */
    @Override public Var sqrt() { return apply(Elementary.SQRT); }
    /** {@inheritDoc} */
    @Override public Var cbrt() { return apply(Elementary.CBRT); }

    /**
     * {@inheritDoc} {@code sqrt} for 2, {@code cbrt} for 3, else {@code Math.pow(x, 1.0 / n)}, and
     * for {@code x < 0} with odd {@code n} the real root {@code -Math.pow(-x, 1.0 / n)} (where
     * {@code DerivativeStructure} gives NaN), as {@code Dual}; partial {@code 1 / (n y^(n-1))}.
     */
    @Override
    public Var rootN(int n) {
        int k = tape.push(Op.ROOT_N, this);
        tape.pushAux(n);
        return tape.set(Rules.rootN(tape.partial, k, current(), n));
    }

    /** {@inheritDoc} Value {@code Math.pow(x, p)}; partial {@code p x^(p-1)}, 0 for {@code p = 0}. */
    @Override
    public Var pow(double p) {
        int k = tape.push(Op.POW_C, this);
        tape.pushAux(p);
        return tape.set(Rules.powConstant(tape.partial, k, current(), p));
    }

    /** {@inheritDoc} Value {@code Math.pow(x, n)}; partial {@code n x^(n-1)}, 0 for {@code n = 0}. */
    @Override
    public Var pow(int n) {
        int k = tape.push(Op.POW_INT, this);
        tape.pushAux(n);
        return tape.set(Rules.powInt(tape.partial, k, current(), n));
    }

    /**
     * {@inheritDoc} Value {@code Math.pow(x, e)} (so also negative {@code x} with an integer
     * exponent, where {@code DerivativeStructure} gives NaN); partials {@code Partials.powBase}
     * ({@code e x^(e-1)}, 0 for {@code e = 0}) and {@code Partials.powExponent} ({@code x^e log x},
     * 0 where the value is 0 and {@code x >= 0}, NaN for {@code x < 0}).
     */
    @Override
    public Var pow(Var e) {
        int k = tape.push(Op.POW, this, e);
        return tape.set(Rules.pow(tape.partial, k, current(), e.current()));
    }

    /**
     * A constant raised to a variable power, {@code a^x}, as {@code Dual.pow(a, x)}: the base is
     * recorded as a constant entry.
     *
     * @param a the base
     * @param x the exponent
     * @return {@code Math.pow(a, x)}, partial {@code Partials.powExponent}
     */
    public static Var pow(double a, Var x) {
        return x.tape.constant(a).pow(x);
    }

    /**
     * {@code x²} as {@code x * x}; partial {@code 2x}.
     * @return the square
     */
    public Var square() { return apply(Elementary.SQUARE); }

    /** {@inheritDoc} */
    @Override public Var exp() { return apply(Elementary.EXP); }
    /** {@inheritDoc} */
    @Override public Var expm1() { return apply(Elementary.EXPM1); }
    /** {@inheritDoc} */
    @Override public Var log() { return apply(Elementary.LOG); }
    /** {@inheritDoc} */
    @Override public Var log1p() { return apply(Elementary.LOG1P); }

    /**
     * The base-10 logarithm ({@code Math.log10}).
     * @return {@code log10(this)}
     */
    public Var log10() { return apply(Elementary.LOG10); }

    // ------------------------------------------------------------------ trigonometry

    /** {@inheritDoc} */
    @Override public Var cos() { return apply(Elementary.COS); }
    /** {@inheritDoc} */
    @Override public Var sin() { return apply(Elementary.SIN); }
    /** {@inheritDoc} */
    @Override public Var tan() { return apply(Elementary.TAN); }
    /** {@inheritDoc} */
    @Override public Var acos() { return apply(Elementary.ACOS); }
    /** {@inheritDoc} */
    @Override public Var asin() { return apply(Elementary.ASIN); }
    /** {@inheritDoc} */
    @Override public Var atan() { return apply(Elementary.ATAN); }

    /**
     * {@inheritDoc} {@code this} is {@code y}: value {@code Math.atan2(y, x)}; partials
     * {@code x / r / r} and {@code -y / r / r} with {@code r = hypot(x, y)} (NaN at the origin).
     */
    @Override
    public Var atan2(Var x) {
        int k = tape.push(Op.ATAN2, this, x);
        return tape.set(Rules.atan2(tape.partial, k, current(), x.current()));
    }

    /** {@inheritDoc} */
    @Override public Var cosh() { return apply(Elementary.COSH); }
    /** {@inheritDoc} */
    @Override public Var sinh() { return apply(Elementary.SINH); }
    /** {@inheritDoc} */
    @Override public Var tanh() { return apply(Elementary.TANH); }
    /** {@inheritDoc} */
    @Override public Var acosh() { return apply(Elementary.ACOSH); }
    /** {@inheritDoc} */
    @Override public Var asinh() { return apply(Elementary.ASINH); }
    /** {@inheritDoc} */
    @Override public Var atanh() { return apply(Elementary.ATANH); }

    // ------------------------------------------------------------------ activations

    /**
     * The logistic function {@code 1 / (1 + e^-x)}.
     * @return {@code sigmoid(this)}
     */
    public Var sigmoid() { return apply(Elementary.SIGMOID); }

    /**
     * {@code max(0, x)}; partial 1 for {@code x > 0}, else 0. A recorded branch.
     * @return {@code relu(this)}
     */
    public Var relu() { return apply(Elementary.RELU); }

    /**
     * {@code log(1 + e^x)}.
     * @return {@code softplus(this)}
     */
    public Var softplus() { return apply(Elementary.SOFTPLUS); }

    /**
     * {@code log σ(x) = -softplus(-x)}.
     * @return {@code logSigmoid(this)}
     */
    public Var logSigmoid() { return apply(Elementary.LOG_SIGMOID); }

    /**
     * Applies any function of the rule table.
     *
     * @param e the function
     * @return {@code e(this)}, partial {@code e.df(x, y)}
     */
    public Var apply(Elementary e) {
        int k = tape.push(e.ordinal(), this);
        Var y = tape.set(Rules.elementary(tape.partial, k, e, current()));
        return e.piecewise() ? tape.branch(y) : y;
    }

    // ------------------------------------------------------------------ linear combinations

    /** {@inheritDoc} Partials {@code b[i]} for {@code a[i]} and {@code a[i]} for {@code b[i]}. */
    @Override
    public Var linearCombination(Var[] a, Var[] b) {
        return LinearCombination.record(this, a, b);
    }

    /** {@inheritDoc} Partials {@code a[i]}. */
    @Override
    public Var linearCombination(double[] a, Var[] b) {
        return LinearCombination.record(this, a, b);
    }

    /** {@inheritDoc} */
    @Override public Var linearCombination(Var a1, Var b1, Var a2, Var b2) { return LinearCombination.record(this, a1, b1, a2, b2); }
    /** {@inheritDoc} */
    @Override public Var linearCombination(Var a1, Var b1, Var a2, Var b2, Var a3, Var b3) { return LinearCombination.record(this, a1, b1, a2, b2, a3, b3); }
    /** {@inheritDoc} */
    @Override public Var linearCombination(Var a1, Var b1, Var a2, Var b2, Var a3, Var b3, Var a4, Var b4) { return LinearCombination.record(this, a1, b1, a2, b2, a3, b3, a4, b4); }
    /** {@inheritDoc} */
    @Override public Var linearCombination(double a1, Var b1, double a2, Var b2) { return LinearCombination.fixed(this, new double[] {a1, a2}, b1, b2); }
    /** {@inheritDoc} */
    @Override public Var linearCombination(double a1, Var b1, double a2, Var b2, double a3, Var b3) { return LinearCombination.fixed(this, new double[] {a1, a2, a3}, b1, b2, b3); }
    /** {@inheritDoc} */
    @Override public Var linearCombination(double a1, Var b1, double a2, Var b2, double a3, Var b3, double a4, Var b4) { return LinearCombination.fixed(this, new double[] {a1, a2, a3, a4}, b1, b2, b3, b4); }

    /**
     * Whether {@code o} is a view of the same entry of the same tape generation (not a comparison
     * of values).
     *
     * @param o another object
     * @return {@code true} for the same entry
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Var v && v.tape == tape && v.index == index && v.generation == generation;
    }

    /**
     * A hash of the entry, consistent with {@link #equals}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return (31 * tape.id + Long.hashCode(generation)) * 31 + index;
    }

    /**
     * The entry and its value, or that it is stale.
     *
     * @return for example {@code "Var #3 = 2.5"}
     */
    @Override
    public String toString() {
        return generation == tape.generation ? "Var #" + index + " = " + tape.value[index]
            : describe() + " (stale)";
    }

    /** Throws unless this is a live entry of {@code t}. */
    void checkOn(Tape t) {
        if (tape != t) {
            throw new IllegalStateException(describe() + " is not on " + t + ": record the whole function on one tape");
        }
        if (generation != t.generation) {
            throw t.stale(describe(), generation);
        }
    }

    /** Throws unless {@code y} is a live entry of this (checked) variable's tape. */
    void checkWith(Var y) {
        if (y.tape != tape) {
            throw new IllegalStateException("cannot combine " + describe() + " with " + y.describe()
                + ": both operands must be recorded on the same tape");
        }
        if (y.generation != tape.generation) {
            throw tape.stale(y.describe(), y.generation);
        }
    }

    /** The entries of {@code xs}, each checked to be a live entry of {@code t}. */
    static int[] indices(Tape t, Var[] xs) {
        int[] e = new int[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i].checkOn(t);
            e[i] = xs[i].index;
        }
        return e;
    }

    /** {@code Var #12 of Tape#2 (generation 0)}. */
    String describe() {
        return "Var #" + index + " of " + tape.id() + " (generation " + generation + ")";
    }
}
