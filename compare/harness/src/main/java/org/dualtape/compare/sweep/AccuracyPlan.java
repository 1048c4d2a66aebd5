package org.dualtape.compare.sweep;

/**
 * Which coordinates of a gradient are checked against the reference: all of them for small
 * networks, a seeded stratified sample for large ones.
 *
 * <p>The reference is costly (high-precision arithmetic), so checking every coordinate of a
 * million-parameter network is out of reach; a sample of {@link #SAMPLE_SIZE} spread over all
 * layers still exposes a method that is wrong anywhere systematically.
 */
public final class AccuracyPlan {
    /** Networks with at most this many parameters are checked on every coordinate. */
    public static final int ALL_LIMIT = 1000;
    /** The number of coordinates asked for on larger networks (a problem may round it up). */
    public static final int SAMPLE_SIZE = 64;
    /** Fixed so that every run, and every worker JVM, checks the same coordinates. */
    public static final long SAMPLE_SEED = 20_240_601L;

    private AccuracyPlan() {
    }

    /**
     * Returns the coordinates checked for a problem.
     *
     * @param problem the problem
     * @return all coordinates if it has at most {@code ALL_LIMIT} parameters, else its seeded
     *     sample of about {@code SAMPLE_SIZE} ({@link SweepProblem#sampleCoordinates})
     */
    public static int[] coordinates(SweepProblem problem) {
        int n = problem.parameterCount();
        return n <= ALL_LIMIT ? Coordinates.all(n) : problem.sampleCoordinates(SAMPLE_SIZE, SAMPLE_SEED);
    }

    /**
     * Says in words which coordinates were checked, for the outputs.
     *
     * @param parameters the parameter count
     * @param checked how many coordinates were checked
     * @return "all" or "sample of 66"
     */
    public static String describe(int parameters, int checked) {
        return checked >= parameters ? "all" : "sample of " + checked;
    }
}
