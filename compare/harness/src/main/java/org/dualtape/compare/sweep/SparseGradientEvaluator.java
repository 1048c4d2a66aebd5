package org.dualtape.compare.sweep;

import org.apache.commons.math3.analysis.differentiation.SparseGradient;

/**
 * {@code commons-math-sparse}: the generic loss on Commons Math's {@link SparseGradient}, in one
 * pass in which the wanted coordinates are variables and the other parameters constants.
 *
 * <p>Each intermediate value keeps a hash map of its nonzero partials, so the cost of the pass
 * grows with the number of variables; asking for fewer coordinates makes it cheaper.
 */
final class SparseGradientEvaluator implements Evaluator {
    private final SweepProblem problem;
    private final SparseGradient[] inputs;

    SparseGradientEvaluator(SweepProblem problem) {
        this.problem = problem;
        this.inputs = new SparseGradient[problem.parameterCount()];
    }

    @Override
    public void gradient(double[] w, int[] coordinates, double[] out) {
        for (int i = 0; i < w.length; i++) {
            inputs[i] = SparseGradient.createConstant(w[i]);
        }
        for (int i : coordinates) {
            inputs[i] = SparseGradient.createVariable(i, w[i]);
        }
        SparseGradient y = problem.loss(inputs);
        for (int j = 0; j < coordinates.length; j++) {
            out[j] = y.getDerivative(coordinates[j]);
        }
    }

    @Override
    public void gradient(double[] w, double[] gradient) {
        gradient(w, Coordinates.all(w.length), gradient);
    }
}
