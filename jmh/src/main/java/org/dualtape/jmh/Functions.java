package org.dualtape.jmh;

import org.apache.commons.math3.RealFieldElement;
import org.dualtape.tape.Var;
import org.dualtape.tape.VarMatrix;

/**
 * The benchmarked functions, each written twice: once generically, so that every number type
 * (Dual, MultiDual, Var, DerivativeStructure, SparseGradient) runs the same source, and once as
 * plain {@code double} code as a competent engineer would write it, the baseline of every ratio.
 *
 * <p>Both versions perform the same operations in the same order, so their values are bitwise
 * equal (a test checks it).
 */
public final class Functions {
    /** The forcing constant of the Lorenz-96 system (the chaotic regime usually studied). */
    static final double LORENZ_FORCING = 8.0;

    private Functions() {
    }

    /**
     * A point drawn uniformly from [-bound, bound]ⁿ with a constant seed, so that every run and
     * every benchmark of the same size sees the same point.
     *
     * @param n the dimension
     * @param bound the half-width of the box, above 0
     * @return a new point
     */
    public static double[] randomPoint(int n, double bound) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261122L);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(-bound, bound);
        }
        return x;
    }

    /**
     * The lecture notes' chain exp(exp(x) + exp(x)²) + sin(exp(x) + exp(x)²), plain code.
     *
     * @param x the argument
     * @return the value
     */
    public static double chain(double x) {
        double e = Math.exp(x);
        double s = e + e * e;
        return Math.exp(s) + Math.sin(s);
    }

    /**
     * The lecture notes' chain, generic.
     *
     * @param x the argument
     * @param <T> the number type
     * @return the value
     */
    public static <T extends RealFieldElement<T>> T chain(T x) {
        T e = x.exp();
        T s = e.add(e.multiply(e));
        return s.exp().add(s.sin());
    }

    /**
     * The extended Rosenbrock function Σ 100 (x[i+1] − x[i]²)² + (1 − x[i])², plain code.
     *
     * @param x the point, length at least 2, not modified
     * @return the value
     */
    public static double rosenbrock(double[] x) {
        double sum = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * (a * a) + b * b;
        }
        return sum;
    }

    /**
     * The extended Rosenbrock function, generic.
     *
     * @param x the point, length at least 2, not modified
     * @param <T> the number type
     * @return the value
     */
    public static <T extends RealFieldElement<T>> T rosenbrock(T[] x) {
        T sum = x[0].getField().getZero();
        for (int i = 0; i + 1 < x.length; i++) {
            T a = x[i + 1].subtract(x[i].multiply(x[i]));
            T b = x[i].negate().add(1);
            sum = sum.add(a.multiply(a).multiply(100).add(b.multiply(b)));
        }
        return sum;
    }

    /**
     * The extended Rosenbrock function written on vector nodes: the same operations on each
     * element in the same order as {@link #rosenbrock(double[])}, on two overlapping views of the
     * point, so the tape holds nine entries whatever n is and the value is bitwise the plain one.
     *
     * @param x the point as one {@code 1 × n} matrix, n at least 2
     * @return the value
     */
    public static Var rosenbrock(VarMatrix x) {
        int n = x.cols();
        VarMatrix head = x.view(0, 1, n - 1); // x[i]
        VarMatrix a = x.view(1, 1, n - 1).subtract(head.square()); // x[i + 1] - x[i] * x[i]
        VarMatrix b = head.negate().add(1); // -x[i] + 1, the same number as 1 - x[i]
        return a.square().multiply(100).add(b.square()).sum();
    }

    /**
     * Spherical to Cartesian coordinates (r, θ, φ) → (r sin θ cos φ, r sin θ sin φ, r cos θ),
     * plain code: a standard R³ → R³ Jacobian (its determinant is r² sin θ).
     *
     * @param x (r, θ, φ), not modified
     * @param y receives (x, y, z), modified
     */
    public static void spherical(double[] x, double[] y) {
        double r = x[0];
        double sinTheta = Math.sin(x[1]);
        y[0] = r * sinTheta * Math.cos(x[2]);
        y[1] = r * sinTheta * Math.sin(x[2]);
        y[2] = r * Math.cos(x[1]);
    }

    /**
     * Spherical to Cartesian coordinates, generic.
     *
     * @param x (r, θ, φ), not modified
     * @param <T> the number type
     * @return (x, y, z)
     */
    public static <T extends RealFieldElement<T>> T[] spherical(T[] x) {
        T r = x[0];
        T sinTheta = x[1].sin();
        T[] y = x.clone(); // same length; every element is overwritten
        y[0] = r.multiply(sinTheta).multiply(x[2].cos());
        y[1] = r.multiply(sinTheta).multiply(x[2].sin());
        y[2] = r.multiply(x[1].cos());
        return y;
    }

    /**
     * The right-hand side of the Lorenz-96 system dx[i]/dt = (x[i+1] − x[i−2]) x[i−1] − x[i] + F
     * with cyclic indices and F = 8, plain code: a small dynamical system whose Jacobian an ODE
     * solver needs at every implicit step.
     *
     * <p>Written as a competent engineer would: the three elements whose neighbours wrap around
     * (0, 1 and n − 1) are computed apart, the others in a loop with plain index arithmetic, so
     * no element pays an integer division for its cyclic indices.
     *
     * @param x the state, not modified, of length n ≥ 3
     * @param y receives the time derivative, same length, modified
     * @throws IllegalArgumentException if n &lt; 3 (the wrapping elements 0, 1 and n − 1 must be
     *     distinct)
     */
    public static void lorenz96(double[] x, double[] y) {
        int n = lorenz96Size(x.length);
        y[0] = (x[1] - x[n - 2]) * x[n - 1] - x[0] + LORENZ_FORCING;
        y[1] = (x[2] - x[n - 1]) * x[0] - x[1] + LORENZ_FORCING;
        for (int i = 2; i < n - 1; i++) {
            y[i] = (x[i + 1] - x[i - 2]) * x[i - 1] - x[i] + LORENZ_FORCING;
        }
        y[n - 1] = (x[0] - x[n - 3]) * x[n - 2] - x[n - 1] + LORENZ_FORCING;
    }

    /**
     * The right-hand side of the Lorenz-96 system, generic: the same operations in the same order
     * as {@link #lorenz96(double[], double[])}, in one loop whose cyclic indices roll forward
     * without a division (one call site per operation, as a JIT compiler inlines best).
     *
     * @param x the state, not modified, of length n ≥ 3
     * @param <T> the number type
     * @return the time derivative
     * @throws IllegalArgumentException if n &lt; 3
     */
    public static <T extends RealFieldElement<T>> T[] lorenz96(T[] x) {
        int n = lorenz96Size(x.length);
        T[] y = x.clone(); // same length; every element is overwritten
        int prev2 = n - 2; // i - 2 and i - 1, modulo n
        int prev = n - 1;
        for (int i = 0; i < n; i++) {
            int next = i + 1 < n ? i + 1 : 0;
            y[i] = x[next].subtract(x[prev2]).multiply(x[prev]).subtract(x[i]).add(LORENZ_FORCING);
            prev2 = prev;
            prev = i;
        }
        return y;
    }

    /** The number of residuals of {@link #residuals(double[], double[])}. */
    public static final int RESIDUALS = 50;

    /**
     * A least-squares residual model with many more residuals than parameters:
     * {@code r_i = p0 exp(-p1 t_i) + p2 sin(p3 t_i) - d_i} at {@code t_i = i / 10} for fixed data
     * {@code d_i}, plain code, as a Gauss-Newton or Levenberg-Marquardt fit evaluates it.
     *
     * @param p the four parameters, not modified
     * @param r receives the {@link #RESIDUALS} residuals, modified
     */
    public static void residuals(double[] p, double[] r) {
        for (int i = 0; i < RESIDUALS; i++) {
            double t = residualTime(i);
            r[i] = p[0] * Math.exp(p[1] * -t) + p[2] * Math.sin(p[3] * t) - residualData(i);
        }
    }

    /**
     * The residual model, generic: the same operations in the same order.
     *
     * @param p the four parameters, not modified
     * @param <T> the number type
     * @return the {@link #RESIDUALS} residuals
     */
    public static <T extends RealFieldElement<T>> T[] residuals(T[] p) {
        T[] r = org.apache.commons.math3.util.MathArrays.buildArray(p[0].getField(), RESIDUALS);
        for (int i = 0; i < RESIDUALS; i++) {
            double t = residualTime(i);
            r[i] = p[0].multiply(p[1].multiply(-t).exp()).add(p[2].multiply(p[3].multiply(t).sin()))
                .subtract(residualData(i));
        }
        return r;
    }

    /**
     * The time of residual {@code i}.
     *
     * @param i the residual
     * @return {@code i / 10}
     */
    public static double residualTime(int i) {
        return i / 10.0;
    }

    /**
     * The datum of residual {@code i}: the model at (2, 0.3, 0.5, 1.7) plus a fixed small wiggle.
     *
     * @param i the residual
     * @return the datum
     */
    public static double residualData(int i) {
        return RESIDUAL_DATA[i];
    }

    private static final double[] RESIDUAL_DATA = new double[RESIDUALS];

    static {
        for (int i = 0; i < RESIDUALS; i++) {
            double t = residualTime(i);
            RESIDUAL_DATA[i] = 2 * Math.exp(-0.3 * t) + 0.5 * Math.sin(1.7 * t) + 0.01 * Math.cos(7 * i);
        }
    }

    private static int lorenz96Size(int n) {
        if (n < 3) {
            throw new IllegalArgumentException("Lorenz-96 needs at least 3 variables, got " + n);
        }
        return n;
    }
}
