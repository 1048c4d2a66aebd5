package org.dualtape.compare.sweep;

/**
 * How much of a gradient to time within a budget, and how to extrapolate from it.
 *
 * <p>The whole gradient is timed when {@link #SAMPLES} of them fit in the measuring time.
 * Otherwise a method that can ({@link Method#partial()}) is timed on the largest number of evenly
 * spread coordinates (a whole number of chunks) of which {@link #SAMPLES} fit, and the time is scaled
 * by {@link Method#cost(int, int)}: {@code t(all) = t0 + (t(m) - t0) · cost(all) / cost(m)}, where
 * {@code t0}, the time of the part that does not depend on the coordinates, is 0 except for
 * methods with a {@link Method#fixedPass()}; the result is then marked estimated. A method that cannot is timed on whole gradients however long they take.
 *
 * @param coordinates how many coordinates to time, in [1, parameter count]
 * @param parameters the parameter count
 * @param estimated whether fewer than all coordinates are timed
 */
record TimingPlan(int coordinates, int parameters, boolean estimated) {
    /**
     * Samples a plan aims to fit in the measuring time: more than {@link Stopwatch#MIN_SAMPLES},
     * so that the median of a part that will be scaled up by a large factor resists a garbage
     * collection or a preemption in one or two of them.
     */
    public static final int SAMPLES = 5;

    /**
     * Chooses what to time.
     *
     * @param method the gradient method
     * @param parameters the parameter count, at least 1
     * @param chunk tangents per pass, at least 1
     * @param unitSeconds measured seconds for {@code method.unit(chunk)} coordinates (capped at the
     *     parameter count), above 0
     * @param fixedSeconds measured seconds of the fixed part (no coordinates), at least 0; 0 for
     *     methods without a {@link Method#fixedPass()}
     * @param measureSeconds the measuring time available, above 0
     * @return the plan
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static TimingPlan choose(Method method, int parameters, int chunk, double unitSeconds,
            double fixedSeconds, double measureSeconds) {
        if (parameters < 1 || chunk < 1 || !(unitSeconds > 0) || !(fixedSeconds >= 0)
                || !(measureSeconds > 0)) {
            throw new IllegalArgumentException("need parameters >= 1, chunk >= 1, seconds > 0"
                    + " (fixed >= 0); got " + parameters + ", " + chunk + ", " + unitSeconds + ", "
                    + fixedSeconds + ", " + measureSeconds);
        }
        int unit = Math.min(method.unit(chunk), parameters);
        double perSample = measureSeconds / SAMPLES;
        if (!method.partial() || predicted(method, chunk, unit, unitSeconds, fixedSeconds, parameters) <= perSample) {
            return new TimingPlan(parameters, parameters, false);
        }
        // Largest m (a multiple of the unit) whose predicted time still fits one sample.
        int low = 1;
        int high = parameters / unit;
        while (low < high) {
            int mid = (int) (((long) low + high + 1) / 2);
            if (predicted(method, chunk, unit, unitSeconds, fixedSeconds, mid * unit) <= perSample) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        int m = low * unit;
        return new TimingPlan(m, parameters, m < parameters);
    }

    /**
     * Scales a measured time (or allocation) of {@link #coordinates()} to the whole gradient.
     *
     * @param method the method the plan was made for
     * @param chunk the chunk the plan was made for
     * @param measured seconds (or bytes) for {@code coordinates} coordinates
     * @param fixed seconds (or bytes) of the fixed part, 0 without a {@link Method#fixedPass()}
     * @return the estimate for all parameters; {@code measured} itself when nothing is estimated
     */
    public double extrapolate(Method method, int chunk, double measured, double fixed) {
        if (!estimated) {
            return measured;
        }
        return scale(method, chunk, coordinates, measured, fixed, parameters);
    }

    private static double predicted(Method method, int chunk, int unit, double unitSeconds,
            double fixedSeconds, int m) {
        return scale(method, chunk, unit, unitSeconds, fixedSeconds, m);
    }

    /** The affine model: {@code fixed + (measured - fixed) · cost(to) / cost(from)}. */
    private static double scale(Method method, int chunk, int from, double measured, double fixed,
            int to) {
        double variable = Math.max(0, measured - fixed); // noise must not make it negative
        return fixed + variable * method.cost(to, chunk) / method.cost(from, chunk);
    }
}
