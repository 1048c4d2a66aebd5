package org.dualtape.dual;

import org.apache.commons.math3.RealFieldElement;

/** Test functions written once, generically, as users write them. */
final class Functions {

    private Functions() {
    }

    /** Rosenbrock: Σ 100 (x_{i+1} - x_i²)² + (1 - x_i)². */
    static <T extends RealFieldElement<T>> T rosenbrock(T[] x) {
        T sum = x[0].getField().getZero();
        for (int i = 0; i + 1 < x.length; i++) {
            T a = x[i + 1].subtract(x[i].multiply(x[i]));
            T b = x[i].negate().add(1);
            sum = sum.add(a.multiply(a).multiply(100)).add(b.multiply(b));
        }
        return sum;
    }

    /** Rosenbrock as plain double code, in the same order. */
    static double rosenbrock(double[] x) {
        double sum = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = -x[i] + 1;
            sum = sum + a * a * 100 + b * b;
        }
        return sum;
    }

    /** The lecture notes' L = (a + 3b)c². */
    static <T extends RealFieldElement<T>> T lectureL(T[] x) {
        return x[0].add(x[1].multiply(3)).multiply(x[2].multiply(x[2]));
    }

    /** The lecture notes' f(x) = exp(exp(x) + exp(x)²) + sin(exp(x) + exp(x)²). */
    static <T extends RealFieldElement<T>> T lectureF(T x) {
        T e = x.exp();
        T u = e.add(e.multiply(e));
        return u.exp().add(u.sin());
    }

    /** A mixed function of any number of inputs, touching most kinds of operation. */
    static <T extends RealFieldElement<T>> T mixed(T[] x) {
        T sum = rosenbrock(x);
        for (int i = 0; i < x.length; i++) {
            T xi = x[i];
            sum = sum.add(xi.sin().multiply(x[(i + 1) % x.length]))
                    .add(xi.multiply(xi).add(1).log())
                    .add(xi.divide(x[(i + 2) % x.length].abs().add(1)))
                    .add(xi.hypot(x[(i + 3) % x.length]).sqrt())
                    .add(xi.abs().add(0.5).pow(x[(i + 4) % x.length].multiply(0.3)));
        }
        return sum;
    }

    /** R^5 → R^3, for Jacobians. */
    static <T extends RealFieldElement<T>> T[] vector(T[] x) {
        T[] y = org.apache.commons.math3.util.MathArrays.buildArray(x[0].getField(), 3);
        y[0] = x[0].multiply(x[1]).add(x[2].sin());
        y[1] = x[3].exp().divide(x[4].multiply(x[4]).add(1)).subtract(x[0]);
        y[2] = x[1].atan2(x[2]).multiply(x[3]).add(x[4].tanh()).add(x[0].cbrt());
        return y;
    }
}
