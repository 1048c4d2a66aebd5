package org.dualtape.compare.sweep;

/** {@code backprop-by-hand}: the problem's hand-written gradient, the reference for the limit. */
final class HandEvaluator extends WholeGradientEvaluator {
    private final SweepProblem problem;

    HandEvaluator(SweepProblem problem) {
        super(problem.parameterCount());
        this.problem = problem;
    }

    @Override
    public void gradient(double[] w, double[] gradient) {
        problem.lossAndGradient(w, gradient);
    }
}
