package org.dualtape.compare.sweep;

import org.dualtape.dual.Forward;
import org.dualtape.dual.MultiDual;

/**
 * {@code forward-chunked}: the generic loss on {@link MultiDual} numbers of {@code chunk}
 * tangents, one pass per chunk of coordinates.
 *
 * <p>A whole gradient is the library's own {@link Forward#gradient(java.util.function.Function,
 * double[], int)}; part of a gradient (for timing in part, and for checking a sample of
 * coordinates) seeds the asked coordinates the same way, {@code chunk} at a time.
 */
final class ForwardChunkedEvaluator implements Evaluator {
    private final SweepProblem problem;
    private final int chunk;

    ForwardChunkedEvaluator(SweepProblem problem, int chunk) {
        this.problem = problem;
        this.chunk = chunk;
    }

    @Override
    public void partials(double[] w, int[] coordinates, double[] out) {
        MultiDual[] inputs = new MultiDual[w.length];
        for (int start = 0; start < coordinates.length; start += chunk) {
            int k = Math.min(chunk, coordinates.length - start);
            for (int i = 0; i < w.length; i++) {
                inputs[i] = MultiDual.constant(w[i], k);
            }
            for (int j = 0; j < k; j++) {
                int i = coordinates[start + j];
                inputs[i] = MultiDual.variable(w[i], j, k);
            }
            MultiDual y = problem.loss(inputs);
            for (int j = 0; j < k; j++) {
                out[start + j] = y.tangent(j);
            }
        }
    }

    @Override
    public void gradient(double[] w, double[] gradient) {
        double[] g = Forward.gradient(problem::loss, w, chunk);
        System.arraycopy(g, 0, gradient, 0, g.length);
    }
}
