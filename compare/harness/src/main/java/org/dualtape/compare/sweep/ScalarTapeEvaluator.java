package org.dualtape.compare.sweep;

import org.dualtape.tape.Tape;
import org.dualtape.tape.Var;

/**
 * {@code reverse-scalar-tape}: the generic loss on {@link Var}s, one tape entry per scalar
 * operation: one recording, one reverse sweep, exactly what {@code Reverse.gradient} does.
 *
 * <p>The evaluator keeps its own {@link Tape} (cleared and reused for every gradient, as
 * {@code Reverse} reuses one per thread) so that the tape's size can be read after a gradient
 * without recording a second tape, which for the largest networks would not fit in memory.
 */
final class ScalarTapeEvaluator extends WholeGradientEvaluator {
    private final SweepProblem problem;
    private final Tape tape = new Tape();

    ScalarTapeEvaluator(SweepProblem problem) {
        super(problem.parameterCount());
        this.problem = problem;
    }

    @Override
    public void gradient(double[] w, double[] gradient) {
        tape.clear();
        Var[] inputs = tape.variables(w);
        tape.reverse(problem.loss(inputs));
        for (int i = 0; i < inputs.length; i++) {
            gradient[i] = inputs[i].adjoint();
        }
    }

    @Override
    public long tapeEntries() {
        return tape.entries();
    }

    @Override
    public long tapeBytes() {
        return tape.bytes();
    }
}
