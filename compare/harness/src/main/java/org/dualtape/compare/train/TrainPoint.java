package org.dualtape.compare.train;

/**
 * One point of a training curve: where a method stood after some steps.
 *
 * @param method the method's name
 * @param step steps done (0: the initial weights)
 * @param seconds clock time spent in gradients and updates so far (evaluation excluded)
 * @param trainLoss the loss averaged over the whole training set
 * @param testLoss the loss averaged over the test set
 * @param testAccuracy the share of test samples classified correctly, in {@code [0, 1]}
 */
public record TrainPoint(String method, int step, double seconds, double trainLoss, double testLoss,
        double testAccuracy) {
}
