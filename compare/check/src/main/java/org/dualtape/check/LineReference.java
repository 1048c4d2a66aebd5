package org.dualtape.check;

import java.util.Arrays;
import java.util.function.DoubleFunction;
import org.dualtape.check.numeric.FiniteDifferences;
import org.dualtape.check.numeric.FiniteDifferences.Estimate;

/**
 * The finite-difference reference for the derivative of every output along one line
 * {@code t -> F(x + t d)}: Ridders' extrapolation run twice from unrelated first steps, over a
 * search of first steps (per output: a later estimate that agrees within both errors replaces one
 * with a larger error; of two that disagree, the one from the smaller first step wins); and a
 * probe that tells a kink at the point from a wrong derivative.
 *
 * <h2>Why two runs</h2>
 * One Ridders run's error estimate was exceeded at 1 point in 1000 (by 12×) in
 * {@code FiniteDifferencesTest}; a second run from {@code h0 / 3.7} (not a power of the shrink
 * factor 1.4, so no step is shared) and the runs' disagreement bounded the error at all 1000.
 *
 * <h2>Kinks near the point</h2>
 * A piecewise-smooth function (relu, abs, max) is smooth on a small enough interval around any
 * point that is not itself a kink, but Ridders' steps can straddle a kink nearby. Its tableau then
 * mixes the two pieces and its error estimate can be several times too small: on the digits MLP
 * (310 parameters, 128 relu units) a kink 1.6e-4 from the point along a random direction gave
 * 0.860 ± 0.005 for a derivative of 0.830. So when the listed first steps leave any output's error
 * above {@value #GOOD_ENOUGH} of its scale, the search goes on with first steps 10 times smaller
 * each, down to {@value #SMALLEST_STEP} of the line's scale (its tableau reaching about 1e-11),
 * until every output is that good: an estimate from steps that all fall short of the nearest kink
 * disagrees with the straddling ones and, being from the smaller first step, wins (on the digits
 * MLP: 0.82995853490 ± 1.6e-10 from a first step of 1e-4).
 *
 * <h2>Kinks at the point</h2>
 * At a kink at the point every central difference is the mean of the one-sided derivatives, a
 * smooth-looking estimate that a claim of either side fails. {@link #probeKink} then tells a kink
 * at the point from a wrong derivative by second differences on a ladder of steps that starts
 * within the reference's first step (so no other kink lies between its steps, as long as the
 * reference found the line smooth there) and goes down to where rounding takes over. A kink so
 * near the point that no step resolves it counts as one at the point. The limit: a kink within
 * about 1e-9 of the scale from the point (but not at it) can fall between what the smallest
 * first steps resolve and what the probe calls a kink at the point, and fail a right claim.
 *
 * <h2>Noise</h2>
 * Small steps amplify noise in the values: rounding of {@code F} itself, and along a direction
 * the rounding of every coordinate of {@code x + t d} (up to half an ulp of {@code x_i}), which no
 * bound on {@code F}'s rounding covers. The caller passes the noise it measured (the change of
 * {@code F} over points a few ulps from {@code x}); it widens every error estimate's rounding part
 * ({@link FiniteDifferences#riddersEach(DoubleFunction, double, double, double[])}) and the probe's
 * threshold, so estimates from small steps are not trusted beyond it.
 */
final class LineReference {
    /**
     * First steps tried along a coordinate, as multiples of its scale {@code max(1, |x_j|)}, in
     * order (see {@link #coordinateSteps} for coordinates below 1). None above 0.1 of the scale:
     * steps longer than the scale on which f varies average it out and give small, mutually
     * consistent, wrong differences that no error estimate sees ({@code 1e16 + sin(x1)} with
     * first steps of 1e3 gave 0 ± 0.06 for a derivative of 0.88).
     */
    static final double[] COORDINATE_STEPS = {1e-1, 1e-3, 1e-5, 1e-7};
    /**
     * First steps tried along a random direction, as multiples of the direction's scale, before
     * any shrinking. Not below 1e-3: {@code x + t d} rounds every coordinate (by up to ε|x_i|), an
     * error that grows as 1/t; smaller steps are taken only when these leave the line unresolved
     * (see Kinks near the point), with that rounding in the error estimate.
     */
    static final double[] DIRECTION_STEPS = {1e-1, 1e-2, 1e-3};
    /**
     * At least this many first steps are tried, so an estimate from the first, aliased by a
     * function that varies on a much smaller scale, meets a disagreeing one from a smaller step.
     */
    static final int MIN_STEPS_TRIED = 2;
    /** Stop searching once every output's error is below this times its scale. */
    static final double GOOD_ENOUGH = 1e-10;
    /** Ratio of the second run's first step to the first's: not a power of 1.4. */
    static final double SECOND_RUN = 3.7;
    /** After the listed first steps, each further first step is this many times smaller. */
    static final double SHRINK = 10;
    /** The smallest first step, as a multiple of the line's scale. */
    static final double SMALLEST_STEP = 1e-9;
    /** Kink probe: the largest step of its ladder, as a multiple of the line's scale. */
    static final double KINK_STEP = 1e-4;
    /** Kink probe: ratio of one step of the ladder to the next. */
    static final double KINK_RATIO = 8;
    /** Kink probe: the most steps on its ladder (from 1e-4 of the scale, the last is 7.5e-13 of it). */
    static final int KINK_LEVELS = 10;
    /** Kink probe: a second difference counts only above this many times its rounding noise. */
    static final double KINK_RELIABLE = 100;
    /**
     * Kink probe: from one step of the ladder to the next, a kink's jump {@code R - L} and its
     * one-sided derivatives {@code L}, {@code R} move by at most this fraction of the jump. A
     * smooth function's jump falls 8 times per step, and rounding noise's grows about 8 times, so
     * neither stays this steady over three steps.
     */
    static final double KINK_STEADY = 0.25;

    /**
     * The first steps along coordinate {@code xj}, as multiples of {@code max(1, |xj|)}: for
     * {@code 0 < |xj| < 1}, first 0.1 and 1e-3 of {@code |xj|} (a coordinate of 1e-8 usually
     * means a function that varies on that scale: steps of 0.1 would step over all of it), then
     * {@link #COORDINATE_STEPS}. An estimate from the larger steps replaces one from the smaller
     * only where both agree within their errors.
     */
    static double[] coordinateSteps(double xj) {
        double a = Math.abs(xj);
        if (!(a > 0 && a < 1)) {
            return COORDINATE_STEPS;
        }
        double[] steps = new double[COORDINATE_STEPS.length + 2];
        steps[0] = 0.1 * a;
        steps[1] = 1e-3 * a;
        System.arraycopy(COORDINATE_STEPS, 0, steps, 2, COORDINATE_STEPS.length);
        return steps;
    }

    /**
     * The first steps along a direction, as multiples of its scale ({@link Reference#directionScale}):
     * for a point whose root-mean-square coordinate {@code rms} is in (0, 1), first 0.1 and 1e-3 of
     * {@code rms} (as {@link #coordinateSteps} does for one coordinate), then
     * {@link #DIRECTION_STEPS}.
     */
    static double[] directionSteps(double rms) {
        if (!(rms > 0 && rms < 1)) {
            return DIRECTION_STEPS;
        }
        double[] steps = new double[DIRECTION_STEPS.length + 2];
        steps[0] = 0.1 * rms;
        steps[1] = 1e-3 * rms;
        System.arraycopy(DIRECTION_STEPS, 0, steps, 2, DIRECTION_STEPS.length);
        return steps;
    }

    /** Per output: the derivative, its error estimate, and the first step that gave it. */
    record Result(double[] value, double[] error, double[] firstStep) {
    }

    /**
     * A kink along the line for one output: one-sided derivatives, a bound on their error
     * (rounding, and the change from the next larger step of the ladder for truncation), and the
     * step they were taken with; {@code kink} false when the second difference shrinks with the
     * step as for a smooth function.
     */
    record OneSided(boolean kink, double left, double right, double error, double step) {
    }

    private LineReference() {
    }

    /** Whether the jump and the one-sided derivatives of output {@code k} are steady from level {@code i - 1} to {@code i}. */
    private static boolean steady(double[][] left, double[][] right, int i, int k) {
        double jump = right[i - 1][k] - left[i - 1][k];
        double bound = KINK_STEADY * Math.abs(jump);
        return Math.abs(right[i][k] - left[i][k] - jump) <= bound && Math.abs(left[i][k] - left[i - 1][k]) <= bound
                && Math.abs(right[i][k] - right[i - 1][k]) <= bound;
    }

    /**
     * Estimates the derivative of every output along {@code g} at {@code t0}: the listed first
     * steps, then (while an output is not good enough) first steps {@value #SHRINK} times smaller
     * each, down to {@value #SMALLEST_STEP} of the scale.
     *
     * @param scale the line's natural length (first steps are multiples of it)
     * @param steps the first steps to try, as multiples of {@code scale}, in order (not modified)
     * @param outputScale per output, a magnitude against which "good enough" is judged (not modified)
     * @param noise per output, the absolute noise of {@code g}'s values beyond one rounding (not
     *     modified)
     */
    static Result estimate(DoubleFunction<double[]> g, double t0, double scale, double[] steps, double[] outputScale,
            double[] noise) {
        int m = outputScale.length;
        double[] value = new double[m];
        double[] error = new double[m];
        double[] firstStep = new double[m];
        Arrays.fill(value, Double.NaN);
        Arrays.fill(error, Double.POSITIVE_INFINITY);
        int tried = 0;
        double smallest = Double.POSITIVE_INFINITY;
        boolean allGood = false;
        for (int i = 0; !(allGood && tried >= MIN_STEPS_TRIED); i++) {
            double h0;
            if (i < steps.length) {
                h0 = steps[i] * scale;
            } else {
                // Shrink until the line is smooth on the steps (see the class comment on kinks).
                h0 = smallest / SHRINK;
                // The floor, with slack for rounding (and none to shrink from if no step was tried).
                if (!(h0 >= SMALLEST_STEP * scale * (1 - 1e-9)) || h0 == Double.POSITIVE_INFINITY) {
                    break;
                }
            }
            if (t0 + h0 / SECOND_RUN == t0) {
                if (i >= steps.length) {
                    break;
                }
                continue; // too small for this coordinate's magnitude
            }
            smallest = Math.min(smallest, h0);
            Estimate[] a = FiniteDifferences.riddersEach(g, t0, h0, noise);
            Estimate[] b = FiniteDifferences.riddersEach(g, t0, h0 / SECOND_RUN, noise);
            allGood = true;
            for (int k = 0; k < m; k++) {
                Estimate better = a[k].error() <= b[k].error() ? a[k] : b[k];
                double e = Math.max(Math.max(a[k].error(), b[k].error()), Math.abs(a[k].value() - b[k].value()));
                if (Double.isFinite(e) && Double.isFinite(better.value())) {
                    boolean agrees = Math.abs(better.value() - value[k]) <= error[k] + e;
                    // Estimates that disagree beyond both errors: one error estimate is wrong. Steps
                    // far larger than the scale on which f varies average f out and give small,
                    // mutually consistent, wrong differences that Ridders cannot see (1 + 1e-10 sin x
                    // with h0 = 1000: 1e-14 ± 2e-14 for a derivative of -7.6e-12); steps that
                    // straddle a kink mix two pieces. Rounding, the danger of small steps, is in the
                    // estimate. So the smaller first step wins.
                    boolean replace = !Double.isFinite(error[k]) || (agrees ? e < error[k] : h0 < firstStep[k]);
                    if (replace) {
                        error[k] = e;
                        value[k] = better.value();
                        firstStep[k] = h0;
                    }
                }
                allGood &= error[k] <= GOOD_ENOUGH * Math.max(Math.abs(value[k]), outputScale[k]);
            }
            tried++;
        }
        return new Result(value, error, firstStep);
    }

    /**
     * Probes for a kink at {@code t0}: the second difference
     * {@code D(h) = |g(t+h) - 2g(t) + g(t-h)| / h} tends to 0 like {@code h} for a smooth function
     * and to the jump of the derivative at a kink. Measured on a ladder of steps from
     * {@value #KINK_STEP} of the scale, or {@code largest} if smaller, down by {@value #KINK_RATIO}
     * each ({@value #KINK_LEVELS} at most, to about 7.5e-13 of the scale), while {@code D} is above
     * {@value #KINK_RELIABLE} times its rounding noise. A kink is seen only when, over the three
     * smallest such steps, the jump {@code R - L} of the one-sided derivatives and the one-sided
     * derivatives themselves stay within {@value #KINK_STEADY} of the jump from step to step: the
     * changes between steps are the noise bound measured at the steps used. A smooth function's
     * jump falls 8 times per step and noise grows about 8 times, so neither is taken for a kink.
     * Using the smallest reliable steps, not fixed ones, keeps a kink at the point from being
     * hidden by a larger kink nearby, and a kink nearby (beyond the smallest step) from being
     * taken for one at the point.
     *
     * <p>{@code largest} is the first step of the reference estimate, on which the line looked
     * smooth (a kink at the point leaves central differences smooth: it adds the same jump / 2 at
     * every step), so that no other kink falls between the ladder's steps.
     *
     * <p>The one-sided derivatives are first-order differences: at a kink, at the step (among
     * those over which {@code D} stays) with the smallest error bound; else at the smallest
     * reliable step, where the line is surely in its Taylor regime. Their error bound is twice
     * their rounding plus, for truncation, the change from the next larger step over 7 (a side
     * {@code S + ch} changes by {@code 7ch} from {@code h} to {@code 8h}).
     *
     * @param noise per output, the absolute noise of {@code g}'s values beyond one rounding (not
     *     modified)
     * @param largest the largest step to use (infinite for no limit)
     */
    static OneSided[] probeKink(DoubleFunction<double[]> g, double t0, double scale, double[] g0, double[] noise,
            double largest) {
        int m = g0.length;
        // Per level of the ladder and output: one-sided derivatives, second difference, rounding.
        double[][] left = new double[KINK_LEVELS][m];
        double[][] right = new double[KINK_LEVELS][m];
        double[][] second = new double[KINK_LEVELS][m];
        double[][] rounding = new double[KINK_LEVELS][m];
        double[] steps = new double[KINK_LEVELS];
        int[] reliable = new int[m]; // levels 0 .. reliable[k] - 1 are reliable for output k
        int levels = 0;
        double h = Math.min(KINK_STEP * scale, largest);
        for (boolean any = true; levels < KINK_LEVELS && any; levels++, h /= KINK_RATIO) {
            double up = t0 + h;
            double down = t0 - h;
            if (up == t0 || down == t0) {
                break;
            }
            double[] gUp = g.apply(up);
            double[] gDown = g.apply(down);
            steps[levels] = h;
            any = false;
            for (int k = 0; k < m; k++) {
                int i = levels;
                right[i][k] = (gUp[k] - g0[k]) / (up - t0);
                left[i][k] = (g0[k] - gDown[k]) / (t0 - down);
                second[i][k] = Math.abs(gUp[k] - 2 * g0[k] + gDown[k]) / h;
                rounding[i][k] = (0x1p-52 * (Math.abs(gUp[k]) + 2 * Math.abs(g0[k]) + Math.abs(gDown[k])) + 4 * noise[k]) / h;
                // Once unreliable, smaller steps only add rounding: the output is done.
                if (reliable[k] == i && second[i][k] > KINK_RELIABLE * rounding[i][k]) {
                    reliable[k]++;
                    any = true;
                }
            }
        }
        OneSided[] result = new OneSided[m];
        for (int k = 0; k < m; k++) {
            int deepest = reliable[k] - 1;
            if (levels == 0) {
                result[k] = new OneSided(false, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
                continue;
            }
            if (deepest < 2 || !steady(left, right, deepest, k) || !steady(left, right, deepest - 1, k)) {
                // No kink seen at the point. The deepest reliable step is where the line is surely in
                // its Taylor regime (D fell like h down to it), or the largest if none is reliable.
                int i = Math.max(deepest, 0);
                double truncation = i == 0 ? Math.abs(right[0][k] - left[0][k])
                        : Math.max(Math.abs(left[i][k] - left[i - 1][k]), Math.abs(right[i][k] - right[i - 1][k])) / (KINK_RATIO - 1);
                result[k] = new OneSided(false, left[i][k], right[i][k], 2 * rounding[i][k] + truncation, steps[i]);
                continue;
            }
            // A kink: of the steps over which it stays steady (down to the deepest reliable one),
            // report the one-sided derivatives with the smallest error bound.
            int best = deepest;
            double bestError = Double.POSITIVE_INFINITY;
            for (int i = deepest; i >= 1 && steady(left, right, i, k); i--) {
                double truncation = Math.max(Math.abs(left[i][k] - left[i - 1][k]), Math.abs(right[i][k] - right[i - 1][k]))
                        / (KINK_RATIO - 1);
                double error = 2 * rounding[i][k] + truncation;
                if (error < bestError) {
                    bestError = error;
                    best = i;
                }
            }
            result[k] = new OneSided(true, left[best][k], right[best][k], bestError, steps[best]);
        }
        return result;
    }
}
