package org.dualtape.dual;

/**
 * Local partial derivatives of the binary functions whose edge cases need care (pow, atan2,
 * hypot, remainder), and the chain-rule product every number type uses, written once so that
 * {@link Dual}, {@link MultiDual} and the reverse-mode tape agree on every convention.
 *
 * <h2>Zero tangents stay zero</h2>
 * {@link #chain(double, double)} returns 0 when the tangent is 0, even when the partial is
 * infinite or NaN (√x at 0, asin at ±1, {@code pow} at a zero base). An input that does not
 * move in a direction leaves the output still in that direction. Commons Math's
 * {@code DerivativeStructure} multiplies blindly and gives NaN (0·∞); with it, one infinite partial
 * would make every other partial of a chunk NaN, and the gradient of {@code √x₀ · x₁} at
 * {@code x₀ = 0} would have a NaN second component instead of 0. Reverse mode gives the same
 * answer because its sweep skips zero adjoints.
 *
 * <h2>Conventions</h2>
 * Each method states its own; they follow {@code DerivativeStructure} (order 1) except where a
 * reason is given.
 */
public final class Partials {

    private Partials() {
    }

    /**
     * One chain-rule term: {@code partial · tangent}, or 0 when the tangent is 0.
     *
     * @param partial the local partial derivative, possibly infinite or NaN
     * @param tangent the input's tangent
     * @return {@code +0.0} if {@code tangent == 0}, else {@code partial * tangent}
     */
    public static double chain(double partial, double tangent) {
        return tangent == 0 ? 0.0 : partial * tangent;
    }

    /**
     * {@code ∂(x^y)/∂x = y·x^(y-1)}.
     *
     * <p>It is 0 when {@code y == 0} (x⁰ ≡ 1 for every x, also where {@code DerivativeStructure}
     * computes 0·∞ = NaN at x = 0), {@code +∞} for 0 &lt; y &lt; 1 at x = 0 (as √x), and NaN
     * where x^y itself is NaN.
     *
     * @param x the base
     * @param y the exponent
     * @return the partial derivative with respect to the base
     */
    public static double powBase(double x, double y) {
        return y == 0 ? 0.0 : y * Math.pow(x, y - 1);
    }

    /**
     * {@code ∂(x^y)/∂y = x^y·ln x}, given {@code z = x^y} already computed.
     *
     * <ul>
     *   <li>0 when {@code z == 0} and x is not negative: x^y is 0 for every nearby y (x = 0 with
     *       y &gt; 0, or underflow), where the formula would give 0·(-∞) = NaN at x = 0;</li>
     *   <li>NaN for x = 0 and y &lt; 0 (x^y = +∞: no derivative), as
     *       {@code DerivativeStructure.pow(0, y)};</li>
     *   <li>-∞ for x = 0 and y = 0 (the one-sided slope of 0^y at 0), as
     *       {@code DerivativeStructure.pow(0, y)};</li>
     *   <li>NaN for x &lt; 0: x^y is real only at integer y, so it has no derivative in y. (The
     *       partial with respect to x exists there, and with a constant exponent the NaN is never
     *       multiplied in, by {@link #chain}.)</li>
     * </ul>
     *
     * @param x the base
     * @param y the exponent
     * @param z the value {@code Math.pow(x, y)}
     * @return the partial derivative with respect to the exponent
     */
    public static double powExponent(double x, double y, double z) {
        if (z == 0 && !(x < 0)) {
            return 0.0;
        }
        if (x == 0 && y < 0) {
            return Double.NaN;
        }
        return z * Math.log(x);
    }

    /**
     * {@code ∂atan2(y, x)/∂y = x / (x² + y²)}, computed as {@code (x / r) / r} with
     * {@code r = hypot(x, y)} so that it neither overflows nor underflows early.
     *
     * <p>NaN at the origin, where atan2 has no derivative (as {@code DerivativeStructure}).
     *
     * @param y the first argument of atan2
     * @param x the second argument of atan2
     * @return the partial derivative with respect to y
     */
    public static double atan2Y(double y, double x) {
        double r = Math.hypot(x, y);
        return x / r / r;
    }

    /**
     * {@code ∂atan2(y, x)/∂x = -y / (x² + y²)}, computed as {@code (-y / r) / r} with
     * {@code r = hypot(x, y)}.
     *
     * <p>NaN at the origin, where atan2 has no derivative (as {@code DerivativeStructure}).
     *
     * @param y the first argument of atan2
     * @param x the second argument of atan2
     * @return the partial derivative with respect to x
     */
    public static double atan2X(double y, double x) {
        double r = Math.hypot(x, y);
        return -y / r / r;
    }

    /**
     * {@code ∂hypot(x, y)/∂x = x / h}, given {@code h = hypot(x, y)}; never overflows because
     * |x| ≤ h.
     *
     * <p>Where {@code h} overflowed to +∞ for finite arguments, or is subnormal (so that
     * {@code x / h} would keep only a few bits), the quotient is taken on arguments scaled by a
     * power of two: at (1.5e308, 1.5e308) and at (1e-320, 1e-320) both partials are 1/√2 to
     * rounding. NaN at the origin (no derivative there, as {@code DerivativeStructure}); 0 when an
     * argument is infinite (the value is +∞ whatever the other argument, as
     * {@code DerivativeStructure}, which returns a constant +∞).
     *
     * @param x the argument whose partial is wanted
     * @param y the other argument
     * @param h the value {@code Math.hypot(x, y)}
     * @return the partial derivative with respect to x
     */
    public static double hypot(double x, double y, double h) {
        if (h >= Double.MIN_NORMAL && h <= Double.MAX_VALUE) {
            return x / h;
        }
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
            return 0.0; // +∞ whatever the other argument, NaN included
        }
        double s = Math.max(Math.abs(x), Math.abs(y));
        if (!(s > 0)) {
            return x / h; // the origin (0 / 0) or a NaN argument: NaN
        }
        int e = -Math.getExponent(s); // s scaled to [1, 2); a subnormal s comes out small but normal
        double xs = Math.scalb(x, e);
        double ys = Math.scalb(y, e);
        return xs / Math.hypot(xs, ys);
    }

    /**
     * The real {@code n}-th root for {@code n} other than 2 and 3 (those are {@code Math.sqrt} and
     * {@code Math.cbrt}): {@code Math.pow(x, 1.0 / n)}, and for {@code x < 0} with odd {@code n}
     * the real root {@code -Math.pow(-x, 1.0 / n)} (where {@code DerivativeStructure} gives NaN).
     *
     * @param x the argument
     * @param n the root's order
     * @return the root
     */
    public static double root(double x, int n) {
        return x < 0 && (n & 1) != 0 ? -Math.pow(-x, 1.0 / n) : Math.pow(x, 1.0 / n);
    }

    /**
     * {@code ∂(x^(1/n))/∂x = 1 / (n·y^(n-1))}, given the root {@code y}: +∞ at 0, NaN for n = 0.
     *
     * @param y the root {@link #root}{@code (x, n)}
     * @param n the root's order
     * @return the partial derivative
     */
    public static double rootPartial(double y, int n) {
        return n == 0 ? Double.NaN : 1 / (n * Math.pow(y, n - 1));
    }

    /**
     * The integer k with {@code IEEEremainder(x, y) = x - k·y}, so that
     * {@code ∂/∂x = 1} and {@code ∂/∂y = -k} (as {@code DerivativeStructure}).
     *
     * @param x the dividend
     * @param y the divisor
     * @param rem the value {@code Math.IEEEremainder(x, y)}
     * @return k, as a double (NaN where the remainder is NaN)
     */
    public static double remainderQuotient(double x, double y, double rem) {
        return Math.rint((x - rem) / y);
    }
}
