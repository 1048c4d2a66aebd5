package org.dualtape.compare.sweep;

/**
 * One finished row of the sweep: a method's cost and accuracy at one width.
 *
 * @param method the method's name
 * @param width the width
 * @param parameters the parameter count, -1 if unknown (failure before the problem was built)
 * @param chunk the chunk of the chunked methods, 1 for the others
 * @param seconds median seconds per full gradient, NaN if failed
 * @param omega {@code seconds} divided by the median seconds of one plain loss evaluation
 * @param passes passes over the loss per full gradient, -1 if failed
 * @param maxRelError largest relative error against the reference (see {@link Errors})
 * @param maxAbsError largest absolute error against the reference
 * @param bytesPerGradient bytes allocated per full gradient
 * @param tapeEntries tape entries, -1 without a tape
 * @param tapeBytes bytes of the tape's arrays, -1 without a tape
 * @param estimated whether the time was extrapolated from part of the gradient
 * @param timedCoordinates coordinates timed (the parameter count unless estimated)
 * @param checked which coordinates were checked: "all" or "sample of 64"
 * @param failure why the cell failed, or null if it did not
 * @param flag why the cell's figures are not to be trusted (its estimate is not reproducible),
 *     or null; every table and plot marks a flagged cell and no crossover rests on one
 */
public record CellResult(String method, int width, int parameters, int chunk, double seconds,
        double omega, long passes, double maxRelError, double maxAbsError, double bytesPerGradient,
        long tapeEntries, long tapeBytes, boolean estimated, int timedCoordinates, String checked,
        String failure, String flag) {

    /**
     * A row without a flag.
     *
     * @param method the method's name
     * @param width the width
     * @param parameters the parameter count
     * @param chunk the chunk
     * @param seconds seconds per gradient
     * @param omega ω
     * @param passes passes per gradient
     * @param maxRelError largest relative error
     * @param maxAbsError largest absolute error
     * @param bytesPerGradient bytes per gradient
     * @param tapeEntries tape entries or -1
     * @param tapeBytes tape bytes or -1
     * @param estimated whether the time was extrapolated
     * @param timedCoordinates coordinates timed
     * @param checked which coordinates were checked
     * @param failure why the cell failed, or null
     */
    public CellResult(String method, int width, int parameters, int chunk, double seconds,
            double omega, long passes, double maxRelError, double maxAbsError, double bytesPerGradient,
            long tapeEntries, long tapeBytes, boolean estimated, int timedCoordinates, String checked,
            String failure) {
        this(method, width, parameters, chunk, seconds, omega, passes, maxRelError, maxAbsError,
                bytesPerGradient, tapeEntries, tapeBytes, estimated, timedCoordinates, checked, failure, null);
    }

    /**
     * Says whether the cell is flagged as not reproducible.
     *
     * @return {@code flag() != null}
     */
    public boolean flagged() {
        return flag != null;
    }

    /**
     * The same row with a flag; a flag already there is kept, the new reason added to it.
     *
     * @param reason why the cell is not to be trusted
     * @return the flagged row
     */
    public CellResult withFlag(String reason) {
        String f = flag == null ? reason : flag + "; " + reason;
        return new CellResult(method, width, parameters, chunk, seconds, omega, passes, maxRelError,
                maxAbsError, bytesPerGradient, tapeEntries, tapeBytes, estimated, timedCoordinates, checked,
                failure, f);
    }

    /**
     * Says whether the cell failed.
     *
     * @return true if there is a failure message
     */
    public boolean failed() {
        return failure != null;
    }

    /**
     * Combines a worker's measurement with the reference partials of its width.
     *
     * @param m the measurement
     * @param reference the reference partials at {@link AccuracyPlan#coordinates}, or null
     *     if the reference could not be computed
     * @return the row
     */
    public static CellResult of(Measurement m, double[] reference) {
        if (m.failure() != null) {
            return new CellResult(m.method(), m.width(), m.parameters(), m.chunk(), Double.NaN,
                    Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN, -1, -1, false, 0,
                    "", m.failure());
        }
        Errors errors = reference == null || m.partials().length == 0 ? new Errors(Double.NaN, Double.NaN)
                : Errors.of(m.partials(), checkedPart(reference, m.partials().length));
        return new CellResult(m.method(), m.width(), m.parameters(), m.chunk(), m.seconds(),
                m.seconds() / m.lossSeconds(), m.passes(), errors.maxRelative(),
                errors.maxAbsolute(), m.bytesPerGradient(), m.tapeEntries(), m.tapeBytes(),
                m.estimated(), m.timedCoordinates(),
                AccuracyPlan.describe(m.parameters(), m.partials().length), null, m.flag());
    }

    /** The reference partials a method checked: all, or the evenly spread part a slow method had time for. */
    private static double[] checkedPart(double[] reference, int checked) {
        if (checked >= reference.length) {
            return reference;
        }
        int[] part = Coordinates.spread(reference.length, checked);
        double[] r = new double[checked];
        for (int j = 0; j < checked; j++) {
            r[j] = reference[part[j]];
        }
        return r;
    }
}
