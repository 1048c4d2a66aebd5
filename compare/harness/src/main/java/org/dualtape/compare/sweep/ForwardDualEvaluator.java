package org.dualtape.compare.sweep;

import org.dualtape.dual.Dual;

/**
 * {@code forward-dual}: one pass of the generic loss on {@link Dual} numbers per coordinate, the
 * coordinate a variable and every other parameter a constant.
 *
 * <p>The input buffer is built once per call and one entry is swapped per pass, so a pass
 * allocates only what the loss itself allocates.
 */
final class ForwardDualEvaluator implements Evaluator {
    private final SweepProblem problem;

    ForwardDualEvaluator(SweepProblem problem) {
        this.problem = problem;
    }

    @Override
    public void partials(double[] w, int[] coordinates, double[] out) {
        Dual[] inputs = new Dual[w.length];
        for (int i = 0; i < w.length; i++) {
            inputs[i] = Dual.constant(w[i]);
        }
        for (int j = 0; j < coordinates.length; j++) {
            int i = coordinates[j];
            Dual constant = inputs[i];
            inputs[i] = Dual.variable(w[i]);
            out[j] = problem.loss(inputs).tangent();
            inputs[i] = constant;
        }
    }

    @Override
    public void gradient(double[] w, double[] gradient) {
        partials(w, Coordinates.all(w.length), gradient);
    }
}
