package org.dualtape.tape;

import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * Every one-argument use of {@link RealFieldElement}'s methods, written once generically
 * ({@link #f}) and once as plain {@code double} code ({@link #d}), with an interval of points
 * away from kinks and domain edges.
 */
enum UnaryCase {
    NEGATE(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.negate(); }
        double d(double x) { return -x; }
    },
    RECIPROCAL(0.3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.reciprocal(); }
        double d(double x) { return 1 / x; }
    },
    ADD_CONSTANT(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.add(1.7); }
        double d(double x) { return x + 1.7; }
    },
    SUBTRACT_CONSTANT(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.subtract(1.7); }
        double d(double x) { return x - 1.7; }
    },
    MULTIPLY_CONSTANT(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.multiply(-2.3); }
        double d(double x) { return x * -2.3; }
    },
    MULTIPLY_INT(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.multiply(7); }
        double d(double x) { return x * 7; }
    },
    DIVIDE_CONSTANT(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.divide(0.7); }
        double d(double x) { return x / 0.7; }
    },
    REMAINDER_CONSTANT(0.1, 0.6) {
        <T extends RealFieldElement<T>> T f(T x) { return x.multiply(10).remainder(1.3); }
        double d(double x) { return Math.IEEEremainder(x * 10, 1.3); }
    },
    ABS(0.1, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.negate().abs(); }
        double d(double x) { return Math.abs(-x); }
    },
    CEIL(0.1, 0.9) {
        <T extends RealFieldElement<T>> T f(T x) { return x.multiply(x).ceil().add(x); }
        double d(double x) { return Math.ceil(x * x) + x; }
    },
    FLOOR(0.1, 0.9) {
        <T extends RealFieldElement<T>> T f(T x) { return x.floor().add(x); }
        double d(double x) { return Math.floor(x) + x; }
    },
    RINT(0.1, 0.4) {
        <T extends RealFieldElement<T>> T f(T x) { return x.rint().add(x); }
        double d(double x) { return Math.rint(x) + x; }
    },
    SIGNUM(0.1, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.negate().signum().multiply(x); }
        double d(double x) { return Math.signum(-x) * x; }
    },
    COPY_SIGN_CONSTANT(0.1, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.copySign(-2.0); }
        double d(double x) { return Math.copySign(x, -2.0); }
    },
    SCALB(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.scalb(-3); }
        double d(double x) { return Math.scalb(x, -3); }
    },
    SQRT(0.1, 5) {
        <T extends RealFieldElement<T>> T f(T x) { return x.sqrt(); }
        double d(double x) { return Math.sqrt(x); }
    },
    CBRT(0.1, 5) {
        <T extends RealFieldElement<T>> T f(T x) { return x.cbrt(); }
        double d(double x) { return Math.cbrt(x); }
    },
    ROOT_2(0.1, 5) {
        <T extends RealFieldElement<T>> T f(T x) { return x.rootN(2); }
        double d(double x) { return Math.sqrt(x); }
    },
    ROOT_3(-5, -0.1) {
        <T extends RealFieldElement<T>> T f(T x) { return x.rootN(3); }
        double d(double x) { return Math.cbrt(x); }
    },
    ROOT_5(0.1, 5) {
        <T extends RealFieldElement<T>> T f(T x) { return x.rootN(5); }
        double d(double x) { return Math.pow(x, 1.0 / 5); }
    },
    POW_DOUBLE(0.1, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.pow(2.5); }
        double d(double x) { return Math.pow(x, 2.5); }
    },
    POW_INT(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.pow(3); }
        double d(double x) { return Math.pow(x, 3); }
    },
    POW_NEGATIVE_INT(0.3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.pow(-2); }
        double d(double x) { return Math.pow(x, -2); }
    },
    POW_ZERO(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.pow(0).multiply(x); }
        double d(double x) { return Math.pow(x, 0) * x; }
    },
    EXP(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.exp(); }
        double d(double x) { return Math.exp(x); }
    },
    EXPM1(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.expm1(); }
        double d(double x) { return Math.expm1(x); }
    },
    LOG(0.1, 5) {
        <T extends RealFieldElement<T>> T f(T x) { return x.log(); }
        double d(double x) { return Math.log(x); }
    },
    LOG1P(-0.9, 5) {
        <T extends RealFieldElement<T>> T f(T x) { return x.log1p(); }
        double d(double x) { return Math.log1p(x); }
    },
    COS(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.cos(); }
        double d(double x) { return Math.cos(x); }
    },
    SIN(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.sin(); }
        double d(double x) { return Math.sin(x); }
    },
    TAN(-1.2, 1.2) {
        <T extends RealFieldElement<T>> T f(T x) { return x.tan(); }
        double d(double x) { return Math.tan(x); }
    },
    ACOS(-0.9, 0.9) {
        <T extends RealFieldElement<T>> T f(T x) { return x.acos(); }
        double d(double x) { return Math.acos(x); }
    },
    ASIN(-0.9, 0.9) {
        <T extends RealFieldElement<T>> T f(T x) { return x.asin(); }
        double d(double x) { return Math.asin(x); }
    },
    ATAN(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.atan(); }
        double d(double x) { return Math.atan(x); }
    },
    COSH(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.cosh(); }
        double d(double x) { return Math.cosh(x); }
    },
    SINH(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.sinh(); }
        double d(double x) { return Math.sinh(x); }
    },
    TANH(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.tanh(); }
        double d(double x) { return Math.tanh(x); }
    },
    ACOSH(1.1, 5) {
        <T extends RealFieldElement<T>> T f(T x) { return x.acosh(); }
        double d(double x) { return org.apache.commons.math3.util.FastMath.acosh(x); }
    },
    ASINH(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.asinh(); }
        double d(double x) { return org.apache.commons.math3.util.FastMath.asinh(x); }
    },
    ATANH(-0.9, 0.9) {
        <T extends RealFieldElement<T>> T f(T x) { return x.atanh(); }
        double d(double x) { return org.apache.commons.math3.util.FastMath.atanh(x); }
    },
    HYPOT_SELF(0.2, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.hypot(x.multiply(0.5)); }
        double d(double x) { return Math.hypot(x, x * 0.5); }
    },
    LINEAR_COMBINATION_2(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) { return x.linearCombination(1.5, x, -0.5, x.multiply(x)); }
        double d(double x) { return MathArrays.linearCombination(1.5, x, -0.5, x * x); }
    },
    LINEAR_COMBINATION_ARRAY(-3, 3) {
        <T extends RealFieldElement<T>> T f(T x) {
            T[] b = org.apache.commons.math3.util.MathArrays.buildArray(x.getField(), 3);
            b[0] = x;
            b[1] = x.sin();
            b[2] = x.multiply(x);
            return x.linearCombination(new double[] {0.25, -3, 2}, b);
        }
        double d(double x) { return MathArrays.linearCombination(new double[] {0.25, -3, 2}, new double[] {x, Math.sin(x), x * x}); }
    };

    final double low;
    final double high;

    UnaryCase(double low, double high) {
        this.low = low;
        this.high = high;
    }

    abstract <T extends RealFieldElement<T>> T f(T x);

    abstract double d(double x);
}
