package org.dualtape.tape;

import org.apache.commons.math3.util.MathArrays;

/**
 * The linear-combination entries {@code Σ a_j b_j}: their recording (for {@link Var}'s
 * {@code linearCombination} methods) and their rule, used by recording and by replay alike. The
 * value is Commons Math's accurate {@link MathArrays#linearCombination} of the same form, as
 * {@code DerivativeStructure} and {@code Decimal64} compute it; the partial with respect to each
 * factor is the other factor.
 *
 * <p>Four op codes: {@link Op#LC_VAR} (2, 3 or 4 pairs of variables, arguments
 * {@code a1, b1, a2, b2, ...}), {@link Op#LC_CONST} (2, 3 or 4 constant {@code a_j}, stored as the
 * partials), and their array forms {@link Op#LC_VAR_N}, {@link Op#LC_CONST_N}.
 */
final class LinearCombination {
    private LinearCombination() {
    }

    /** {@code Σ a_j b_j} over variables, the array form. */
    static Var record(Var self, Var[] a, Var[] b) {
        Tape t = checked(self, a.length, b.length);
        for (int j = 0; j < a.length; j++) {
            self.checkWith(a[j]);
            self.checkWith(b[j]);
        }
        if (a.length == 0) {
            return t.field.getZero();
        }
        int k = t.pushN(Op.LC_VAR_N, 2 * a.length);
        for (int j = 0; j < a.length; j++) {
            t.arg[k + 2 * j] = a[j].index;
            t.arg[k + 2 * j + 1] = b[j].index;
        }
        return evaluated(t);
    }

    /** {@code Σ a_j b_j} with constant {@code a_j}, the array form ({@code a} not modified). */
    static Var record(Var self, double[] a, Var[] b) {
        Tape t = checked(self, a.length, b.length);
        for (Var v : b) {
            self.checkWith(v);
        }
        if (a.length == 0) {
            return t.field.getZero();
        }
        return constants(t, Op.LC_CONST_N, a, b);
    }

    /** {@code a1 b1 + a2 b2 (+ ...)} with 2, 3 or 4 constant {@code a_j} ({@code a} not modified). */
    static Var fixed(Var self, double[] a, Var... b) {
        Tape t = checked(self, a.length, b.length);
        for (Var v : b) {
            self.checkWith(v);
        }
        return constants(t, Op.LC_CONST, a, b);
    }

    private static Var constants(Tape t, int code, double[] a, Var[] b) {
        int k = t.pushN(code, a.length);
        for (int j = 0; j < a.length; j++) {
            t.arg[k + j] = b[j].index;
            t.partial[k + j] = a[j];
        }
        return evaluated(t);
    }

    /** {@code a1 b1 + a2 b2 (+ ...)} over 2, 3 or 4 pairs of variables, given as {@code a1, b1, a2, b2, ...}. */
    static Var record(Var self, Var... ab) {
        self.checkOn(self.tape);
        for (Var v : ab) {
            self.checkWith(v);
        }
        Tape t = self.tape;
        int k = t.pushN(Op.LC_VAR, ab.length);
        for (int j = 0; j < ab.length; j++) {
            t.arg[k + j] = ab[j].index;
        }
        return evaluated(t);
    }

    private static Tape checked(Var self, int na, int nb) {
        if (na != nb) {
            throw new IllegalArgumentException("linearCombination needs as many first factors as second"
                + " factors, got " + na + " and " + nb);
        }
        self.checkOn(self.tape);
        return self.tape;
    }

    private static Var evaluated(Tape t) {
        int i = t.size - 1;
        evaluate(t, i);
        return t.var(i);
    }

    /** Computes entry {@code i}'s value and partials from its arguments' values (recording and replay). */
    static void evaluate(Tape t, int i) {
        int code = t.op[i];
        int k = t.start[i];
        int n = t.start[i + 1] - k;
        double[] v = t.value;
        double[] p = t.partial;
        int[] g = t.arg;
        if (code == Op.LC_VAR || code == Op.LC_VAR_N) {
            for (int j = 0; j < n; j += 2) {
                p[k + j] = v[g[k + j + 1]];
                p[k + j + 1] = v[g[k + j]];
            }
        }
        v[i] = switch (code) {
            case Op.LC_VAR -> fixed(v[g[k]], v[g[k + 1]], v[g[k + 2]], v[g[k + 3]], v, g, k, n);
            case Op.LC_CONST -> fixed(p[k], v[g[k]], p[k + 1], v[g[k + 1]], v, p, g, k, n);
            default -> array(t, k, n, code == Op.LC_CONST_N);
        };
    }

    /** Pairs {@code a1, b1, a2, b2, ...} of values at {@code g[k...]}, in the user's order. */
    private static double fixed(double a1, double b1, double a2, double b2, double[] v, int[] g, int k, int n) {
        if (n == 4) {
            return MathArrays.linearCombination(a1, b1, a2, b2);
        }
        if (n == 6) {
            return MathArrays.linearCombination(a1, b1, a2, b2, v[g[k + 4]], v[g[k + 5]]);
        }
        return MathArrays.linearCombination(a1, b1, a2, b2, v[g[k + 4]], v[g[k + 5]], v[g[k + 6]], v[g[k + 7]]);
    }

    /** Constant {@code a_j} in the partials, variables {@code b_j} at {@code g[k...]}. */
    private static double fixed(double a1, double b1, double a2, double b2, double[] v, double[] p, int[] g, int k,
                                int n) {
        if (n == 2) {
            return MathArrays.linearCombination(a1, b1, a2, b2);
        }
        if (n == 3) {
            return MathArrays.linearCombination(a1, b1, a2, b2, p[k + 2], v[g[k + 2]]);
        }
        return MathArrays.linearCombination(a1, b1, a2, b2, p[k + 2], v[g[k + 2]], p[k + 3], v[g[k + 3]]);
    }

    /**
     * The array forms, by {@link MathArrays#linearCombination(double[], double[])} on two arrays
     * of exactly {@code terms} doubles: the last pair is kept for the next entry of the same
     * length, so a replay allocates nothing on the tape side, and at most one pair is retained.
     */
    private static double array(Tape t, int k, int n, boolean constant) {
        int terms = constant ? n : n / 2;
        double[][] s = t.arena.scratch(terms);
        double[] a = s[0];
        double[] b = s[1];
        double[] v = t.value;
        int[] g = t.arg;
        for (int j = 0; j < terms; j++) {
            if (constant) {
                a[j] = t.partial[k + j];
                b[j] = v[g[k + j]];
            } else {
                a[j] = v[g[k + 2 * j]];
                b[j] = v[g[k + 2 * j + 1]];
            }
        }
        return MathArrays.linearCombination(a, b);
    }
}
