package org.dualtape.compare.sweep;

/**
 * The error of computed partials against reference partials: the largest absolute and the
 * largest relative difference over the coordinates checked.
 *
 * <p><b>Relative error</b> of coordinate i is {@code |g_i - r_i| / max(|r_i|, FLOOR · max_j |r_j|)}:
 * relative to the partial itself, except that partials below {@code FLOOR} (1/1000) of the
 * largest are measured against that fraction of the largest. Such small partials of an MLP loss
 * come from cancellation in the batch sum, which no floating-point method escapes: measured
 * purely relatively, even the exact hand-written gradient of the standard network at h = 16
 * shows 1.1e-12 (on a partial 7.7e-5 times the largest), against 8e-14 with the floor and
 * 1.6e-16 relative to the largest partial. The floor keeps the column about the method, not
 * about cancellation, while a method that is wrong on small partials still shows it.
 *
 * <p><b>Non-finite values</b>: a NaN or infinite computed partial makes both errors NaN or
 * infinite, never silently small.
 *
 * @param maxRelative the largest relative error
 * @param maxAbsolute the largest absolute error
 */
public record Errors(double maxRelative, double maxAbsolute) {
    /** Partials below this fraction of the largest are measured relative to that fraction. */
    public static final double FLOOR = 1e-3;

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
