package org.dualtape.compare.train;

/**
 * One method's training clock: the time spent in its gradients and updates, and the budget they
 * may use. Evaluating the network for the curves is not on the clock.
 *
 * <p>Each pass over the loss calls {@link #pass()}, which stops the gradient with
 * {@link OutOfTime} once the budget is spent: a method whose one gradient takes longer than the
 * whole budget stops within one pass of it instead of running on, and the passes it managed say
 * how long a whole gradient would have taken.
 */
final class Clock {
    private final long budgetNanos;
    private long spentNanos;
    private long startedAt = -1;
    private long passes;

    /** Thrown by {@link #pass()} when the budget is spent. */
    static final class OutOfTime extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfTime() {
            super("the training budget is spent", null, false, false);
        }
    }

    Clock(double budgetSeconds) {
        this.budgetNanos = (long) (budgetSeconds * 1e9);
    }

    /** Starts timing a step and resets the pass count. */
    void start() {
        passes = 0;
        startedAt = System.nanoTime();
    }

    /** Stops timing a step (finished or not). */
    void stop() {
        spentNanos += System.nanoTime() - startedAt;
        startedAt = -1;
    }

    /**
     * Counts one pass over the loss.
     *
     * @throws OutOfTime if the budget is spent
     */
    void pass() {
        passes++;
        if (spentNanos + (System.nanoTime() - startedAt) > budgetNanos) {
            throw new OutOfTime();
        }
    }

    /** Passes since the last {@link #start()}. */
    long passes() {
        return passes;
    }

    /** Seconds on the clock so far (steps finished or stopped). */
    double seconds() {
        return spentNanos * 1e-9;
    }

    /** Whether the budget is spent. */
    boolean spent() {
        return spentNanos >= budgetNanos;
    }
}
