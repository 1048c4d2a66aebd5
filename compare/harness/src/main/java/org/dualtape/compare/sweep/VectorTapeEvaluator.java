package org.dualtape.compare.sweep;

import org.dualtape.compare.mlp.VectorTapeLoss;

/**
 * {@code reverse-vector-tape}: the MLP loss recorded with vector nodes (one tape entry per layer,
 * activation and loss, for the whole batch) and one reverse sweep, by {@link VectorTapeLoss}.
 */
final class VectorTapeEvaluator extends WholeGradientEvaluator {
    private final VectorTapeLoss loss;

    VectorTapeEvaluator(VectorTapeLoss loss) {
        super(loss.problem().parameterCount());
        this.loss = loss;
    }

    @Override
    public void gradient(double[] w, double[] gradient) {
        loss.lossAndGradient(w, gradient);
    }

    @Override
    public long tapeEntries() {
        return loss.entries();
    }

    @Override
    public long tapeBytes() {
        return loss.bytes();
    }
}
