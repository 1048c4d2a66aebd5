package org.dualtape.tape;

import org.dualtape.dual.Elementary;
import org.dualtape.dual.Partials;

/**
 * The scalar entries' second partials, for second-order reverse mode: given entry {@code i} with
 * adjoint {@code a} and its arguments' tangents, {@link #add} adds {@code a · (∂partial_k/∂x · ṫ)}
 * to the tangent of each argument's adjoint — the term of the forward-over-reverse sweep that the
 * stored partials alone do not give (the other term, {@code partial_k · ȧ_i}, needs nothing new).
 *
 * <p>Unary functions take their second derivative from the {@link Elementary} table; the binary
 * operations' second partials are written here, next to the conventions of their first partials
 * in {@link Partials} and {@link Rules}. Operations whose partials are constant (add, subtract,
 * the constant forms, scalb, remainder, copySign, min, max, the guards, linear combinations with
 * constant factors) and piecewise functions have second partials 0: on each piece they are
 * linear, and at a kink the piece that the first-order convention picks decides, as in
 * {@link Elementary}.
 *
 * <h2>Zero tangents stay zero</h2>
 * Each term is {@link Partials#chain}{@code (second partial, tangent)}: an argument that does not
 * move contributes 0 even where the second partial is infinite or NaN ({@code sqrt''(0) = -∞}),
 * as the first-order sweeps skip zero adjoints and zero tangents.
 */
final class SecondPartials {
    private SecondPartials() {
    }

    /**
     * Adds entry {@code i}'s curvature term, times its adjoint {@code a} (nonzero), to the tangents
     * of its arguments' adjoints, for {@code k} directions at once: the tangent and adjoint tangent
     * of entry {@code e} in direction {@code c} are at {@code e·k + c}.
     *
     * @param t the tape, values and partials in place
     * @param i the entry
     * @param code its op code (scalar, not a vector node)
     * @param param the index in {@link Tape#aux} of its first recorded parameter
     * @param a its adjoint
     * @param tan the tangents, {@code k} per entry; not modified
     * @param dd the tangents of the adjoints, {@code k} per entry; modified
     * @param k the number of directions
     */
    static void add(Tape t, int i, int code, int param, double a, double[] tan, double[] dd, int k) {
        final double[] v = t.value;
        final int[] g = t.arg;
        int s = t.start[i];
        if (code < Op.ELEMENTARY_END) {
            unary(dd, tan, g[s] * k, k, a, Op.ELEMENTARY[code].d2f(v[g[s]], v[i]));
            return;
        }
        switch (code) {
            case Op.MUL -> cross(dd, tan, g[s] * k, g[s + 1] * k, k, a);
            case Op.DIV -> {
                // ∂²(x/y)/∂x∂y = -1/y², ∂²/∂y² = 2q/y²: from the stored partials 1/y and -q/y
                double y = v[g[s + 1]];
                pair(dd, tan, g[s] * k, g[s + 1] * k, k, a, 0, -t.partial[s] / y, -2 * t.partial[s + 1] / y);
            }
            case Op.POW_C, Op.POW_INT -> unary(dd, tan, g[s] * k, k, a, powBase2(v[g[s]], t.aux[param]));
            case Op.ROOT_N -> unary(dd, tan, g[s] * k, k, a, root2(v[g[s]], v[i], (int) t.aux[param]));
            case Op.POW -> {
                double[] h = pow(v[g[s]], v[g[s + 1]], t.partial[s + 1]);
                pair(dd, tan, g[s] * k, g[s + 1] * k, k, a, h[0], h[1], h[2]);
            }
            case Op.ATAN2 -> {
                // atan2(y, x), first argument y: with r = hypot(x, y), c = x/r, s = y/r,
                // ∂²/∂y² = -2cs/r², ∂²/∂x² = 2cs/r², ∂²/∂y∂x = (s - c)(s + c)/r², divided by r twice
                // so that nothing overflows early; NaN at the origin, as the first partials
                double y = v[g[s]];
                double x = v[g[s + 1]];
                double r = Math.hypot(x, y);
                double cos = x / r;
                double sin = y / r;
                double yy = -2 * cos * sin / r / r;
                pair(dd, tan, g[s] * k, g[s + 1] * k, k, a, yy, (sin - cos) * (sin + cos) / r / r, -yy);
            }
            case Op.HYPOT -> {
                // h = hypot(x, y), u = x/h, w = y/h: ∂²/∂x² = w²/h, ∂²/∂x∂y = -uw/h, ∂²/∂y² = u²/h, which
                // never overflow; 0 where h is infinite (the first partials are 0 there), NaN at the origin
                double h = v[i];
                if (!Double.isInfinite(h)) {
                    double u = v[g[s]] / h;
                    double w = v[g[s + 1]] / h;
                    pair(dd, tan, g[s] * k, g[s + 1] * k, k, a, w * w / h, -u * w / h, u * u / h);
                }
            }
            case Op.LC_VAR, Op.LC_VAR_N -> {
                for (int j = s, end = t.start[i + 1]; j < end; j += 2) {
                    cross(dd, tan, g[j] * k, g[j + 1] * k, k, a);
                }
            }
            default -> {
                // constant partials: no curvature
            }
        }
    }

    /**
     * Whether entries of each op code can have a nonzero curvature term, so that the sweep calls
     * {@link #add} only for them ({@code false} for the operations whose partials are constant,
     * and for vector nodes, which have rules of their own).
     */
    static final boolean[] CURVED = new boolean[Op.END];

    static {
        for (int code = 0; code < Op.VECTOR; code++) {
            CURVED[code] = curved(code);
        }
    }

    private static boolean curved(int code) {
        if (code >= Op.ELEMENTARY_END) {
            return switch (code) {
                case Op.MUL, Op.DIV, Op.POW_C, Op.POW_INT, Op.ROOT_N, Op.POW, Op.ATAN2, Op.HYPOT, Op.LC_VAR,
                    Op.LC_VAR_N -> true;
                default -> false;
            };
        }
        return code < Op.ELEMENTARY.length && !Op.ELEMENTARY[code].piecewise() && code != Elementary.NEGATE.ordinal();
    }

    /** {@code d²(x^e)/dx² = e(e - 1)x^(e-2)}: 0 for e = 0 and e = 1 (x⁰ and x¹ are affine everywhere). */
    static double powBase2(double x, double e) {
        return e == 0 || e == 1 ? 0.0 : e * Partials.powBase(x, e - 1);
    }

    /** {@code d²(x^(1/n))/dx² = (1 - n) / (n² y^(2n-1))}; sqrt and cbrt from the table, as {@link Rules#rootN}. */
    static double root2(double x, double y, int n) {
        if (n == 2) {
            return Elementary.SQRT.d2f(x, y);
        }
        if (n == 3) {
            return Elementary.CBRT.d2f(x, y);
        }
        return n == 0 ? Double.NaN : (1 - n) / ((double) n * n * Math.pow(y, 2 * n - 1));
    }

    /**
     * {@code x^y}: {@code ∂²/∂x² = y(y - 1)x^(y-2)}, {@code ∂²/∂x∂y = x^(y-1)(1 + y ln x)},
     * {@code ∂²/∂y² = x^y (ln x)²}, as {@code {xx, xy, yy}}, given the partial with respect to the
     * exponent. Conventions as the first partials ({@link Partials#powBase},
     * {@link Partials#powExponent}): where the partial with respect to the exponent is 0 (a zero
     * power of a base that is not negative: x = 0 with y &gt; 0, or underflow) so is its
     * derivative in y; at x = 0 the mixed partial is 0 for y &gt; 1 and NaN for y ≤ 1, where the
     * partial with respect to the base jumps or is infinite; at x &lt; 0, where x^y has no
     * derivative in y, the second partials involving y are NaN.
     */
    static double[] pow(double x, double y, double pExponent) {
        double xx = y == 0 ? 0.0 : y * Partials.powBase(x, y - 1);
        if (x > 0) {
            double log = Math.log(x);
            return new double[] {xx, Math.pow(x, y - 1) * (1 + y * log), pExponent == 0 ? 0.0 : pExponent * log};
        }
        if (x == 0) { // 0^0: yy = (-∞)(-∞) = +∞; y < 0: NaN, as the first partial
            return new double[] {xx, y > 1 ? 0.0 : Double.NaN, pExponent == 0 ? 0.0 : pExponent * Math.log(x)};
        }
        return new double[] {xx, Double.NaN, Double.NaN};
    }

    /** A one-argument entry with second derivative {@code h}: {@code ȧ_x += a·h·ṫ_x}, zero tangents adding nothing. */
    private static void unary(double[] dd, double[] tan, int x, int k, double a, double h) {
        for (int c = 0; c < k; c++) {
            double tx = tan[x + c];
            if (tx != 0) {
                dd[x + c] += a * (h * tx);
            }
        }
    }

    /** A product's cross term (second partial 1): {@code ȧ_x += a·ṫ_y}, {@code ȧ_y += a·ṫ_x}. */
    private static void cross(double[] dd, double[] tan, int x, int y, int k, double a) {
        for (int c = 0; c < k; c++) {
            double tx = tan[x + c];
            dd[x + c] += a * tan[y + c];
            dd[y + c] += a * tx;
        }
    }

    /** A two-argument entry with second partials {@code xx, xy, yy}, each term by {@link Partials#chain}. */
    private static void pair(double[] dd, double[] tan, int x, int y, int k, double a, double xx, double xy,
                             double yy) {
        for (int c = 0; c < k; c++) {
            double tx = tan[x + c];
            double ty = tan[y + c];
            dd[x + c] += a * (Partials.chain(xx, tx) + Partials.chain(xy, ty));
            dd[y + c] += a * (Partials.chain(xy, tx) + Partials.chain(yy, ty));
        }
    }
}
