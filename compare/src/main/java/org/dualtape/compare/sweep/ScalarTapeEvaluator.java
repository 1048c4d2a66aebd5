package org.dualtape.compare.sweep;

import org.dualtape.tape.Reverse;
import org.dualtape.tape.Tape;
import org.dualtape.tape.Var;

/**
 * {@code reverse-scalar-tape}: the generic loss on {@link Var}s, one tape entry per scalar
 * operation, through the library's {@link Reverse#gradient(java.util.function.Function,
 * double[])} (one recording, one reverse sweep).
 *
 * <p>The tape's size is measured once, on a separate recording of the same loss.
 */
final class ScalarTapeEvaluator extends WholeGradientEvaluator {
    private final SweepProblem problem;
    private long entries = -1;
    private long bytes = -1;

    ScalarTapeEvaluator(SweepProblem problem) {
        super(problem.parameterCount());
        this.problem = problem;
    }

    @Override
    public void gradient(double[] w, double[] gradient) {
        double[] g = Reverse.gradient(problem::loss, w);
        System.arraycopy(g, 0, gradient, 0, g.length);
    }

    @Override
    public long tapeEntries() {
        measureTape();
        return entries;
    }

    @Override
    public long tapeBytes() {
        measureTape();
        return bytes;
    }

    private void measureTape() {
        if (entries < 0) {
            Tape tape = new Tape();
            Var[] inputs = tape.variables(problem.initialParameters());
            problem.loss(inputs);
            entries = tape.entries();
            bytes = tape.bytes();
        }
    }
}
