package org.dualtape.compare.sweep;

import java.util.function.ToDoubleFunction;
import org.dualtape.check.numeric.FiniteDifferences;
import org.dualtape.check.numeric.Stencil;

/**
 * {@code forward-difference}, {@code central-difference} and {@code richardson}: finite
 * differences of the plain {@code double} loss with one {@link Stencil}.
 *
 * <p>The step of coordinate i is {@code h · max(1, |w_i|)} with the relative step h either the
 * stencil's default ({@link Stencil#relativeStep()}, which balances truncation against rounding)
 * or a fixed one (the step study). A whole gradient with the default step is the library's
 * {@link FiniteDifferences#gradient(Stencil, ToDoubleFunction, double[])}.
 */
final class DifferenceEvaluator implements Evaluator {
    private final Stencil stencil;
    private final ToDoubleFunction<double[]> loss;
    private final double relativeStep;

    DifferenceEvaluator(SweepProblem problem, Stencil stencil, double relativeStep) {
        this.stencil = stencil;
        this.loss = problem::loss;
        this.relativeStep = relativeStep;
    }

    @Override
    public void partials(double[] w, int[] coordinates, double[] out) {
        double fx = stencil == Stencil.FORWARD ? loss.applyAsDouble(w) : Double.NaN;
        for (int j = 0; j < coordinates.length; j++) {
            int i = coordinates[j];
            out[j] = stencil.partial(loss, w, i, relativeStep * Math.max(1.0, Math.abs(w[i])), fx);
        }
    }

    @Override
    public void gradient(double[] w, double[] gradient) {
        double[] g = FiniteDifferences.gradient(stencil, loss, w, relativeStep);
        System.arraycopy(g, 0, gradient, 0, g.length);
    }
}
