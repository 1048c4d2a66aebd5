package org.dualtape.tape;

import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * Every two-argument use of {@link RealFieldElement}'s methods, written once generically
 * ({@link #f}) and once as plain {@code double} code ({@link #d}), with intervals for each
 * argument away from kinks and domain edges.
 */
enum BinaryCase {
    ADD(-3, 3, -3, 3) {
        <T extends RealFieldElement<T>> T f(T x, T y) { return x.add(y); }
        double d(double x, double y) { return x + y; }
    },
    SUBTRACT(-3, 3, -3, 3) {
        <T extends RealFieldElement<T>> T f(T x, T y) { return x.subtract(y); }
        double d(double x, double y) { return x - y; }
    },
    MULTIPLY(-3, 3, -3, 3) {
        <T extends RealFieldElement<T>> T f(T x, T y) { return x.multiply(y); }
        double d(double x, double y) { return x * y; }
    },
    DIVIDE(-3, 3, 0.5, 3) {
        <T extends RealFieldElement<T>> T f(T x, T y) { return x.divide(y); }
        double d(double x, double y) { return x / y; }
    },
    POW(0.2, 3, -2, 2) {
        <T extends RealFieldElement<T>> T f(T x, T y) { return x.pow(y); }
        double d(double x, double y) { return Math.pow(x, y); }
    },
    ATAN2(-3, 3, -3, 3) {
        <T extends RealFieldElement<T>> T f(T x, T y) { return x.atan2(y); }
        double d(double x, double y) { return Math.atan2(x, y); }
    },
    HYPOT(-3, 3, -3, 3) {
        <T extends RealFieldElement<T>> T f(T x, T y) { return x.hypot(y); }
        double d(double x, double y) { return Math.hypot(x, y); }
    },
    REMAINDER(2, 9, 0.6, 1.7) {
        <T extends RealFieldElement<T>> T f(T x, T y) { return x.remainder(y); }
        double d(double x, double y) { return Math.IEEEremainder(x, y); }
    },
    COPY_SIGN(-3, 3, 0.5, 3) {
        <T extends RealFieldElement<T>> T f(T x, T y) { return x.copySign(y.negate()); }
        double d(double x, double y) { return Math.copySign(x, -y); }
    },
    LINEAR_COMBINATION_2(-3, 3, -3, 3) {
        <T extends RealFieldElement<T>> T f(T x, T y) { return x.linearCombination(x, y, y, y); }
        double d(double x, double y) { return MathArrays.linearCombination(x, y, y, y); }
    },
    LINEAR_COMBINATION_3(-3, 3, -3, 3) {
        <T extends RealFieldElement<T>> T f(T x, T y) { return x.linearCombination(x, y, y, y, x, x); }
        double d(double x, double y) { return MathArrays.linearCombination(x, y, y, y, x, x); }
    },
    LINEAR_COMBINATION_4(-3, 3, -3, 3) {
        <T extends RealFieldElement<T>> T f(T x, T y) { return y.linearCombination(x, y, y, y, x, x, y, x); }
        double d(double x, double y) { return MathArrays.linearCombination(x, y, y, y, x, x, y, x); }
    },
    LINEAR_COMBINATION_CONSTANT_3(-3, 3, -3, 3) {
        <T extends RealFieldElement<T>> T f(T x, T y) { return x.linearCombination(0.5, x, -1.25, y, 3, y); }
        double d(double x, double y) { return MathArrays.linearCombination(0.5, x, -1.25, y, 3, y); }
    },
    LINEAR_COMBINATION_CONSTANT_4(-3, 3, -3, 3) {
        <T extends RealFieldElement<T>> T f(T x, T y) { return x.linearCombination(0.5, x, -1.25, y, 3, y, 0.1, x); }
        double d(double x, double y) { return MathArrays.linearCombination(0.5, x, -1.25, y, 3, y, 0.1, x); }
    },
    LINEAR_COMBINATION_ARRAYS(-3, 3, -3, 3) {
        <T extends RealFieldElement<T>> T f(T x, T y) {
            T[] a = MathArrays.buildArray(x.getField(), 3);
            T[] b = MathArrays.buildArray(x.getField(), 3);
            a[0] = x;
            a[1] = y;
            a[2] = x;
            b[0] = y;
            b[1] = y;
            b[2] = x.multiply(y);
            return x.linearCombination(a, b);
        }
        double d(double x, double y) {
            return MathArrays.linearCombination(new double[] {x, y, x}, new double[] {y, y, x * y});
        }
    };

    final double lowX;
    final double highX;
    final double lowY;
    final double highY;

    BinaryCase(double lowX, double highX, double lowY, double highY) {
        this.lowX = lowX;
        this.highX = highX;
        this.lowY = lowY;
        this.highY = highY;
    }

    abstract <T extends RealFieldElement<T>> T f(T x, T y);

    abstract double d(double x, double y);
}
