package org.dualtape.compare.sweep;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The evaluator of a method that can differentiate by some coordinates only, at a cost
 * proportional to their number (forward mode, the complex step, finite differences): a whole
 * gradient is the library's gradient call, some components its call for chosen coordinates.
 */
final class CoordinateEvaluator implements Evaluator {
    private final Function<double[], double[]> whole;
    private final BiFunction<double[], int[], double[]> some;

    /**
     * Wraps a method's two library calls.
     *
     * @param whole the gradient at a point (not modified), a new array
     * @param some the components at a point (not modified) for coordinates (not modified), a new
     *     array
     */
    CoordinateEvaluator(Function<double[], double[]> whole, BiFunction<double[], int[], double[]> some) {
        this.whole = whole;
        this.some = some;
    }

    @Override
    public void gradient(double[] w, double[] gradient) {
        double[] g = whole.apply(w);
        System.arraycopy(g, 0, gradient, 0, g.length);
    }

    @Override
    public void gradient(double[] w, int[] coordinates, double[] out) {
        double[] g = some.apply(w, coordinates);
        System.arraycopy(g, 0, out, 0, g.length);
    }
}
