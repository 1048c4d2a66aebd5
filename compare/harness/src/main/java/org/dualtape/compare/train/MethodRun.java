package org.dualtape.compare.train;

/**
 * How one method's training went, for the table.
 *
 * @param method the method
 * @param steps steps done within the budget
 * @param seconds clock time spent, including a last step stopped by the budget
 * @param secondsPerStep clock time of one step: measured when at least one step was done,
 *     otherwise extrapolated from the passes the stopped step managed
 * @param estimated true when {@code secondsPerStep} is extrapolated
 * @param bestAccuracy the best test accuracy seen, in {@code [0, 1]}
 * @param finalAccuracy the test accuracy after the last step
 * @param stepsTo90 the first recorded step with test accuracy at least 90 %, or -1 if none
 * @param secondsTo90 the clock time at that step, or NaN
 */
public record MethodRun(TrainMethod method, int steps, double seconds, double secondsPerStep,
        boolean estimated, double bestAccuracy, double finalAccuracy, int stepsTo90, double secondsTo90) {
    /** The accuracy the table's "time to" column is about. */
    public static final double TARGET_ACCURACY = 0.9;
}
