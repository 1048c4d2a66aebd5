package org.dualtape.compare.sweep;

/**
 * Base of the evaluators that always compute the whole gradient (reverse mode, hand-written
 * backpropagation): partials are copied out of a full gradient.
 */
abstract class WholeGradientEvaluator implements Evaluator {
    private final double[] buffer;

    WholeGradientEvaluator(int parameterCount) {
        this.buffer = new double[parameterCount];
    }

    @Override
    public final void partials(double[] w, int[] coordinates, double[] out) {
        gradient(w, buffer);
        for (int j = 0; j < coordinates.length; j++) {
            out[j] = buffer[coordinates[j]];
        }
    }
}
