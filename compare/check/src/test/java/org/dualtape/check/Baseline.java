package org.dualtape.check;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The fixed-tolerance baseline, as PyTorch's {@code gradcheck} does it: central differences with
 * absolute step {@code eps = 1e-6}, and {@code |claimed - numerical| <= atol + rtol |numerical|}
 * for every entry with {@code atol = 1e-5}, {@code rtol = 1e-3}.
 */
final class Baseline {
    static final double EPS = 1e-6;
    static final double ATOL = 1e-5;
    static final double RTOL = 1e-3;

    private Baseline() {
    }

    static boolean passes(ToDoubleFunction<double[]> f, double[] x, double[] claimed) {
        return passes(y -> new double[] {f.applyAsDouble(y)}, x, new double[][] {claimed});
    }

    static boolean passes(Function<double[], double[]> f, double[] x, double[][] claimed) {
        for (int j = 0; j < x.length; j++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[j] += EPS;
            down[j] -= EPS;
            double[] fUp = f.apply(up);
            double[] fDown = f.apply(down);
            for (int k = 0; k < claimed.length; k++) {
                double numerical = (fUp[k] - fDown[k]) / (2 * EPS);
                if (!(Math.abs(claimed[k][j] - numerical) <= ATOL + RTOL * Math.abs(numerical))) {
                    return false;
                }
            }
        }
        return true;
    }
}
