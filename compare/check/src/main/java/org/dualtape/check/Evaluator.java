package org.dualtape.check;

import java.util.Arrays;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The function under check, as {@code double[] -> double[]} of a fixed length: counts evaluations,
 * hands the user a copy of every point (so a function that writes into its argument cannot
 * corrupt the check), and reports a throwing function with the point it threw at.
 */
final class Evaluator {
    private final Function<double[], double[]> f;
    private final String name;
    private int outputs = -1;
    private long evaluations;

    Evaluator(Function<double[], double[]> f, String name) {
        this.f = f;
        this.name = name;
    }

    /** Evaluates at {@code y} (not modified); the first call fixes the number of outputs. */
    double[] at(double[] y) {
        evaluations++;
        double[] values;
        try {
            values = f.apply(y.clone());
        } catch (FunctionFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FunctionFailedException(name, y, e);
        }
        if (values == null) {
            throw new IllegalStateException(name + " returned null at x = " + Arrays.toString(y));
        }
        if (outputs < 0) {
            if (values.length == 0) {
                throw new IllegalArgumentException(name + " returned no values at x = " + Arrays.toString(y)
                        + "; a function to check needs at least 1 output");
            }
            outputs = values.length;
        } else if (values.length != outputs) {
            throw new IllegalStateException(name + " returned " + values.length + " values at x = " + Arrays.toString(y)
                    + " but " + outputs + " at the check point");
        }
        return values.clone();
    }

    /** The number of outputs, known after the first evaluation. */
    int outputs() {
        return outputs;
    }

    long evaluations() {
        return evaluations;
    }

    /** {@code t -> F(x with x[j] = t)}: coordinate steps are exact (see Stencil). */
    DoubleFunction<double[]> alongCoordinate(double[] x, int j) {
        return t -> {
            double[] y = x.clone();
            y[j] = t;
            return at(y);
        };
    }

    /** {@code t -> F(x + t d)}, each coordinate rounded once. */
    DoubleFunction<double[]> alongDirection(double[] x, double[] d) {
        return t -> at(step(x, d, t));
    }

    /** {@code x + t d}, a new array. */
    static double[] step(double[] x, double[] d, double t) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] + t * d[i];
        }
        return y;
    }
}
