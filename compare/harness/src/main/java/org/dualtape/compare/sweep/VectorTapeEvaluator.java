package org.dualtape.compare.sweep;

import org.dualtape.compare.mlp.VectorTapeLoss;

/**
 * {@code reverse-vector-tape}: the MLP loss recorded with vector nodes (one tape entry per layer,
 * activation and loss, for the whole batch) and one reverse sweep, by {@link VectorTapeLoss}.
 */
final class VectorTapeEvaluator extends WholeGradientEvaluator {
    VectorTapeEvaluator(VectorTapeLoss loss) {
        super(loss.problem().parameterCount(), loss::lossAndGradient, loss::entries, loss::bytes);
    }
}
