package org.dualtape.compare.sweep;

import org.dualtape.tape.Replay;
import org.dualtape.tape.Reverse;

/**
 * {@code reverse-replay}: the generic loss recorded once on a scalar tape (when the method is
 * prepared, not timed), then each gradient a replay of the tape at the point plus one reverse
 * sweep, without running the loss's Java code again.
 *
 * <p>The loss has no branches the tape can see for tanh networks; for a relu network a replay at
 * a point where a unit changes sign throws the tape's {@code BranchChangeException}, which the
 * sweep reports as a failed cell rather than a wrong gradient.
 */
final class ReplayEvaluator extends WholeGradientEvaluator {
    private final Replay replay;

    ReplayEvaluator(SweepProblem problem) {
        super(problem.parameterCount());
        // the generic softmax reads each sample's largest logit as its log-sum-exp shift, a read no
        // branch depends on: replaying elsewhere is safe, so say so
        this.replay = Reverse.record(problem::loss, problem.initialParameters()).allowValueReads();
    }

    @Override
    public void gradient(double[] w, double[] gradient) {
        replay.valueAndGradient(w, gradient);
    }

    @Override
    public long tapeEntries() {
        return replay.tape().entries();
    }

    @Override
    public long tapeBytes() {
        return replay.tape().bytes();
    }
}
