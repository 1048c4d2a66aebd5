package org.dualtape.compare.train;

import java.util.List;

/**
 * Everything one {@code compare train} run produced.
 *
 * @param config what was run
 * @param description the data and network, such as {@code digits: 1797 samples ... 64 → 72 → 10}
 * @param parameters the network's parameter count
 * @param points every method's curve, in run order
 * @param runs one summary per method, in run order
 * @param drifts the curves' drift from the reference, one per other method that did a step
 * @param wallSeconds the whole run's wall-clock time, evaluation included
 */
public record TrainResult(TrainConfig config, String description, int parameters, List<TrainPoint> points,
        List<MethodRun> runs, List<Drift> drifts, double wallSeconds) {
    /**
     * Copies the lists.
     */
    public TrainResult {
        points = List.copyOf(points);
        runs = List.copyOf(runs);
        drifts = List.copyOf(drifts);
    }
}
