package org.dualtape.tape;

import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.util.MathArrays;
import org.apache.commons.math3.util.Pair;

/**
 * The README's curve fit: y = a·e^(−bt)·cos(ct + d) at 50 times t = 0.1·i, the data made from
 * (a, b, c, d) = (2, 0.3, 1.7, 0.4) plus a small deterministic disturbance; the model written
 * generically, in plain {@code double}, and with its Jacobian by hand.
 */
final class CurveModel {

    static final int POINTS = 50;
    static final double[] TIMES = new double[POINTS];
    static final double[] DATA = new double[POINTS];
    static final double[] START = {1, 0.1, 1.5, 0};

    static {
        for (int i = 0; i < POINTS; i++) {
            TIMES[i] = 0.1 * i;
            DATA[i] = 2 * Math.exp(-0.3 * TIMES[i]) * Math.cos(1.7 * TIMES[i] + 0.4) + 0.01 * Math.sin(7.0 * i);
        }
    }

    private CurveModel() {
    }

    /** The model at every time, for p = (a, b, c, d). */
    static <T extends RealFieldElement<T>> T[] model(T[] p) {
        T[] y = MathArrays.buildArray(p[0].getField(), POINTS);
        for (int i = 0; i < POINTS; i++) {
            double t = TIMES[i];
            y[i] = p[0].multiply(p[1].multiply(-t).exp()).multiply(p[2].multiply(t).add(p[3]).cos());
        }
        return y;
    }

    /** The model in plain double, in the generic model's order of operations. */
    static double[] values(double[] p) {
        double[] y = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            double t = TIMES[i];
            y[i] = p[0] * Math.exp(p[1] * -t) * Math.cos(p[2] * t + p[3]);
        }
        return y;
    }

    /** The Jacobian written by hand, [POINTS][4]. */
    static double[][] jacobian(double[] p) {
        double[][] j = new double[POINTS][4];
        for (int i = 0; i < POINTS; i++) {
            double t = TIMES[i];
            double e = Math.exp(-p[1] * t);
            double c = Math.cos(p[2] * t + p[3]);
            double s = Math.sin(p[2] * t + p[3]);
            j[i][0] = e * c;
            j[i][1] = -t * p[0] * e * c;
            j[i][2] = -t * p[0] * e * s;
            j[i][3] = -p[0] * e * s;
        }
        return j;
    }

    /** The model with its hand-written Jacobian, as a user writes it without AD. */
    static final MultivariateJacobianFunction BY_HAND = point -> {
        double[] p = point.toArray();
        return new Pair<>(new ArrayRealVector(values(p), false), new Array2DRowRealMatrix(jacobian(p), false));
    };

    /** Fits the model by Levenberg–Marquardt from {@link #START}, with tight tolerances. */
    static LeastSquaresOptimizer.Optimum fit(MultivariateJacobianFunction model) {
        return new LevenbergMarquardtOptimizer()
            .withCostRelativeTolerance(1e-14)
            .withParameterRelativeTolerance(1e-14)
            .optimize(new LeastSquaresBuilder()
                .model(model)
                .target(DATA)
                .start(START)
                .maxEvaluations(1000)
                .maxIterations(1000)
                .build());
    }
}
