package org.dualtape.compare.sweep;

/**
 * The error of computed partials against reference partials: the largest absolute and the
 * largest relative difference over the coordinates checked.
 *
 * <p><b>Relative error</b> of coordinate i is {@code |g_i - r_i| / max(|r_i|, FLOOR · max_j |r_j|)}:
 * relative to the partial itself, except that partials much smaller than the largest one are
 * measured against {@code FLOOR} times the largest, so a partial that happens to be nearly zero
 * does not turn a rounding difference into a huge relative error.
 *
 * <p><b>Non-finite values</b>: a NaN or infinite computed partial makes both errors NaN or
 * infinite, never silently small.
 *
 * @param maxRelative the largest relative error
 * @param maxAbsolute the largest absolute error
 */
public record Errors(double maxRelative, double maxAbsolute) {
    /** Partials below this fraction of the largest are measured relative to that fraction. */
    public static final double FLOOR = 1e-8;

    /**
     * Compares computed partials with the reference.
     *
     * @param computed the computed partials; not modified
     * @param reference the reference partials, same length; not modified
     * @return the errors
     * @throws IllegalArgumentException if the lengths differ or are 0
     */
    public static Errors of(double[] computed, double[] reference) {
        if (computed.length != reference.length || computed.length == 0) {
            throw new IllegalArgumentException("need equal nonzero lengths, got "
                    + computed.length + " computed and " + reference.length + " reference partials");
        }
        double scale = 0;
        for (double r : reference) {
            scale = Math.max(scale, Math.abs(r));
        }
        double floor = FLOOR * scale;
        double maxRel = 0;
        double maxAbs = 0;
        for (int i = 0; i < computed.length; i++) {
            double abs = Math.abs(computed[i] - reference[i]);
            double denominator = Math.max(Math.abs(reference[i]), floor);
            double rel = denominator > 0 ? abs / denominator : (abs == 0 ? 0 : Double.POSITIVE_INFINITY);
            // Written so a NaN difference wins: Math.max propagates NaN.
            maxRel = Math.max(maxRel, rel);
            maxAbs = Math.max(maxAbs, abs);
        }
        return new Errors(maxRel, maxAbs);
    }
}
