package org.dualtape.compare.sweep;

import org.dualtape.compare.complex.ComplexNumber;
import org.dualtape.compare.complex.ComplexStep;

/**
 * {@code complex-step}: one pass of the generic loss on {@link ComplexNumber}s per coordinate,
 * that coordinate moved by {@code i·h}: the partial is {@code Im L / h}, with no difference of
 * nearby values and so no cancellation.
 *
 * <p>A whole gradient is the library's {@link ComplexStep#gradient(java.util.function.Function,
 * double[], double)}; part of a gradient seeds the asked coordinates the same way.
 */
final class ComplexStepEvaluator implements Evaluator {
    private final SweepProblem problem;
    private final double step;

    ComplexStepEvaluator(SweepProblem problem, double step) {
        this.problem = problem;
        this.step = step;
    }

    @Override
    public void partials(double[] w, int[] coordinates, double[] out) {
        ComplexNumber[] inputs = new ComplexNumber[w.length];
        for (int i = 0; i < w.length; i++) {
            inputs[i] = ComplexNumber.real(w[i]);
        }
        for (int j = 0; j < coordinates.length; j++) {
            int i = coordinates[j];
            inputs[i] = ComplexNumber.of(w[i], step);
            out[j] = problem.loss(inputs).im() / step;
            inputs[i] = ComplexNumber.real(w[i]);
        }
    }

    @Override
    public void gradient(double[] w, double[] gradient) {
        double[] g = ComplexStep.gradient(problem::loss, w, step);
        System.arraycopy(g, 0, gradient, 0, g.length);
    }
}
