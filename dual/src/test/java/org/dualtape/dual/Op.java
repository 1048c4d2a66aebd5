package org.dualtape.dual;

import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * Every method of {@code RealFieldElement} that returns a number, written once generically (run
 * on Dual, MultiDual and Commons Math's DerivativeStructure) and once as the plain {@code double}
 * code whose value the dual types must reproduce bitwise.
 *
 * <p>Each operation takes two numbers a, b (unary ones ignore b), a double c in [-3, 3] and an
 * int n in [-4, 4]; it maps c and n to its own parameter range. {@link #a} and {@link #b} are
 * the random-point domains, chosen inside the domain and away from kinks.
 */
enum Op {
    //                          a                b
    NEGATE          (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.negate(); }                 double plain(double a, double b, double c, int n) { return -a; } },
    RECIPROCAL      (Domain.NONZERO, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.reciprocal(); }     double plain(double a, double b, double c, int n) { return 1 / a; } },
    ABS             (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.abs(); }                    double plain(double a, double b, double c, int n) { return Math.abs(a); } },
    CEIL            (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.ceil(); }                   double plain(double a, double b, double c, int n) { return Math.ceil(a); } },
    FLOOR           (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.floor(); }                  double plain(double a, double b, double c, int n) { return Math.floor(a); } },
    RINT            (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.rint(); }                   double plain(double a, double b, double c, int n) { return Math.rint(a); } },
    SIGNUM          (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.signum(); }                 double plain(double a, double b, double c, int n) { return Math.signum(a); } },
    SQRT            (Domain.POSITIVE, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.sqrt(); }         double plain(double a, double b, double c, int n) { return Math.sqrt(a); } },
    CBRT            (Domain.NONZERO, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.cbrt(); }          double plain(double a, double b, double c, int n) { return Math.cbrt(a); } },
    EXP             (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.exp(); }                    double plain(double a, double b, double c, int n) { return Math.exp(a); } },
    EXPM1           (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.expm1(); }                  double plain(double a, double b, double c, int n) { return Math.expm1(a); } },
    LOG             (Domain.POSITIVE, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.log(); }          double plain(double a, double b, double c, int n) { return Math.log(a); } },
    LOG1P           (Domain.POSITIVE, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.log1p(); }        double plain(double a, double b, double c, int n) { return Math.log1p(a); } },
    COS             (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.cos(); }                    double plain(double a, double b, double c, int n) { return Math.cos(a); } },
    SIN             (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.sin(); }                    double plain(double a, double b, double c, int n) { return Math.sin(a); } },
    TAN             (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.tan(); }                    double plain(double a, double b, double c, int n) { return Math.tan(a); } },
    ACOS            (Domain.UNIT, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.acos(); }                 double plain(double a, double b, double c, int n) { return Math.acos(a); } },
    ASIN            (Domain.UNIT, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.asin(); }                 double plain(double a, double b, double c, int n) { return Math.asin(a); } },
    ATAN            (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.atan(); }                   double plain(double a, double b, double c, int n) { return Math.atan(a); } },
    COSH            (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.cosh(); }                   double plain(double a, double b, double c, int n) { return Math.cosh(a); } },
    SINH            (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.sinh(); }                   double plain(double a, double b, double c, int n) { return Math.sinh(a); } },
    TANH            (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.tanh(); }                   double plain(double a, double b, double c, int n) { return Math.tanh(a); } },
    ACOSH           (Domain.ABOVE_ONE, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.acosh(); }      double plain(double a, double b, double c, int n) { return org.apache.commons.math3.util.FastMath.acosh(a); } },
    ASINH           (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.asinh(); }                  double plain(double a, double b, double c, int n) { return org.apache.commons.math3.util.FastMath.asinh(a); } },
    ATANH           (Domain.UNIT, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.atanh(); }                double plain(double a, double b, double c, int n) { return org.apache.commons.math3.util.FastMath.atanh(a); } },
    ADD             (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.add(b); }                   double plain(double a, double b, double c, int n) { return a + b; } },
    SUBTRACT        (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.subtract(b); }              double plain(double a, double b, double c, int n) { return a - b; } },
    MULTIPLY        (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.multiply(b); }              double plain(double a, double b, double c, int n) { return a * b; } },
    DIVIDE          (Domain.ANY, Domain.NONZERO) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.divide(b); }        double plain(double a, double b, double c, int n) { return a / b; } },
    REMAINDER       (Domain.ANY, Domain.DIVISOR) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.remainder(b); }     double plain(double a, double b, double c, int n) { return Math.IEEEremainder(a, b); } },
    HYPOT           (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.hypot(b); }                 double plain(double a, double b, double c, int n) { return Math.hypot(a, b); } },
    ATAN2           (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.atan2(b); }                 double plain(double a, double b, double c, int n) { return Math.atan2(a, b); } },
    POW             (Domain.POSITIVE, Domain.EXPONENT) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.pow(b); }   double plain(double a, double b, double c, int n) { return Math.pow(a, b); } },
    COPY_SIGN       (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.copySign(b); }              double plain(double a, double b, double c, int n) { return Math.copySign(a, b); } },
    ADD_DOUBLE      (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.add(c); }                   double plain(double a, double b, double c, int n) { return a + c; } },
    SUBTRACT_DOUBLE (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.subtract(c); }              double plain(double a, double b, double c, int n) { return a - c; } },
    MULTIPLY_DOUBLE (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.multiply(c); }              double plain(double a, double b, double c, int n) { return a * c; } },
    MULTIPLY_INT    (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.multiply(n); }              double plain(double a, double b, double c, int n) { return a * n; } },
    DIVIDE_DOUBLE   (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.divide(c + 4); }            double plain(double a, double b, double c, int n) { return a / (c + 4); } },
    REMAINDER_DOUBLE(Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.remainder(c + 4); }         double plain(double a, double b, double c, int n) { return Math.IEEEremainder(a, c + 4); } },
    COPY_SIGN_DOUBLE(Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.copySign(c); }              double plain(double a, double b, double c, int n) { return Math.copySign(a, c); } },
    SCALB           (Domain.ANY, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.scalb(3 * n); }             double plain(double a, double b, double c, int n) { return Math.scalb(a, 3 * n); } },
    POW_DOUBLE      (Domain.POSITIVE, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.pow(c); }         double plain(double a, double b, double c, int n) { return Math.pow(a, c); } },
    POW_INT         (Domain.NONZERO, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.pow(n); }          double plain(double a, double b, double c, int n) { return Math.pow(a, n); } },
    ROOT_N          (Domain.POSITIVE, Domain.ANY) { <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.rootN(2 + Math.abs(n)); }
                                                                                                                                               double plain(double a, double b, double c, int n) { int m = 2 + Math.abs(n); return m == 2 ? Math.sqrt(a) : m == 3 ? Math.cbrt(a) : Math.pow(a, 1.0 / m); } },
    LINEAR_COMBINATION_ARRAYS(Domain.ANY, Domain.ANY) {
        <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.linearCombination(array(a, b.sin(), b), array(b, a, a.exp())); }
        double plain(double a, double b, double c, int n) { return MathArrays.linearCombination(new double[] {a, Math.sin(b), b}, new double[] {b, a, Math.exp(a)}); } },
    LINEAR_COMBINATION_DOUBLE_ARRAYS(Domain.ANY, Domain.ANY) {
        <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.linearCombination(new double[] {c, -2, 0.5}, array(a, b, b.cos())); }
        double plain(double a, double b, double c, int n) { return MathArrays.linearCombination(new double[] {c, -2, 0.5}, new double[] {a, b, Math.cos(b)}); } },
    LINEAR_COMBINATION_2(Domain.ANY, Domain.ANY) {
        <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.linearCombination(a, b, b.sin(), a); }
        double plain(double a, double b, double c, int n) { return MathArrays.linearCombination(a, b, Math.sin(b), a); } },
    LINEAR_COMBINATION_2_DOUBLE(Domain.ANY, Domain.ANY) {
        <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.linearCombination(c, a, 3, b); }
        double plain(double a, double b, double c, int n) { return MathArrays.linearCombination(c, a, 3, b); } },
    LINEAR_COMBINATION_3(Domain.ANY, Domain.ANY) {
        <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.linearCombination(a, b, b, b, a.cos(), a); }
        double plain(double a, double b, double c, int n) { return MathArrays.linearCombination(a, b, b, b, Math.cos(a), a); } },
    LINEAR_COMBINATION_3_DOUBLE(Domain.ANY, Domain.ANY) {
        <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.linearCombination(c, a, -1, b, 0.25, a.sin()); }
        double plain(double a, double b, double c, int n) { return MathArrays.linearCombination(c, a, -1, b, 0.25, Math.sin(a)); } },
    LINEAR_COMBINATION_4(Domain.ANY, Domain.ANY) {
        <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.linearCombination(a, b, b, b, a.cos(), a, b.exp(), b); }
        double plain(double a, double b, double c, int n) { return MathArrays.linearCombination(a, b, b, b, Math.cos(a), a, Math.exp(b), b); } },
    LINEAR_COMBINATION_4_DOUBLE(Domain.ANY, Domain.ANY) {
        <T extends RealFieldElement<T>> T on(T a, T b, double c, int n) { return a.linearCombination(c, a, -1, b, 0.25, a.sin(), 7, a); }
        double plain(double a, double b, double c, int n) { return MathArrays.linearCombination(c, a, -1, b, 0.25, Math.sin(a), 7, a); } };

    /** Where random points for a operand are drawn. */
    final Domain a;
    /** Where random points for the b operand are drawn. */
    final Domain b;

    Op(Domain a, Domain b) {
        this.a = a;
        this.b = b;
    }

    /** The operation, generically. */
    abstract <T extends RealFieldElement<T>> T on(T a, T b, double c, int n);

    /** The same computation as plain double code. */
    abstract double plain(double a, double b, double c, int n);

    static <T extends RealFieldElement<T>> T[] array(T x, T y, T z) {
        T[] r = MathArrays.buildArray(x.getField(), 3);
        r[0] = x;
        r[1] = y;
        r[2] = z;
        return r;
    }

    /** Random-point domains: inside each function's domain, away from its singularities. */
    enum Domain {
        ANY(-3, 3, false),
        NONZERO(-3, 3, true),
        POSITIVE(0.05, 5, false),
        UNIT(-0.95, 0.95, false),
        ABOVE_ONE(1.05, 6, false),
        DIVISOR(0.5, 3, false),
        EXPONENT(-2.5, 2.5, false);

        private final double low;
        private final double high;
        private final boolean awayFromZero;

        Domain(double low, double high, boolean awayFromZero) {
            this.low = low;
            this.high = high;
            this.awayFromZero = awayFromZero;
        }

        double draw(java.util.Random random) {
            double x = low + (high - low) * random.nextDouble();
            return awayFromZero && Math.abs(x) < 0.1 ? Math.copySign(0.1 + Math.abs(x), x) : x;
        }
    }
}
