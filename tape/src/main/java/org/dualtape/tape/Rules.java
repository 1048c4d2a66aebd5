package org.dualtape.tape;

import org.dualtape.dual.Elementary;
import org.dualtape.dual.Partials;

/**
 * The scalar entries' rules: each computes an entry's value from its arguments' values and writes
 * its partials to the partial slots {@code p[k...]}, written once and used both when {@link Var}
 * records the entry and when {@link Replay} re-evaluates it, so a replay at the recorded point
 * reproduces the recording bitwise.
 *
 * <p>The rules take values, not entry indices: recording passes the operands' values as it has
 * them, and replay reads them from the tape ({@link Replayer#run}). Unary functions come from the
 * {@link Elementary} table; the binary ones are written here by hand, with the partials whose edge
 * cases need care (pow, atan2, hypot, remainder) taken from {@link Partials}, so that the tape and
 * forward mode agree on every convention. Values are computed as plain {@code double} code
 * computes them ({@code x / y}, not {@code x * (1 / y)}), with {@code java.lang.Math}. Conventions
 * at edges are documented on the corresponding {@link Var} methods.
 */
final class Rules {
    private Rules() {
    }

    static double elementary(double[] p, int k, Elementary e, double x) {
        double y = e.f(x);
        p[k] = e.df(x, y);
        return y;
    }

    static double add(double[] p, int k, double x, double y) {
        p[k] = 1;
        p[k + 1] = 1;
        return x + y;
    }

    static double subtract(double[] p, int k, double x, double y) {
        p[k] = 1;
        p[k + 1] = -1;
        return x - y;
    }

    static double multiply(double[] p, int k, double x, double y) {
        p[k] = y;
        p[k + 1] = x;
        return x * y;
    }

    static double divide(double[] p, int k, double x, double y) {
        double q = x / y;
        p[k] = 1 / y;
        p[k + 1] = -q / y;
        return q;
    }

    static double addConstant(double[] p, int k, double x, double c) {
        p[k] = 1;
        return x + c;
    }

    static double subtractConstant(double[] p, int k, double x, double c) {
        p[k] = 1;
        return x - c;
    }

    /** The constant factor is the partial itself, stored when the entry is recorded. */
    static double multiplyConstant(double[] p, int k, double x) {
        return x * p[k];
    }

    static double divideConstant(double[] p, int k, double x, double c) {
        p[k] = 1 / c;
        return x / c;
    }

    static double powConstant(double[] p, int k, double x, double e) {
        p[k] = Partials.powBase(x, e);
        return Math.pow(x, e);
    }

    static double powInt(double[] p, int k, double x, int n) {
        p[k] = Partials.powBase(x, n);
        return Math.pow(x, n);
    }

    /** sqrt for 2, cbrt for 3, else {@code x^(1/n)}, the real root for odd {@code n} and {@code x < 0}. */
    static double rootN(double[] p, int k, double x, int n) {
        if (n == 2) {
            return elementary(p, k, Elementary.SQRT, x);
        }
        if (n == 3) {
            return elementary(p, k, Elementary.CBRT, x);
        }
        double y = Partials.root(x, n);
        p[k] = Partials.rootPartial(y, n);
        return y;
    }

    static double scalb(double[] p, int k, double x, int n) {
        p[k] = Math.scalb(1.0, n);
        return Math.scalb(x, n);
    }

    static double pow(double[] p, int k, double x, double y) {
        double z = Math.pow(x, y);
        p[k] = Partials.powBase(x, y);
        p[k + 1] = Partials.powExponent(x, y, z);
        return z;
    }

    /** {@code atan2(y, x)}: the first argument is {@code y}. */
    static double atan2(double[] p, int k, double y, double x) {
        p[k] = Partials.atan2Y(y, x);
        p[k + 1] = Partials.atan2X(y, x);
        return Math.atan2(y, x);
    }

    static double hypot(double[] p, int k, double x, double y) {
        double h = Math.hypot(x, y);
        p[k] = Partials.hypot(x, y, h);
        p[k + 1] = Partials.hypot(y, x, h);
        return h;
    }

    /** IEEE remainder {@code x - k y} with {@code k = rint((x - r) / y)}; the partials are 1 and -k. */
    static double remainder(double[] p, int k, double x, double y) {
        double r = Math.IEEEremainder(x, y);
        p[k] = 1;
        p[k + 1] = -Partials.remainderQuotient(x, y, r);
        return r;
    }

    static double copySign(double[] p, int k, double x, double s) {
        p[k] = (Double.doubleToRawLongBits(x) < 0) == (Double.doubleToRawLongBits(s) < 0) ? 1 : -1;
        p[k + 1] = 0;
        return Math.copySign(x, s);
    }

    /** Ties go to the first argument; a NaN argument makes both partials NaN. */
    static double min(double[] p, int k, double x, double y) {
        choose(p, k, x, y, x <= y);
        return Math.min(x, y);
    }

    /** Ties go to the first argument; a NaN argument makes both partials NaN. */
    static double max(double[] p, int k, double x, double y) {
        choose(p, k, x, y, x >= y);
        return Math.max(x, y);
    }

    private static void choose(double[] p, int k, double x, double y, boolean first) {
        boolean nan = Double.isNaN(x) || Double.isNaN(y);
        p[k] = nan ? Double.NaN : first ? 1 : 0;
        p[k + 1] = nan ? Double.NaN : first ? 0 : 1;
    }

    /** A guard: the value is {@code Math.round(x)}; the partial is 0. */
    static double round(double[] p, int k, double x) {
        p[k] = 0;
        return Math.round(x);
    }

    /** A guard: the value is -1, 0 or 1; both partials are 0. */
    static double compare(double[] p, int k, double x, double y) {
        p[k] = 0;
        p[k + 1] = 0;
        return x < y ? -1 : x > y ? 1 : x == y ? 0 : Integer.signum(Double.compare(x, y));
    }

    /**
     * Table entry {@code code} ({@link Elementary#ordinal()}) applied to {@code x}. Each case names
     * its constant, so the JIT inlines that function's {@code f} and {@code df} (one virtual call
     * through {@code Op.ELEMENTARY[code]} would reach every function through one call site, which
     * the JIT cannot inline).
     */
    static double elementary(double[] p, int k, int code, double x) {
        return switch (Op.ELEMENTARY[code]) {
            case NEGATE -> elementary(p, k, Elementary.NEGATE, x);
            case RECIPROCAL -> elementary(p, k, Elementary.RECIPROCAL, x);
            case SQUARE -> elementary(p, k, Elementary.SQUARE, x);
            case EXP -> elementary(p, k, Elementary.EXP, x);
            case EXPM1 -> elementary(p, k, Elementary.EXPM1, x);
            case LOG -> elementary(p, k, Elementary.LOG, x);
            case LOG1P -> elementary(p, k, Elementary.LOG1P, x);
            case LOG10 -> elementary(p, k, Elementary.LOG10, x);
            case SQRT -> elementary(p, k, Elementary.SQRT, x);
            case CBRT -> elementary(p, k, Elementary.CBRT, x);
            case SIN -> elementary(p, k, Elementary.SIN, x);
            case COS -> elementary(p, k, Elementary.COS, x);
            case TAN -> elementary(p, k, Elementary.TAN, x);
            case ASIN -> elementary(p, k, Elementary.ASIN, x);
            case ACOS -> elementary(p, k, Elementary.ACOS, x);
            case ATAN -> elementary(p, k, Elementary.ATAN, x);
            case SINH -> elementary(p, k, Elementary.SINH, x);
            case COSH -> elementary(p, k, Elementary.COSH, x);
            case TANH -> elementary(p, k, Elementary.TANH, x);
            case ASINH -> elementary(p, k, Elementary.ASINH, x);
            case ACOSH -> elementary(p, k, Elementary.ACOSH, x);
            case ATANH -> elementary(p, k, Elementary.ATANH, x);
            case ABS -> elementary(p, k, Elementary.ABS, x);
            case SIGNUM -> elementary(p, k, Elementary.SIGNUM, x);
            case FLOOR -> elementary(p, k, Elementary.FLOOR, x);
            case CEIL -> elementary(p, k, Elementary.CEIL, x);
            case RINT -> elementary(p, k, Elementary.RINT, x);
            case SIGMOID -> elementary(p, k, Elementary.SIGMOID, x);
            case RELU -> elementary(p, k, Elementary.RELU, x);
            case SOFTPLUS -> elementary(p, k, Elementary.SOFTPLUS, x);
            case LOG_SIGMOID -> elementary(p, k, Elementary.LOG_SIGMOID, x);
            default -> elementary(p, k, Op.ELEMENTARY[code], x); // a function added to the table later
        };
    }

    /**
     * The branch a piecewise entry took, as one number: the partial that tells the pieces apart
     * (abs, relu, copySign, min, max; {@code -k} for remainder), or the value where every partial
     * is zero (floor, ceil, rint, signum, round, compare). It is recorded once, when the entry is
     * recorded, and replay compares against it (NaN equals NaN there).
     */
    static double branchKey(Tape t, int i, int code) {
        int k = t.start[i];
        return switch (code) {
            case Op.REM -> t.partial[k + 1];
            case Op.MIN, Op.MAX, Op.COPY_SIGN -> t.partial[k];
            case Op.ROUND, Op.COMPARE -> t.value[i];
            default -> branchKey(t.partial[k], t.value[i]); // abs, relu; floor, ceil, rint, signum
        };
    }

    /**
     * The branch key of a piecewise {@link Elementary} function with partial {@code p} and value
     * {@code y}: abs and relu are told apart by the partial, floor, ceil, rint and signum (partial
     * 0) by the value. Scalar entries and elementwise vector nodes both use it.
     */
    static double branchKey(double p, double y) {
        return p != 0 ? p : y;
    }

    static boolean same(double a, double b) {
        return a == b || (a != a && b != b);
    }
}
