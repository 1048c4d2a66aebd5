package org.dualtape.compare.sweep;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * {@code commons-math-ds}: the generic loss on Commons Math's {@link DerivativeStructure} of
 * order 1, with {@code chunk} free parameters per pass (the others are constants), as
 * {@code forward-chunked} does with {@code MultiDual}.
 *
 * <p>One pass over all parameters at once would need a derivative array of the full parameter
 * count in every intermediate value, which does not fit in memory for the large networks.
 */
final class DerivativeStructureEvaluator implements Evaluator {
    private final SweepProblem problem;
    private final int chunk;
    private final DerivativeStructure[] inputs;

    DerivativeStructureEvaluator(SweepProblem problem, int chunk) {
        this.problem = problem;
        this.chunk = chunk;
        this.inputs = new DerivativeStructure[problem.parameterCount()];
    }

    @Override
    public void gradient(double[] w, int[] coordinates, double[] out) {
        for (int start = 0; start < coordinates.length; start += chunk) {
            int k = Math.min(chunk, coordinates.length - start);
            for (int i = 0; i < w.length; i++) {
                inputs[i] = new DerivativeStructure(k, 1, w[i]);
            }
            for (int j = 0; j < k; j++) {
                int i = coordinates[start + j];
                inputs[i] = new DerivativeStructure(k, 1, j, w[i]);
            }
            DerivativeStructure y = problem.loss(inputs);
            int[] orders = new int[k];
            for (int j = 0; j < k; j++) {
                orders[j] = 1;
                out[start + j] = y.getPartialDerivative(orders);
                orders[j] = 0;
            }
        }
    }

    @Override
    public void gradient(double[] w, double[] gradient) {
        gradient(w, Coordinates.all(w.length), gradient);
    }
}
