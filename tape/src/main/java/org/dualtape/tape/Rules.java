package org.dualtape.tape;

import org.apache.commons.math3.util.MathArrays;
import org.dualtape.dual.Elementary;
import org.dualtape.dual.Partials;

/**
 * The scalar entries' rules: each computes an entry's value and partials from its arguments'
 * values, written once and used both when {@link Var} records the entry and when {@link Replay}
 * re-evaluates it, so a replay at the recorded point reproduces the recording bitwise.
 *
 * <p>Unary functions come from the {@link Elementary} table; the binary ones are written here by
 * hand, with the partials whose edge cases need care (pow, atan2, hypot, remainder) taken from
 * {@link Partials}, so that the tape and forward mode agree on every convention. Values are computed as plain {@code double} code computes them ({@code x / y}, not
 * {@code x * (1 / y)}), with {@code java.lang.Math}. Conventions at edges are documented on the
 * corresponding {@link Var} methods.
 */
final class Rules {
    private Rules() {
    }

    static void elementary(Tape t, int i, Elementary e) {
        int k = t.start[i];
        double x = t.value[t.arg[k]];
        double y = e.f(x);
        t.value[i] = y;
        t.partial[k] = e.df(x, y);
    }

    static void add(Tape t, int i) {
        int k = t.start[i];
        t.value[i] = t.value[t.arg[k]] + t.value[t.arg[k + 1]];
        t.partial[k] = 1;
        t.partial[k + 1] = 1;
    }

    static void subtract(Tape t, int i) {
        int k = t.start[i];
        t.value[i] = t.value[t.arg[k]] - t.value[t.arg[k + 1]];
        t.partial[k] = 1;
        t.partial[k + 1] = -1;
    }

    static void multiply(Tape t, int i) {
        int k = t.start[i];
        double x = t.value[t.arg[k]];
        double y = t.value[t.arg[k + 1]];
        t.value[i] = x * y;
        t.partial[k] = y;
        t.partial[k + 1] = x;
    }

    static void divide(Tape t, int i) {
        int k = t.start[i];
        double x = t.value[t.arg[k]];
        double y = t.value[t.arg[k + 1]];
        double q = x / y;
        t.value[i] = q;
        t.partial[k] = 1 / y;
        t.partial[k + 1] = -q / y;
    }

    static void addConstant(Tape t, int i, int a) {
        int k = t.start[i];
        t.value[i] = t.value[t.arg[k]] + t.aux[a];
        t.partial[k] = 1;
    }

    static void subtractConstant(Tape t, int i, int a) {
        int k = t.start[i];
        t.value[i] = t.value[t.arg[k]] - t.aux[a];
        t.partial[k] = 1;
    }

    /** The constant factor is the partial itself, stored by the caller before the first call. */
    static void multiplyConstant(Tape t, int i) {
        int k = t.start[i];
        t.value[i] = t.value[t.arg[k]] * t.partial[k];
    }

    static void divideConstant(Tape t, int i, int a) {
        int k = t.start[i];
        double c = t.aux[a];
        t.value[i] = t.value[t.arg[k]] / c;
        t.partial[k] = 1 / c;
    }

    static void powConstant(Tape t, int i, int a) {
        int k = t.start[i];
        double x = t.value[t.arg[k]];
        double p = t.aux[a];
        t.value[i] = Math.pow(x, p);
        t.partial[k] = Partials.powBase(x, p);
    }

    static void powInt(Tape t, int i, int a) {
        int k = t.start[i];
        double x = t.value[t.arg[k]];
        int n = (int) t.aux[a];
        t.value[i] = Math.pow(x, n);
        t.partial[k] = Partials.powBase(x, n);
    }

    /** sqrt for 2, cbrt for 3, else {@code x^(1/n)}, the real root for odd {@code n} and {@code x < 0}. */
    static void rootN(Tape t, int i, int a) {
        int n = (int) t.aux[a];
        if (n == 2) {
            elementary(t, i, Elementary.SQRT);
        } else if (n == 3) {
            elementary(t, i, Elementary.CBRT);
        } else {
            int k = t.start[i];
            double x = t.value[t.arg[k]];
            double y = x < 0 && (n & 1) != 0 ? -Math.pow(-x, 1.0 / n) : Math.pow(x, 1.0 / n);
            t.value[i] = y;
            t.partial[k] = n == 0 ? Double.NaN : 1 / (n * Math.pow(y, n - 1));
        }
    }

    static void scalb(Tape t, int i, int a) {
        int k = t.start[i];
        int n = (int) t.aux[a];
        t.value[i] = Math.scalb(t.value[t.arg[k]], n);
        t.partial[k] = Math.scalb(1.0, n);
    }

    static void pow(Tape t, int i) {
        int k = t.start[i];
        double x = t.value[t.arg[k]];
        double y = t.value[t.arg[k + 1]];
        double z = Math.pow(x, y);
        t.value[i] = z;
        t.partial[k] = Partials.powBase(x, y);
        t.partial[k + 1] = Partials.powExponent(x, y, z);
    }

    /** {@code atan2(y, x)}: the first argument is {@code y}. */
    static void atan2(Tape t, int i) {
        int k = t.start[i];
        double y = t.value[t.arg[k]];
        double x = t.value[t.arg[k + 1]];
        t.value[i] = Math.atan2(y, x);
        t.partial[k] = Partials.atan2Y(y, x);
        t.partial[k + 1] = Partials.atan2X(y, x);
    }

    static void hypot(Tape t, int i) {
        int k = t.start[i];
        double x = t.value[t.arg[k]];
        double y = t.value[t.arg[k + 1]];
        double h = Math.hypot(x, y);
        t.value[i] = h;
        t.partial[k] = Partials.hypot(x, h);
        t.partial[k + 1] = Partials.hypot(y, h);
    }

    /** IEEE remainder {@code x - k y} with {@code k = rint((x - r) / y)}; the partials are 1 and -k. */
    static void remainder(Tape t, int i) {
        int k = t.start[i];
        double x = t.value[t.arg[k]];
        double y = t.value[t.arg[k + 1]];
        double r = Math.IEEEremainder(x, y);
        t.value[i] = r;
        t.partial[k] = 1;
        t.partial[k + 1] = -Partials.remainderQuotient(x, y, r);
    }

    static void copySign(Tape t, int i) {
        int k = t.start[i];
        double x = t.value[t.arg[k]];
        double s = t.value[t.arg[k + 1]];
        t.value[i] = Math.copySign(x, s);
        t.partial[k] = (Double.doubleToRawLongBits(x) < 0) == (Double.doubleToRawLongBits(s) < 0) ? 1 : -1;
        t.partial[k + 1] = 0;
    }

    /** Ties go to the first argument; a NaN argument makes both partials NaN. */
    static void min(Tape t, int i) {
        int k = t.start[i];
        double x = t.value[t.arg[k]];
        double y = t.value[t.arg[k + 1]];
        t.value[i] = Math.min(x, y);
        choose(t, k, x, y, x <= y);
    }

    /** Ties go to the first argument; a NaN argument makes both partials NaN. */
    static void max(Tape t, int i) {
        int k = t.start[i];
        double x = t.value[t.arg[k]];
        double y = t.value[t.arg[k + 1]];
        t.value[i] = Math.max(x, y);
        choose(t, k, x, y, x >= y);
    }

    private static void choose(Tape t, int k, double x, double y, boolean first) {
        boolean nan = Double.isNaN(x) || Double.isNaN(y);
        t.partial[k] = nan ? Double.NaN : first ? 1 : 0;
        t.partial[k + 1] = nan ? Double.NaN : first ? 0 : 1;
    }

    /** A guard: the value is {@code Math.round(x)}; the partial is 0. */
    static void round(Tape t, int i) {
        int k = t.start[i];
        t.value[i] = Math.round(t.value[t.arg[k]]);
        t.partial[k] = 0;
    }

    /** A guard: the value is -1, 0 or 1; both partials are 0. */
    static void compare(Tape t, int i) {
        int k = t.start[i];
        double x = t.value[t.arg[k]];
        double y = t.value[t.arg[k + 1]];
        t.value[i] = x < y ? -1 : x > y ? 1 : x == y ? 0 : Integer.signum(Double.compare(x, y));
        t.partial[k] = 0;
        t.partial[k + 1] = 0;
    }

    /**
     * {@code Σ a_j b_j} over 2, 3 or 4 pairs of variables, arguments {@code a1, b1, a2, b2, ...},
     * value by Commons Math's accurate {@link MathArrays#linearCombination} of the same arity.
     */
    static void linearCombination(Tape t, int i) {
        int k = t.start[i];
        int n = (t.start[i + 1] - k) / 2;
        double[] v = t.value;
        int[] g = t.arg;
        for (int j = 0; j < n; j++) {
            t.partial[k + 2 * j] = v[g[k + 2 * j + 1]];
            t.partial[k + 2 * j + 1] = v[g[k + 2 * j]];
        }
        t.value[i] = fixed(v, g, k, n);
    }

    /** {@code Σ a_j b_j} over 2, 3 or 4 terms with constant {@code a_j}, stored as the partials. */
    static void linearCombinationConstant(Tape t, int i) {
        int k = t.start[i];
        int n = t.start[i + 1] - k;
        double[] p = t.partial;
        double[] v = t.value;
        int[] g = t.arg;
        double s;
        if (n == 2) {
            s = MathArrays.linearCombination(p[k], v[g[k]], p[k + 1], v[g[k + 1]]);
        } else if (n == 3) {
            s = MathArrays.linearCombination(p[k], v[g[k]], p[k + 1], v[g[k + 1]], p[k + 2], v[g[k + 2]]);
        } else {
            s = MathArrays.linearCombination(p[k], v[g[k]], p[k + 1], v[g[k + 1]], p[k + 2], v[g[k + 2]],
                p[k + 3], v[g[k + 3]]);
        }
        t.value[i] = s;
    }

    /** Arguments {@code a1, b1, a2, b2, ...} at {@code g[k...]}, in the user's order. */
    private static double fixed(double[] v, int[] g, int k, int n) {
        if (n == 2) {
            return MathArrays.linearCombination(v[g[k]], v[g[k + 1]], v[g[k + 2]], v[g[k + 3]]);
        }
        if (n == 3) {
            return MathArrays.linearCombination(v[g[k]], v[g[k + 1]], v[g[k + 2]], v[g[k + 3]],
                v[g[k + 4]], v[g[k + 5]]);
        }
        return MathArrays.linearCombination(v[g[k]], v[g[k + 1]], v[g[k + 2]], v[g[k + 3]],
            v[g[k + 4]], v[g[k + 5]], v[g[k + 6]], v[g[k + 7]]);
    }

    /**
     * The array forms: {@code Σ a_j b_j} by {@link MathArrays#linearCombination(double[], double[])}
     * on scratch arrays of the tape, so that a replay allocates nothing on the tape side (Commons
     * Math's kernel allocates one temporary of its own).
     */
    static void linearCombinationN(Tape t, int i, boolean constant) {
        int k = t.start[i];
        int n = (t.start[i + 1] - k) / (constant ? 1 : 2);
        double[] a = t.scratch(n, 0);
        double[] b = t.scratch(n, 1);
        double[] v = t.value;
        int[] g = t.arg;
        for (int j = 0; j < n; j++) {
            if (constant) {
                a[j] = t.partial[k + j];
                b[j] = v[g[k + j]];
            } else {
                a[j] = v[g[k + 2 * j]];
                b[j] = v[g[k + 2 * j + 1]];
                t.partial[k + 2 * j] = b[j];
                t.partial[k + 2 * j + 1] = a[j];
            }
        }
        t.value[i] = MathArrays.linearCombination(a, b);
    }

    /**
     * Re-evaluates scalar entry {@code i} (not an input, constant or vector node) from its
     * arguments' current values.
     *
     * @param a the index of the entry's first recorded parameter
     */
    static void eval(Tape t, int i, int code, int a) {
        switch (code) {
            case Op.ADD -> add(t, i);
            case Op.SUB -> subtract(t, i);
            case Op.MUL -> multiply(t, i);
            case Op.DIV -> divide(t, i);
            case Op.ADD_C -> addConstant(t, i, a);
            case Op.SUB_C -> subtractConstant(t, i, a);
            case Op.MUL_C -> multiplyConstant(t, i);
            case Op.DIV_C -> divideConstant(t, i, a);
            case Op.POW_C -> powConstant(t, i, a);
            case Op.POW_INT -> powInt(t, i, a);
            case Op.ROOT_N -> rootN(t, i, a);
            case Op.SCALB -> scalb(t, i, a);
            case Op.POW -> pow(t, i);
            case Op.ATAN2 -> atan2(t, i);
            case Op.HYPOT -> hypot(t, i);
            case Op.REM -> remainder(t, i);
            case Op.COPY_SIGN -> copySign(t, i);
            case Op.MIN -> min(t, i);
            case Op.MAX -> max(t, i);
            case Op.ROUND -> round(t, i);
            case Op.COMPARE -> compare(t, i);
            case Op.LC_VAR -> linearCombination(t, i);
            case Op.LC_VAR_N -> linearCombinationN(t, i, false);
            case Op.LC_CONST -> linearCombinationConstant(t, i);
            case Op.LC_CONST_N -> linearCombinationN(t, i, true);
            default -> {
                if (code >= Op.ELEMENTARY_END) {
                    throw new IllegalStateException("no rule for op code " + code + " at entry #" + i);
                }
                elementary(t, i, Op.ELEMENTARY[code]);
            }
        }
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
            default -> t.partial[k] != 0 ? t.partial[k] : t.value[i]; // abs, relu; floor, ceil, rint, signum
        };
    }

    static boolean same(double a, double b) {
        return a == b || (a != a && b != b);
    }
}
