package org.dualtape.jmh;

import org.hipparchus.CalculusFieldElement;

/**
 * The floor and the Hipparchus anchor of the compiled-tape questions: each benchmark function's
 * derivative written by hand as a competent engineer would (shared subexpressions computed once,
 * into the caller's buffers), and the same functions generic over Hipparchus 4's
 * {@link CalculusFieldElement} (its {@code Gradient}, {@code DerivativeStructure} and
 * {@code SparseGradient} implement it; Commons Math's {@code RealFieldElement} is another type).
 */
public final class HandWritten {
    private HandWritten() {
    }

    /**
     * The Jacobian of {@link Functions#spherical(double[], double[])}.
     *
     * @param x (r, θ, φ), not modified
     * @param j receives the 3 × 3 Jacobian; its rows are modified
     */
    public static void sphericalJacobian(double[] x, double[][] j) {
        double r = x[0];
        double st = Math.sin(x[1]);
        double ct = Math.cos(x[1]);
        double sp = Math.sin(x[2]);
        double cp = Math.cos(x[2]);
        j[0][0] = st * cp;
        j[0][1] = r * ct * cp;
        j[0][2] = -r * st * sp;
        j[1][0] = st * sp;
        j[1][1] = r * ct * sp;
        j[1][2] = r * st * cp;
        j[2][0] = ct;
        j[2][1] = -r * st;
        j[2][2] = 0;
    }

    /**
     * The Jacobian of {@link Functions#lorenz96(double[], double[])}: four nonzeros per row.
     *
     * @param x the state, not modified
     * @param j receives the n × n Jacobian; its rows are modified
     */
    public static void lorenz96Jacobian(double[] x, double[][] j) {
        int n = x.length;
        for (int i = 0; i < n; i++) {
            double[] row = j[i];
            java.util.Arrays.fill(row, 0);
            int next = i + 1 < n ? i + 1 : 0;
            int prev = i > 0 ? i - 1 : n - 1;
            int prev2 = i > 1 ? i - 2 : i + n - 2;
            row[next] += x[prev];
            row[prev2] -= x[prev];
            row[prev] += x[next] - x[prev2];
            row[i] -= 1;
        }
    }

    /**
     * The Jacobian of {@link Functions#residuals(double[], double[])}.
     *
     * @param p the four parameters, not modified
     * @param j receives the {@link Functions#RESIDUALS} × 4 Jacobian; its rows are modified
     */
    public static void residualsJacobian(double[] p, double[][] j) {
        for (int i = 0; i < Functions.RESIDUALS; i++) {
            double t = Functions.residualTime(i);
            double e = Math.exp(-p[1] * t);
            double[] row = j[i];
            row[0] = e;
            row[1] = -p[0] * t * e;
            row[2] = Math.sin(p[3] * t);
            row[3] = p[2] * t * Math.cos(p[3] * t);
        }
    }

    /**
     * The gradient of {@link Functions#rosenbrock(double[])}.
     *
     * @param x the point, not modified
     * @param g receives the gradient; modified
     */
    public static void rosenbrockGradient(double[] x, double[] g) {
        int n = x.length;
        g[n - 1] = 0;
        for (int i = 0; i + 1 < n; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            g[i] = (i == 0 ? 0 : g[i]) - 400 * a * x[i] - 2 * b;
            g[i + 1] = 200 * a;
        }
    }

    /**
     * Spherical to Cartesian coordinates, generic over Hipparchus's field elements.
     *
     * @param x (r, θ, φ), not modified
     * @param <T> the number type
     * @return (x, y, z)
     */
    public static <T extends CalculusFieldElement<T>> T[] spherical(T[] x) {
        T r = x[0];
        T sinTheta = x[1].sin();
        T[] y = x.clone();
        y[0] = r.multiply(sinTheta).multiply(x[2].cos());
        y[1] = r.multiply(sinTheta).multiply(x[2].sin());
        y[2] = r.multiply(x[1].cos());
        return y;
    }

    /**
     * Lorenz-96, generic over Hipparchus's field elements.
     *
     * @param x the state, not modified
     * @param <T> the number type
     * @return the time derivative
     */
    public static <T extends CalculusFieldElement<T>> T[] lorenz96(T[] x) {
        int n = x.length;
        T[] y = x.clone();
        for (int i = 0; i < n; i++) {
            int next = i + 1 < n ? i + 1 : 0;
            int prev = i > 0 ? i - 1 : n - 1;
            int prev2 = i > 1 ? i - 2 : i + n - 2;
            y[i] = x[next].subtract(x[prev2]).multiply(x[prev]).subtract(x[i]).add(Functions.LORENZ_FORCING);
        }
        return y;
    }

    /**
     * The residual model, generic over Hipparchus's field elements.
     *
     * @param p the four parameters, not modified
     * @param <T> the number type
     * @return the {@link Functions#RESIDUALS} residuals
     */
    public static <T extends CalculusFieldElement<T>> T[] residuals(T[] p) {
        T[] r = org.hipparchus.util.MathArrays.buildArray(p[0].getField(), Functions.RESIDUALS);
        for (int i = 0; i < r.length; i++) {
            double t = Functions.residualTime(i);
            r[i] = p[0].multiply(p[1].multiply(-t).exp()).add(p[2].multiply(p[3].multiply(t).sin()))
                .subtract(Functions.residualData(i));
        }
        return r;
    }

    /**
     * The extended Rosenbrock function, generic over Hipparchus's field elements.
     *
     * @param x the point, not modified
     * @param <T> the number type
     * @return the value
     */
    public static <T extends CalculusFieldElement<T>> T rosenbrock(T[] x) {
        T sum = x[0].getField().getZero();
        for (int i = 0; i + 1 < x.length; i++) {
            T a = x[i + 1].subtract(x[i].multiply(x[i]));
            T b = x[i].negate().add(1);
            sum = sum.add(a.multiply(a).multiply(100).add(b.multiply(b)));
        }
        return sum;
    }
}
