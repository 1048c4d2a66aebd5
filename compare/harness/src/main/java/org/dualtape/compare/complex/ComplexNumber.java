package org.dualtape.compare.complex;

import org.apache.commons.math3.Field;
import org.apache.commons.math3.FieldElement;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.exception.DimensionMismatchException;
import org.dualtape.dual.Elementary;

/**
 * A complex number {@code re + i·im} implementing {@link RealFieldElement}, so that generic code
 * written for real numbers runs on it unchanged and {@link ComplexStep} differentiates it by the
 * complex step {@code f'(x) ≈ Im f(x + ih) / h}.
 *
 * <h2>Analytic functions</h2>
 * Every analytic method computes the analytic continuation of its real counterpart (the
 * principal branch), with formulas chosen so that a tiny imaginary part is carried without
 * cancellation: for example {@code tanh(a + ib) = (t(1 + u²) + i u·sech²a) / (1 + t²u²)} with
 * {@code t = tanh a}, {@code u = tan b}. For the arithmetic, {@code exp}, {@code expm1},
 * {@code log}, {@code log1p}, {@code sqrt}, {@code cbrt}, {@code pow}, the trigonometric and
 * hyperbolic functions, the real part is then computed by the same {@code java.lang.Math} call
 * as real code, and when the imaginary part is tiny (a complex step) the correction terms
 * underflow: the real part equals plain {@code double} code bitwise. The inverse trigonometric
 * and hyperbolic functions, {@code atan2} and {@code hypot} use their first-order expansion
 * {@code f(a) + i·b·f'(a)} when {@code |b|} is below {@code 2^-60} times the distance to the
 * nearest singularity, where it equals the analytic value to working precision, and Commons
 * Math's {@link Complex} formulas otherwise.
 *
 * <h2>Nonanalytic methods</h2>
 * Handled as the complex-step method usually does, by the real part: {@code abs} is
 * {@code -z} when the sign bit of {@code re} is set and {@code z} otherwise (the derivative
 * convention of the rule table); {@code copySign} likewise; comparisons by
 * {@link #getReal()} (so {@code max} is whichever argument has the larger real part);
 * {@code floor}, {@code ceil}, {@code rint}, {@code signum} return a real number (imaginary part
 * 0: derivative 0); {@code remainder} subtracts a real integer multiple.
 *
 * <h2>Domains and non-finite values</h2>
 * The complex step differentiates real functions: where the real function of a real argument is
 * NaN ({@code sqrt} or {@code log} of a negative number, {@code asin(2)}, ...), a number with a
 * tiny imaginary part gives NaN in both parts, as real code would, not the complex principal
 * value. When the imaginary part is exactly 0 the result is the real function's value with
 * imaginary part 0 (no {@code ∞ · 0 = NaN} from overflowing intermediate terms).
 *
 * <p>Instances are immutable.
 */
public final class ComplexNumber implements RealFieldElement<ComplexNumber> {
    /** The complex numbers as a field. */
    public static final Field<ComplexNumber> FIELD = new ComplexField();
    /** 0. */
    public static final ComplexNumber ZERO = new ComplexNumber(0, 0);
    /** 1. */
    public static final ComplexNumber ONE = new ComplexNumber(1, 0);
    /** {@code 2^-60}: below this relative size the second-order terms of a step are invisible. */
    private static final double TAYLOR = 0x1p-60;

    private final double re;
    private final double im;

    private ComplexNumber(double re, double im) {
        this.re = re;
        this.im = im;
    }

    /**
     * The number {@code re + i·im}.
     *
     * @param re the real part
     * @param im the imaginary part
     * @return the complex number
     */
    public static ComplexNumber of(double re, double im) {
        return new ComplexNumber(re, im);
    }

    /**
     * A real number.
     *
     * @param re the real part
     * @return {@code re + 0i}
     */
    public static ComplexNumber real(double re) {
        return new ComplexNumber(re, 0);
    }

    /**
     * The real part.
     *
     * @return {@code re}
     */
    public double re() {
        return re;
    }

    /**
     * The imaginary part.
     *
     * @return {@code im}
     */
    public double im() {
        return im;
    }

    /**
     * The real part, which comparisons and other nonanalytic decisions use.
     *
     * @return {@code re}
     */
    @Override
    public double getReal() {
        return re;
    }

    /**
     * The field of complex numbers.
     *
     * @return {@link #FIELD}
     */
    @Override
    public Field<ComplexNumber> getField() {
        return FIELD;
    }

    // ------------------------------------------------------------------ arithmetic

    /** {@inheritDoc} */
    @Override
    public ComplexNumber add(ComplexNumber o) {
        return new ComplexNumber(re + o.re, im + o.im);
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber add(double x) {
        return new ComplexNumber(re + x, im);
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber subtract(ComplexNumber o) {
        return new ComplexNumber(re - o.re, im - o.im);
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber subtract(double x) {
        return new ComplexNumber(re - x, im);
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber negate() {
        return new ComplexNumber(-re, -im);
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber multiply(ComplexNumber o) {
        return new ComplexNumber(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber multiply(double x) {
        return new ComplexNumber(re * x, im * x);
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber multiply(int n) {
        return new ComplexNumber(re * n, im * n);
    }

    /**
     * Division by Smith's algorithm, which neither overflows nor loses a tiny imaginary part;
     * with a tiny imaginary divisor the real part is {@code re / o.re} bitwise.
     *
     * @param o the divisor
     * @return {@code this / o}
     */
    @Override
    public ComplexNumber divide(ComplexNumber o) {
        double c = o.re;
        double d = o.im;
        if (d == 0) {
            return new ComplexNumber(re / c, im / c);
        }
        if (Math.abs(c) >= Math.abs(d)) {
            double r = d / c;
            double den = c + d * r;
            return new ComplexNumber((re + im * r) / den, (im - re * r) / den);
        }
        double r = c / d;
        double den = c * r + d;
        return new ComplexNumber((re * r + im) / den, (im * r - re) / den);
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber divide(double x) {
        return new ComplexNumber(re / x, im / x);
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber reciprocal() {
        return ONE.divide(this);
    }

    /**
     * The IEEE remainder by a real number: {@code this − n·x} with {@code n} the integer nearest
     * {@code re / x}.
     *
     * @param x the divisor
     * @return the remainder; its imaginary part is {@code im}
     */
    @Override
    public ComplexNumber remainder(double x) {
        return new ComplexNumber(Math.IEEEremainder(re, x), im);
    }

    /**
     * The IEEE remainder: {@code this − n·o} with {@code n} the integer nearest {@code re / o.re}.
     *
     * @param o the divisor
     * @return the remainder
     */
    @Override
    public ComplexNumber remainder(ComplexNumber o) {
        double r = Math.IEEEremainder(re, o.re);
        double n = Math.rint((re - r) / o.re);
        return new ComplexNumber(r, im - n * o.im);
    }

    // ------------------------------------------------------------------ nonanalytic, by the real part

    /**
     * {@code -this} when the sign bit of the real part is set, else {@code this}.
     *
     * @return {@code |z|} in the complex-step sense
     */
    @Override
    public ComplexNumber abs() {
        return signBit(re) ? negate() : this;
    }

    /** {@inheritDoc} The imaginary part is 0. */
    @Override
    public ComplexNumber ceil() {
        return real(Math.ceil(re));
    }

    /** {@inheritDoc} The imaginary part is 0. */
    @Override
    public ComplexNumber floor() {
        return real(Math.floor(re));
    }

    /** {@inheritDoc} The imaginary part is 0. */
    @Override
    public ComplexNumber rint() {
        return real(Math.rint(re));
    }

    /** {@inheritDoc} Rounds the real part. */
    @Override
    public long round() {
        return Math.round(re);
    }

    /** {@inheritDoc} The imaginary part is 0. */
    @Override
    public ComplexNumber signum() {
        return real(Math.signum(re));
    }

    /** {@inheritDoc} Decided by the sign bits of the real parts. */
    @Override
    public ComplexNumber copySign(ComplexNumber sign) {
        return copySign(sign.re);
    }

    /** {@inheritDoc} Decided by the sign bits of the real part and {@code sign}. */
    @Override
    public ComplexNumber copySign(double sign) {
        return signBit(re) == signBit(sign) ? this : negate();
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber scalb(int n) {
        return new ComplexNumber(Math.scalb(re, n), Math.scalb(im, n));
    }

    // ------------------------------------------------------------------ powers and roots

    /**
     * The principal square root; NaN for a negative real part with a tiny imaginary part.
     *
     * @return {@code √z}
     */
    @Override
    public ComplexNumber sqrt() {
        if (im == 0) {
            return real(Math.sqrt(re));
        }
        if (re < 0 && tiny(im, re)) {
            return nan();
        }
        double m = Math.hypot(re, im);
        // t = √((|a| + |z|) / 2), halving first where the sum would overflow; for a step
        // |z| = a exactly and t = Math.sqrt(a)
        double t = m == re ? Math.sqrt(re) : Math.sqrt(half(Math.abs(re), m));
        if (re >= 0) {
            return new ComplexNumber(t, im / (2 * t));
        }
        return new ComplexNumber(Math.abs(im) / (2 * t), Math.copySign(t, im));
    }

    /** {@inheritDoc} The real cube root is continued analytically for either sign. */
    @Override
    public ComplexNumber cbrt() {
        if (im == 0) {
            return real(Math.cbrt(re));
        }
        if (re < 0) {
            return negate().cbrt().negate();
        }
        return polarPower(Math.cbrt(Math.hypot(re, im)), 1.0 / 3);
    }

    /**
     * The {@code n}-th root: the principal root for a non-negative real part, {@code -root(-z)}
     * for a negative one and odd {@code n}, NaN for a negative one and even {@code n}.
     *
     * @param n the root's order
     * @return {@code z^(1/n)}
     */
    @Override
    public ComplexNumber rootN(int n) {
        if (re < 0) {
            return n % 2 != 0 ? negate().rootN(n).negate() : tiny(im, re) ? nan() : principalPow(1.0 / n);
        }
        if (im == 0) {
            return real(Math.pow(re, 1.0 / n));
        }
        return polarPower(Math.pow(Math.hypot(re, im), 1.0 / n), 1.0 / n);
    }

    /**
     * {@code z^p}; for a negative real part, {@code ±(-z)^p} when {@code p} is an integer and NaN
     * otherwise (as {@code Math.pow}).
     *
     * @param p the exponent
     * @return {@code z^p}
     */
    @Override
    public ComplexNumber pow(double p) {
        if (im == 0) {
            return real(Math.pow(re, p));
        }
        if (re < 0) {
            if (p == Math.rint(p) && Math.abs(p) < 0x1p53) {
                ComplexNumber r = negate().pow(p);
                return Math.IEEEremainder(p, 2) == 0 ? r : r.negate();
            }
            if (tiny(im, re)) {
                return nan();
            }
        }
        return principalPow(p);
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber pow(int n) {
        return pow((double) n);
    }

    /**
     * {@code z^w = exp(w log z)}, with the real part {@code Math.pow(re, w.re)} times factors that
     * are exactly 1 for tiny imaginary parts.
     *
     * @param w the exponent
     * @return {@code z^w}
     */
    @Override
    public ComplexNumber pow(ComplexNumber w) {
        if (w.im == 0) {
            return pow(w.re);
        }
        if (re < 0 && tiny(im, re)) {
            return nan();
        }
        double m = Math.hypot(re, im);
        double theta = Math.atan2(im, re);
        double modulus = Math.pow(m, w.re) * Math.exp(-w.im * theta);
        double angle = w.re * theta + w.im * Math.log(m);
        return new ComplexNumber(modulus * Math.cos(angle), modulus * Math.sin(angle));
    }

    /** {@code |z|^p (cos pθ + i sin pθ)} with {@code |z|^p} given. */
    private ComplexNumber polarPower(double modulus, double p) {
        double angle = p * Math.atan2(im, re);
        return new ComplexNumber(modulus * Math.cos(angle), modulus * Math.sin(angle));
    }

    private ComplexNumber principalPow(double p) {
        return polarPower(Math.pow(Math.hypot(re, im), p), p);
    }

    // ------------------------------------------------------------------ exponentials and logarithms

    /** {@inheritDoc} */
    @Override
    public ComplexNumber exp() {
        double e = Math.exp(re);
        if (im == 0) {
            return real(e);
        }
        return new ComplexNumber(e * Math.cos(im), e * Math.sin(im));
    }

    /**
     * {@code e^z − 1}, with the real part {@code expm1(a) cos b − 2 sin²(b/2)}, accurate near 0.
     *
     * @return {@code expm1(z)}
     */
    @Override
    public ComplexNumber expm1() {
        double m = Math.expm1(re);
        if (im == 0) {
            return real(m);
        }
        double s = Math.sin(im / 2);
        return new ComplexNumber(m * Math.cos(im) - 2 * s * s, Math.exp(re) * Math.sin(im));
    }

    /**
     * The principal logarithm {@code log|z| + i arg z}; NaN for a negative real part with a tiny
     * imaginary part.
     *
     * @return {@code log z}
     */
    @Override
    public ComplexNumber log() {
        if (im == 0) {
            return real(Math.log(re));
        }
        if (re < 0 && tiny(im, re)) {
            return nan();
        }
        return new ComplexNumber(Math.log(Math.hypot(re, im)), Math.atan2(im, re));
    }

    /**
     * {@code log(1 + z)}, with the real part {@code log1p(a) + ½ log1p((b / (1 + a))²)}, accurate
     * near 0.
     *
     * @return {@code log1p(z)}
     */
    @Override
    public ComplexNumber log1p() {
        if (im == 0) {
            return real(Math.log1p(re));
        }
        double u = 1 + re;
        if (u > 0) {
            double q = im / u;
            double q2 = q * q;
            double r = Math.log1p(re);
            return new ComplexNumber(q2 == 0 ? r : r + 0.5 * Math.log1p(q2), Math.atan2(im, u));
        }
        return add(1.0).log();
    }

    // ------------------------------------------------------------------ trigonometric

    /** {@inheritDoc} */
    @Override
    public ComplexNumber sin() {
        if (im == 0) {
            return real(Math.sin(re));
        }
        return new ComplexNumber(Math.sin(re) * Math.cosh(im), Math.cos(re) * Math.sinh(im));
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber cos() {
        if (im == 0) {
            return real(Math.cos(re));
        }
        return new ComplexNumber(Math.cos(re) * Math.cosh(im), -Math.sin(re) * Math.sinh(im));
    }

    /**
     * {@code tan(a + ib) = (t(1 − u²) + i u(1 + t²)) / (1 + t²u²)}, {@code t = tan a},
     * {@code u = tanh b}.
     *
     * @return {@code tan z}
     */
    @Override
    public ComplexNumber tan() {
        double t = Math.tan(re);
        if (im == 0) {
            return real(t);
        }
        double u = Math.tanh(im);
        double den = 1 + t * t * u * u;
        return new ComplexNumber(t * (1 - u * u) / den, u * (1 + t * t) / den);
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber asin() {
        double d = Math.min(Math.abs(1 - re), Math.abs(1 + re));
        return inverse(Elementary.ASIN, d, Math.abs(re) > 1,
                () -> fromComplex(toComplex().asin()));
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber acos() {
        double d = Math.min(Math.abs(1 - re), Math.abs(1 + re));
        return inverse(Elementary.ACOS, d, Math.abs(re) > 1,
                () -> fromComplex(toComplex().acos()));
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber atan() {
        return inverse(Elementary.ATAN, 1, false, () -> fromComplex(toComplex().atan()));
    }

    /**
     * {@code atan2(this, x)}: the real parts' angle {@code θ0 = Math.atan2(re, x.re)} plus
     * {@code atan((y·x0 − x·y0) / (x·x0 + y·y0))}, whose real part vanishes for tiny imaginary
     * parts.
     *
     * @param x the abscissa
     * @return the angle of {@code (x, this)}
     */
    @Override
    public ComplexNumber atan2(ComplexNumber x) {
        double theta0 = Math.atan2(re, x.re);
        if (im == 0 && x.im == 0) {
            return real(theta0);
        }
        ComplexNumber n = multiply(x.re).subtract(x.multiply(re));
        ComplexNumber d = x.multiply(x.re).add(multiply(re));
        return n.divide(d).atan().add(theta0);
    }

    // ------------------------------------------------------------------ hyperbolic

    /** {@inheritDoc} */
    @Override
    public ComplexNumber sinh() {
        if (im == 0) {
            return real(Math.sinh(re));
        }
        return new ComplexNumber(Math.sinh(re) * Math.cos(im), Math.cosh(re) * Math.sin(im));
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber cosh() {
        if (im == 0) {
            return real(Math.cosh(re));
        }
        return new ComplexNumber(Math.cosh(re) * Math.cos(im), Math.sinh(re) * Math.sin(im));
    }

    /**
     * {@code tanh(a + ib) = (t(1 + u²) + i u·sech²a) / (1 + t²u²)}, {@code t = tanh a},
     * {@code u = tan b}; {@code sech²a = 1 − t²} without its cancellation for large {@code |a|}.
     *
     * @return {@code tanh z}
     */
    @Override
    public ComplexNumber tanh() {
        double t = Math.tanh(re);
        if (im == 0) {
            return real(t);
        }
        double u = Math.tan(im);
        double c = Math.cosh(re);
        double sech2 = 1 / (c * c);
        double den = 1 + t * t * u * u;
        return new ComplexNumber(t * (1 + u * u) / den, u * sech2 / den);
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber asinh() {
        // singularities at ±i: distance at least 1 from the real axis
        return inverse(Elementary.ASINH, 1, false,
                () -> fromComplex(Complex.I.multiply(toComplex()).asin().multiply(Complex.I.negate())));
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber acosh() {
        return inverse(Elementary.ACOSH, Math.abs(re - 1), re < 1, () -> {
                    Complex z = toComplex();
                    return fromComplex(z.add(z.add(1).sqrt().multiply(z.subtract(1).sqrt())).log());
                });
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber atanh() {
        double d = Math.min(Math.abs(1 - re), Math.abs(1 + re));
        return inverse(Elementary.ATANH, d, Math.abs(re) > 1,
                () -> fromComplex(Complex.I.multiply(toComplex()).atan().multiply(Complex.I.negate())));
    }

    /**
     * {@code sqrt(z² + w²)}: first order {@code (h, (a·b + c·d) / h)} with {@code h = Math.hypot}
     * of the real parts when the imaginary parts are tiny, otherwise the principal square root of
     * the scaled sum.
     *
     * @param w the other leg
     * @return the hypotenuse
     */
    @Override
    public ComplexNumber hypot(ComplexNumber w) {
        double h = Math.hypot(re, w.re);
        if (im == 0 && w.im == 0) {
            return real(h);
        }
        if (Math.abs(im) <= TAYLOR * h && Math.abs(w.im) <= TAYLOR * h) {
            return new ComplexNumber(h, (re * im + w.re * w.im) / h);
        }
        double s = Math.max(Math.max(Math.abs(re), Math.abs(im)), Math.max(Math.abs(w.re), Math.abs(w.im)));
        if (s == 0 || Double.isInfinite(s)) {
            return real(h);
        }
        ComplexNumber x = divide(s);
        ComplexNumber y = w.divide(s);
        ComplexNumber r = x.multiply(x).add(y.multiply(y)).sqrt().multiply(s);
        // the branch that continues Math.hypot (non-negative on the real axis)
        return r.re < 0 ? r.negate() : r;
    }

    // ------------------------------------------------------------------ linear combinations

    /** {@inheritDoc} Summed left to right, without extra precision. */
    @Override
    public ComplexNumber linearCombination(ComplexNumber[] a, ComplexNumber[] b) {
        checkLengths(a.length, b.length);
        ComplexNumber s = ZERO;
        for (int k = 0; k < a.length; k++) {
            s = k == 0 ? a[k].multiply(b[k]) : s.add(a[k].multiply(b[k]));
        }
        return s;
    }

    /** {@inheritDoc} Summed left to right, without extra precision. */
    @Override
    public ComplexNumber linearCombination(double[] a, ComplexNumber[] b) {
        checkLengths(a.length, b.length);
        ComplexNumber s = ZERO;
        for (int k = 0; k < a.length; k++) {
            s = k == 0 ? b[k].multiply(a[k]) : s.add(b[k].multiply(a[k]));
        }
        return s;
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber linearCombination(ComplexNumber a1, ComplexNumber b1, ComplexNumber a2, ComplexNumber b2) {
        return a1.multiply(b1).add(a2.multiply(b2));
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber linearCombination(double a1, ComplexNumber b1, double a2, ComplexNumber b2) {
        return b1.multiply(a1).add(b2.multiply(a2));
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber linearCombination(ComplexNumber a1, ComplexNumber b1, ComplexNumber a2, ComplexNumber b2,
                                           ComplexNumber a3, ComplexNumber b3) {
        return a1.multiply(b1).add(a2.multiply(b2)).add(a3.multiply(b3));
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber linearCombination(double a1, ComplexNumber b1, double a2, ComplexNumber b2,
                                           double a3, ComplexNumber b3) {
        return b1.multiply(a1).add(b2.multiply(a2)).add(b3.multiply(a3));
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber linearCombination(ComplexNumber a1, ComplexNumber b1, ComplexNumber a2, ComplexNumber b2,
                                           ComplexNumber a3, ComplexNumber b3, ComplexNumber a4, ComplexNumber b4) {
        return a1.multiply(b1).add(a2.multiply(b2)).add(a3.multiply(b3)).add(a4.multiply(b4));
    }

    /** {@inheritDoc} */
    @Override
    public ComplexNumber linearCombination(double a1, ComplexNumber b1, double a2, ComplexNumber b2,
                                           double a3, ComplexNumber b3, double a4, ComplexNumber b4) {
        return b1.multiply(a1).add(b2.multiply(a2)).add(b3.multiply(a3)).add(b4.multiply(a4));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * An inverse function: first order {@code f(a) + i b f'(a)} when {@code |b|} is below
     * {@code 2^-60} times the distance to the nearest singularity (or exactly 0), NaN there if
     * the real function is undefined at {@code a}, otherwise the principal complex value.
     */
    private ComplexNumber inverse(Elementary e, double distance, boolean outside,
                                  java.util.function.Supplier<ComplexNumber> general) {
        double value = e.f(re);
        if (im == 0) {
            return real(value);
        }
        if (Math.abs(im) <= TAYLOR * distance) {
            return outside ? nan() : new ComplexNumber(value, im * e.df(re, value)); // the rule table's derivative
        }
        return general.get();
    }

    /** {@code (x + y) / 2} without overflow. */
    private static double half(double x, double y) {
        double s = x + y;
        return Double.isInfinite(s) ? x / 2 + y / 2 : s / 2;
    }

    /** Whether {@code b} is a step: negligible beside {@code a} to second order. */
    private static boolean tiny(double b, double a) {
        return Math.abs(b) <= TAYLOR * Math.abs(a);
    }

    private Complex toComplex() {
        return new Complex(re, im);
    }

    private static ComplexNumber fromComplex(Complex z) {
        return new ComplexNumber(z.getReal(), z.getImaginary());
    }

    private static ComplexNumber nan() {
        return new ComplexNumber(Double.NaN, Double.NaN);
    }

    private static boolean signBit(double x) {
        return Double.doubleToRawLongBits(x) < 0;
    }

    private static void checkLengths(int a, int b) {
        if (a != b) {
            throw new DimensionMismatchException(a, b);
        }
    }

    /**
     * Equal when both parts are equal bit for bit (so NaN equals NaN and {@code 0.0} differs from
     * {@code -0.0}).
     *
     * @param o the other object
     * @return whether {@code o} is the same complex number
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ComplexNumber
                && Double.doubleToLongBits(re) == Double.doubleToLongBits(((ComplexNumber) o).re)
                && Double.doubleToLongBits(im) == Double.doubleToLongBits(((ComplexNumber) o).im);
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * Double.hashCode(re) + Double.hashCode(im);
    }

    /**
     * The number as {@code re + im i}, for example {@code 1.5 + 1.0E-200i}.
     *
     * @return the text form
     */
    @Override
    public String toString() {
        return re + (signBit(im) ? " - " : " + ") + Math.abs(im) + "i";
    }

    /** The field of {@link ComplexNumber}s. */
    private static final class ComplexField implements Field<ComplexNumber> {
        @Override
        public ComplexNumber getZero() {
            return ZERO;
        }

        @Override
        public ComplexNumber getOne() {
            return ONE;
        }

        @Override
        public Class<? extends FieldElement<ComplexNumber>> getRuntimeClass() {
            return ComplexNumber.class;
        }
    }
}
