package org.dualtape.compare.train;

/**
 * How far one method's curve drifted from the reference method's, compared step by step.
 *
 * @param method the method
 * @param reference the method compared against (the first exact method run)
 * @param commonStep the last recorded step both reached
 * @param lossDrift the largest relative difference of their training losses over the recorded
 *     steps up to {@code commonStep}
 * @param weightDrift the largest difference of their weights at {@code commonStep}, relative to
 *     the largest weight
 */
public record Drift(TrainMethod method, TrainMethod reference, int commonStep, double lossDrift,
        double weightDrift) {
}
