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
    /** The number of coordinates checked on larger networks. */
    public static final int SAMPLE_SIZE = 64;
    /** Fixed so that every run, and every worker JVM, checks the same coordinates. */
    public static final long SAMPLE_SEED = 20_240_601L;

    private AccuracyPlan() {
    }

    /**
     * Returns the coordinates checked for a network of {@code n} parameters.
     *
     * @param n the parameter count, at least 1
     * @return all coordinates if {@code n <= ALL_LIMIT}, else a seeded sample of
     *     {@code SAMPLE_SIZE}
     */
    public static int[] coordinates(int n) {
        return n <= ALL_LIMIT ? Coordinates.all(n) : Coordinates.sample(n, SAMPLE_SIZE, SAMPLE_SEED);
    }

    /**
     * Says in words which coordinates {@link #coordinates(int)} checks, for the outputs.
     *
     * @param n the parameter count
     * @return "all" or "sample of 64"
     */
    public static String describe(int n) {
        return n <= ALL_LIMIT ? "all" : "sample of " + SAMPLE_SIZE;
    }
}
