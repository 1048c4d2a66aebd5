package org.dualtape.check;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;
import org.dualtape.dual.Dual;

/**
 * A {@link Dual} that also carries a running bound on the rounding error of its value and of its
 * tangent: the exact reference's own accuracy, measured from the magnitudes it cancels.
 *
 * <h2>Why</h2>
 * Forward-mode AD is exact up to rounding, but rounding can be large: the tangent of
 * {@code exp(x) - 1 - x} at 1e-4 is {@code exp(x)·1 - 1}, a cancellation that leaves about 4e-13
 * of relative error. A spread of the AD result over points a few ulps away misses it (the same
 * operations round the same way there); the magnitudes do not.
 *
 * <h2>The bound</h2>
 * Value and tangent are what {@code Dual} computes. For an operation with partials {@code p_i} at
 * argument values {@code v_i} with error bounds {@code e_i} (values) and {@code E_i} (tangents
 * {@code t_i}), the result's bounds are (first order, in units of ε = 2⁻⁵²)
 * <pre>
 *   e = Σ |p_i| e_i + u ε |value|
 *   E = Σ |p_i| E_i + Σ Δp_i |t_i| + 4 ε Σ |p_i t_i| + ε |tangent|
 * </pre>
 * where {@code Δp_i} is how far the partials move when the arguments move by their value errors
 * (evaluated, not estimated), and {@code u} is 1 for arithmetic and 2 for library functions
 * ({@code java.lang.Math} is within 1 ulp). A zero tangent stays exactly zero with bound zero.
 * Linear combinations are folded from products and sums.
 *
 * <p>Instances are immutable.
 */
final class BoundedDual implements RealFieldElement<BoundedDual> {
    static final double EPS = 0x1p-52;
    /** Rounding of a library function's value, in units of ε. */
    private static final double LIBRARY = 2;

    static final Field<BoundedDual> FIELD = new Field<>() {
        @Override
        public BoundedDual getZero() {
            return constant(0);
        }

        @Override
        public BoundedDual getOne() {
            return constant(1);
        }

        @Override
        public Class<BoundedDual> getRuntimeClass() {
            return BoundedDual.class;
        }
    };

    private final Dual d;
    private final double ev;
    private final double et;

    private BoundedDual(Dual d, double ev, double et) {
        this.d = d;
        this.ev = ev;
        this.et = et;
    }

    /** An input with the given seed: exact value and tangent. */
    static BoundedDual variable(double x, double seed) {
        return new BoundedDual(Dual.of(x, seed), 0, 0);
    }

    static BoundedDual constant(double x) {
        return new BoundedDual(Dual.constant(x), 0, 0);
    }

    /** Inputs {@code x + t seed} for a generic function, not modified. */
    static BoundedDual[] seeded(double[] x, double[] seed) {
        BoundedDual[] in = MathArrays.buildArray(FIELD, x.length);
        for (int i = 0; i < x.length; i++) {
            in[i] = variable(x[i], seed[i]);
        }
        return in;
    }

    double value() {
        return d.value();
    }

    double tangent() {
        return d.tangent();
    }

    /** The bound on the tangent's rounding error (absolute). */
    double tangentBound() {
        return et;
    }

    /** {@code a·b}, with {@code 0·anything = 0} so that exact zeros stay exact. */
    private static double mul(double a, double b) {
        return a == 0 || b == 0 ? 0 : a * b;
    }

    private BoundedDual unary(UnaryOperator<Dual> g, double rounding) {
        Dual r = g.apply(d);
        double v = d.value();
        double p = g.apply(Dual.of(v, 1)).tangent();
        double dp = 0;
        if (ev > 0 && d.tangent() != 0) {
            dp = Math.max(Math.abs(g.apply(Dual.of(v + ev, 1)).tangent() - p), Math.abs(g.apply(Dual.of(v - ev, 1)).tangent() - p));
        }
        double t = Math.abs(d.tangent());
        double ap = Math.abs(p);
        return new BoundedDual(r, mul(ap, ev) + rounding * EPS * Math.abs(r.value()),
                mul(ap, et) + mul(dp, t) + 4 * EPS * mul(ap, t) + EPS * Math.abs(r.tangent()));
    }

    private BoundedDual binary(BoundedDual o, BinaryOperator<Dual> g, double rounding) {
        Dual r = g.apply(d, o.d);
        double va = d.value();
        double vb = o.d.value();
        double pa = g.apply(Dual.of(va, 1), Dual.constant(vb)).tangent();
        double pb = g.apply(Dual.constant(va), Dual.of(vb, 1)).tangent();
        double dpa = 0;
        double dpb = 0;
        if (ev > 0 || o.ev > 0) {
            for (int s = 0; s < 4; s++) {
                double a = va + (s % 2 == 0 ? ev : -ev);
                double b = vb + (s < 2 ? o.ev : -o.ev);
                dpa = Math.max(dpa, Math.abs(g.apply(Dual.of(a, 1), Dual.constant(b)).tangent() - pa));
                dpb = Math.max(dpb, Math.abs(g.apply(Dual.constant(a), Dual.of(b, 1)).tangent() - pb));
            }
        }
        double ta = Math.abs(d.tangent());
        double tb = Math.abs(o.d.tangent());
        double apa = Math.abs(pa);
        double apb = Math.abs(pb);
        return new BoundedDual(r, mul(apa, ev) + mul(apb, o.ev) + rounding * EPS * Math.abs(r.value()),
                mul(apa, et) + mul(apb, o.et) + mul(dpa, ta) + mul(dpb, tb) + 4 * EPS * (mul(apa, ta) + mul(apb, tb))
                        + EPS * Math.abs(r.tangent()));
    }

    /** Exact scaling by a power of 2 (or a sign): bounds scale with it. */
    private BoundedDual exact(Dual r, double factor) {
        return new BoundedDual(r, Math.abs(factor) * ev, Math.abs(factor) * et);
    }

    @Override
    public double getReal() {
        return d.value();
    }

    @Override
    public Field<BoundedDual> getField() {
        return FIELD;
    }

    @Override
    public BoundedDual add(BoundedDual o) {
        Dual r = d.add(o.d);
        return new BoundedDual(r, ev + o.ev + EPS * Math.abs(r.value()), et + o.et + EPS * Math.abs(r.tangent()));
    }

    @Override
    public BoundedDual add(double a) {
        Dual r = d.add(a);
        return new BoundedDual(r, ev + EPS * Math.abs(r.value()), et);
    }

    @Override
    public BoundedDual subtract(BoundedDual o) {
        return add(o.negate());
    }

    @Override
    public BoundedDual subtract(double a) {
        return add(-a);
    }

    @Override
    public BoundedDual negate() {
        return exact(d.negate(), 1);
    }

    @Override
    public BoundedDual multiply(BoundedDual o) {
        Dual r = d.multiply(o.d);
        double va = Math.abs(d.value());
        double vb = Math.abs(o.d.value());
        double ta = Math.abs(d.tangent());
        double tb = Math.abs(o.d.tangent());
        return new BoundedDual(r, mul(ev, vb) + mul(va, o.ev) + EPS * Math.abs(r.value()),
                mul(et, vb) + mul(va, o.et) + mul(ta, o.ev) + mul(ev, tb) + 2 * EPS * (mul(ta, vb) + mul(va, tb))
                        + EPS * Math.abs(r.tangent()));
    }

    @Override
    public BoundedDual multiply(double a) {
        Dual r = d.multiply(a);
        return new BoundedDual(r, mul(Math.abs(a), ev) + EPS * Math.abs(r.value()),
                mul(Math.abs(a), et) + EPS * Math.abs(r.tangent()));
    }

    @Override
    public BoundedDual multiply(int n) {
        return multiply((double) n);
    }

    @Override
    public BoundedDual divide(BoundedDual o) {
        return binary(o, Dual::divide, 1);
    }

    @Override
    public BoundedDual divide(double a) {
        Dual r = d.divide(a);
        return new BoundedDual(r, ev / Math.abs(a) + EPS * Math.abs(r.value()), et / Math.abs(a) + EPS * Math.abs(r.tangent()));
    }

    @Override
    public BoundedDual reciprocal() {
        return unary(Dual::reciprocal, 1);
    }

    @Override
    public BoundedDual remainder(double a) {
        return unary(x -> x.remainder(a), 1);
    }

    @Override
    public BoundedDual remainder(BoundedDual o) {
        return binary(o, Dual::remainder, 1);
    }

    @Override
    public BoundedDual abs() {
        return unary(Dual::abs, 0);
    }

    @Override
    public BoundedDual ceil() {
        return unary(Dual::ceil, 0);
    }

    @Override
    public BoundedDual floor() {
        return unary(Dual::floor, 0);
    }

    @Override
    public BoundedDual rint() {
        return unary(Dual::rint, 0);
    }

    @Override
    public long round() {
        return d.round();
    }

    @Override
    public BoundedDual signum() {
        return unary(Dual::signum, 0);
    }

    @Override
    public BoundedDual copySign(BoundedDual sign) {
        return unary(x -> x.copySign(sign.d), 0);
    }

    @Override
    public BoundedDual copySign(double sign) {
        return unary(x -> x.copySign(sign), 0);
    }

    @Override
    public BoundedDual scalb(int n) {
        return exact(d.scalb(n), Math.scalb(1.0, n));
    }

    @Override
    public BoundedDual hypot(BoundedDual o) {
        return binary(o, Dual::hypot, LIBRARY);
    }

    @Override
    public BoundedDual sqrt() {
        return unary(Dual::sqrt, 1);
    }

    @Override
    public BoundedDual cbrt() {
        return unary(Dual::cbrt, LIBRARY);
    }

    @Override
    public BoundedDual rootN(int n) {
        return unary(x -> x.rootN(n), LIBRARY);
    }

    @Override
    public BoundedDual pow(double p) {
        return unary(x -> x.pow(p), LIBRARY);
    }

    @Override
    public BoundedDual pow(int n) {
        return unary(x -> x.pow(n), LIBRARY);
    }

    @Override
    public BoundedDual pow(BoundedDual e) {
        return binary(e, Dual::pow, LIBRARY);
    }

    @Override
    public BoundedDual exp() {
        return unary(Dual::exp, LIBRARY);
    }

    @Override
    public BoundedDual expm1() {
        return unary(Dual::expm1, LIBRARY);
    }

    @Override
    public BoundedDual log() {
        return unary(Dual::log, LIBRARY);
    }

    @Override
    public BoundedDual log1p() {
        return unary(Dual::log1p, LIBRARY);
    }

    @Override
    public BoundedDual cos() {
        return unary(Dual::cos, LIBRARY);
    }

    @Override
    public BoundedDual sin() {
        return unary(Dual::sin, LIBRARY);
    }

    @Override
    public BoundedDual tan() {
        return unary(Dual::tan, LIBRARY);
    }

    @Override
    public BoundedDual acos() {
        return unary(Dual::acos, LIBRARY);
    }

    @Override
    public BoundedDual asin() {
        return unary(Dual::asin, LIBRARY);
    }

    @Override
    public BoundedDual atan() {
        return unary(Dual::atan, LIBRARY);
    }

    @Override
    public BoundedDual atan2(BoundedDual x) {
        return binary(x, Dual::atan2, LIBRARY);
    }

    @Override
    public BoundedDual cosh() {
        return unary(Dual::cosh, LIBRARY);
    }

    @Override
    public BoundedDual sinh() {
        return unary(Dual::sinh, LIBRARY);
    }

    @Override
    public BoundedDual tanh() {
        return unary(Dual::tanh, LIBRARY);
    }

    @Override
    public BoundedDual acosh() {
        return unary(Dual::acosh, LIBRARY);
    }

    @Override
    public BoundedDual asinh() {
        return unary(Dual::asinh, LIBRARY);
    }

    @Override
    public BoundedDual atanh() {
        return unary(Dual::atanh, LIBRARY);
    }

    @Override
    public BoundedDual linearCombination(BoundedDual[] a, BoundedDual[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("linearCombination: " + a.length + " factors against " + b.length);
        }
        BoundedDual s = constant(0);
        for (int i = 0; i < a.length; i++) {
            s = s.add(a[i].multiply(b[i]));
        }
        return s;
    }

    @Override
    public BoundedDual linearCombination(double[] a, BoundedDual[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("linearCombination: " + a.length + " factors against " + b.length);
        }
        BoundedDual s = constant(0);
        for (int i = 0; i < a.length; i++) {
            s = s.add(b[i].multiply(a[i]));
        }
        return s;
    }

    @Override
    public BoundedDual linearCombination(BoundedDual a1, BoundedDual b1, BoundedDual a2, BoundedDual b2) {
        return a1.multiply(b1).add(a2.multiply(b2));
    }

    @Override
    public BoundedDual linearCombination(double a1, BoundedDual b1, double a2, BoundedDual b2) {
        return b1.multiply(a1).add(b2.multiply(a2));
    }

    @Override
    public BoundedDual linearCombination(BoundedDual a1, BoundedDual b1, BoundedDual a2, BoundedDual b2, BoundedDual a3,
            BoundedDual b3) {
        return linearCombination(a1, b1, a2, b2).add(a3.multiply(b3));
    }

    @Override
    public BoundedDual linearCombination(double a1, BoundedDual b1, double a2, BoundedDual b2, double a3, BoundedDual b3) {
        return linearCombination(a1, b1, a2, b2).add(b3.multiply(a3));
    }

    @Override
    public BoundedDual linearCombination(BoundedDual a1, BoundedDual b1, BoundedDual a2, BoundedDual b2, BoundedDual a3,
            BoundedDual b3, BoundedDual a4, BoundedDual b4) {
        return linearCombination(a1, b1, a2, b2, a3, b3).add(a4.multiply(b4));
    }

    @Override
    public BoundedDual linearCombination(double a1, BoundedDual b1, double a2, BoundedDual b2, double a3, BoundedDual b3,
            double a4, BoundedDual b4) {
        return linearCombination(a1, b1, a2, b2, a3, b3).add(b4.multiply(a4));
    }

    @Override
    public String toString() {
        return d + " (value error <= " + ev + ", tangent error <= " + et + ")";
    }
}
