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
     * of its arguments' adjoints {@code adjointTangent}.
     *
     * @param t the tape, values and tangents in place
     * @param i the entry
     * @param code its op code (scalar, not a vector node)
     * @param param the index in {@link Tape#aux} of its first recorded parameter
     * @param a its adjoint
     * @param adjointTangent the tangents of the adjoints, one per entry; modified
     */
    static void add(Tape t, int i, int code, int param, double a, double[] adjointTangent) {
        final double[] v = t.value;
        final double[] tan = t.tangent;
        final int[] g = t.arg;
        int k = t.start[i];
        if (code < Op.ELEMENTARY_END) {
            double tx = tan[g[k]];
            if (tx != 0) {
                adjointTangent[g[k]] += a * (Op.ELEMENTARY[code].d2f(v[g[k]], v[i]) * tx);
            }
            return;
        }
        switch (code) {
            case Op.MUL -> {
                adjointTangent[g[k]] += a * tan[g[k + 1]];
                adjointTangent[g[k + 1]] += a * tan[g[k]];
            }
            case Op.DIV -> {
                // ∂²(x/y)/∂x∂y = -1/y², ∂²/∂y² = 2q/y²: from the stored partials 1/y and -q/y
                double y = v[g[k + 1]];
                pair(adjointTangent, g[k], g[k + 1], a, 0, -t.partial[k] / y, -2 * t.partial[k + 1] / y,
                    tan[g[k]], tan[g[k + 1]]);
            }
            case Op.POW_C, Op.POW_INT -> unary(adjointTangent, g[k], a, powBase2(v[g[k]], t.aux[param]), tan[g[k]]);
            case Op.ROOT_N -> unary(adjointTangent, g[k], a, root2(v[g[k]], v[i], (int) t.aux[param]), tan[g[k]]);
            case Op.POW -> pow(t, k, v[g[k]], v[g[k + 1]], a, adjointTangent);
            case Op.ATAN2 -> atan2(v[g[k]], v[g[k + 1]], a, adjointTangent, g[k], g[k + 1], tan);
            case Op.HYPOT -> hypot(v[g[k]], v[g[k + 1]], v[i], a, adjointTangent, g[k], g[k + 1], tan);
            case Op.LC_VAR, Op.LC_VAR_N -> {
                for (int j = k, end = t.start[i + 1]; j < end; j += 2) {
                    adjointTangent[g[j]] += a * tan[g[j + 1]];
                    adjointTangent[g[j + 1]] += a * tan[g[j]];
                }
            }
            default -> {
                // constant partials: no curvature
            }
        }
    }

    /**
     * Whether entries of this op code can have a nonzero curvature term, so that the sweep calls
     * {@link #add} only for them.
     *
     * @param code a scalar op code
     * @return {@code false} for the operations whose partials are constant
     */
    static boolean curved(int code) {
        if (code < Op.ELEMENTARY_END) {
            return !Op.ELEMENTARY[code].piecewise() && code != Elementary.NEGATE.ordinal();
        }
        return switch (code) {
            case Op.MUL, Op.DIV, Op.POW_C, Op.POW_INT, Op.ROOT_N, Op.POW, Op.ATAN2, Op.HYPOT, Op.LC_VAR,
                Op.LC_VAR_N -> true;
            default -> false;
        };
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
     * {@code ∂²/∂y² = x^y (ln x)²}. Conventions as the first partials ({@link Partials#powBase},
     * {@link Partials#powExponent}): where the partial with respect to the exponent is 0 (a zero
     * power of a base that is not negative: x = 0 with y &gt; 0, or underflow) its derivatives
     * are 0 as well when y &gt; 1; at x = 0 with 0 &lt; y ≤ 1, where the partial with respect to
     * the base jumps or is infinite, the mixed partial is NaN; at x &lt; 0, where x^y has no
     * derivative in y, the second partials involving y are NaN.
     */
    private static void pow(Tape t, int k, double x, double y, double a, double[] adjointTangent) {
        double pExponent = t.partial[k + 1];
        double xx = y == 0 ? 0.0 : y * Partials.powBase(x, y - 1);
        double xy;
        double yy;
        if (x > 0) {
            double log = Math.log(x);
            xy = Math.pow(x, y - 1) * (1 + y * log);
            yy = pExponent == 0 ? 0.0 : pExponent * log;
        } else if (x == 0) {
            xy = y > 1 ? 0.0 : Double.NaN;
            yy = pExponent == 0 ? 0.0 : pExponent * Math.log(x); // 0^0: (-∞)(-∞) = +∞; y < 0: NaN
        } else {
            xy = Double.NaN;
            yy = Double.NaN;
        }
        double[] tan = t.tangent;
        int[] g = t.arg;
        pair(adjointTangent, g[k], g[k + 1], a, xx, xy, yy, tan[g[k]], tan[g[k + 1]]);
    }

    /**
     * {@code atan2(y, x)} (first argument y): with {@code r = hypot(x, y)}, {@code c = x/r},
     * {@code s = y/r}: {@code ∂²/∂y² = -2cs/r²}, {@code ∂²/∂x² = 2cs/r²},
     * {@code ∂²/∂y∂x = (s - c)(s + c)/r²}, divided by r twice so that nothing overflows early. NaN
     * at the origin, as the first partials.
     */
    private static void atan2(double y, double x, double a, double[] adjointTangent, int gy, int gx, double[] tan) {
        double r = Math.hypot(x, y);
        double c = x / r;
        double s = y / r;
        double yy = -2 * c * s / r / r;
        double yx = (s - c) * (s + c) / r / r;
        pair(adjointTangent, gy, gx, a, yy, yx, -yy, tan[gy], tan[gx]);
    }

    /**
     * {@code hypot(x, y) = h}: with {@code u = x/h}, {@code w = y/h}: {@code ∂²/∂x² = w²/h},
     * {@code ∂²/∂x∂y = -uw/h}, {@code ∂²/∂y² = u²/h}, which never overflow. 0 where h is infinite
     * (the first partials are 0 there), NaN at the origin (as the first partials).
     */
    private static void hypot(double x, double y, double h, double a, double[] adjointTangent, int gx, int gy,
                              double[] tan) {
        if (Double.isInfinite(h)) {
            return;
        }
        double u = x / h;
        double w = y / h;
        pair(adjointTangent, gx, gy, a, w * w / h, -u * w / h, u * u / h, tan[gx], tan[gy]);
    }

    private static void unary(double[] adjointTangent, int gx, double a, double xx, double tx) {
        if (tx != 0) {
            adjointTangent[gx] += a * (xx * tx);
        }
    }

    /** The curvature term of a two-argument entry with second partials {@code xx, xy, yy}. */
    private static void pair(double[] adjointTangent, int gx, int gy, double a, double xx, double xy, double yy,
                             double tx, double ty) {
        adjointTangent[gx] += a * (Partials.chain(xx, tx) + Partials.chain(xy, ty));
        adjointTangent[gy] += a * (Partials.chain(xy, tx) + Partials.chain(yy, ty));
    }
}
