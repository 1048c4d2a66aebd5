package org.dualtape.compare.check;

import java.util.Arrays;
import java.util.function.DoubleFunction;
import org.dualtape.compare.numeric.FiniteDifferences;
import org.dualtape.compare.numeric.FiniteDifferences.Estimate;

/**
 * The finite-difference reference for the derivative of every output along one line
 * {@code t -> F(x + t d)}: Ridders' extrapolation run twice from unrelated first steps, over a
 * short search of first steps (per output: a later estimate that agrees within both errors
 * replaces one with a larger error; of two that disagree, the one from the smaller first step
 * wins); and a
 * probe that tells a kink from a wrong derivative.
 *
 * <h2>Why two runs</h2>
 * One Ridders run's error estimate was exceeded at 1 point in 1000 (by 12×) in
 * {@code FiniteDifferencesTest}; a second run from {@code h0 / 3.7} (not a power of the shrink
 * factor 1.4, so no step is shared) and the runs' disagreement bounded the error at all 1000.
 */
final class LineReference {
    /** First steps tried along a coordinate, as multiples of its scale {@code max(1, |x_j|)}, in order. */
    static final double[] COORDINATE_STEPS = {1e-1, 1e-3, 1e-5, 10, 1e-7, 1e3};
    /**
     * First steps tried along a random direction, as multiples of the direction's scale. Not below
     * 1e-3: {@code x + t d} rounds every coordinate (by up to ε|x_i|), an error that grows as 1/t.
     */
    static final double[] DIRECTION_STEPS = {1e-1, 1e-2, 1e-3, 1, 10};
    /**
     * At least this many first steps are tried, so an estimate from the first, aliased by a
     * function that varies on a much smaller scale, meets a disagreeing one from a smaller step.
     */
    static final int MIN_STEPS_TRIED = 2;
    /** Stop searching once every output's error is below this times its scale. */
    static final double GOOD_ENOUGH = 1e-10;
    /** Ratio of the second run's first step to the first's: not a power of 1.4. */
    static final double SECOND_RUN = 3.7;
    /** Kink probe: the outer step as a multiple of the line's scale, and the ratio to the inner step. */
    static final double KINK_STEP = 1e-4;
    static final double KINK_RATIO = 64;

    /** Per output: the derivative, its error estimate, and the first step that gave it. */
    record Result(double[] value, double[] error, double[] firstStep) {
    }

    /**
     * A kink along the line for one output: one-sided derivatives; {@code kink} false when the
     * second difference shrinks with the step as for a smooth function.
     */
    record OneSided(boolean kink, double left, double right) {
    }

    private LineReference() {
    }

    /**
     * Estimates the derivative of every output along {@code g} at {@code t0}.
     *
     * @param scale the line's natural length (first steps are multiples of it)
     * @param outputScale per output, a magnitude against which "good enough" is judged
     */
    static Result estimate(DoubleFunction<double[]> g, double t0, double scale, double[] steps, double[] outputScale) {
        int m = outputScale.length;
        double[] value = new double[m];
        double[] error = new double[m];
        double[] firstStep = new double[m];
        Arrays.fill(value, Double.NaN);
        Arrays.fill(error, Double.POSITIVE_INFINITY);
        int tried = 0;
        for (double c : steps) {
            double h0 = c * scale;
            if (t0 + h0 / SECOND_RUN == t0) {
                continue; // too small for this coordinate's magnitude
            }
            Estimate[] a = FiniteDifferences.riddersEach(g, t0, h0);
            Estimate[] b = FiniteDifferences.riddersEach(g, t0, h0 / SECOND_RUN);
            boolean allGood = true;
            for (int k = 0; k < m; k++) {
                Estimate better = a[k].error() <= b[k].error() ? a[k] : b[k];
                double e = Math.max(Math.max(a[k].error(), b[k].error()), Math.abs(a[k].value() - b[k].value()));
                if (!Double.isFinite(e) || !Double.isFinite(better.value())) {
                    continue;
                }
                boolean agrees = Math.abs(better.value() - value[k]) <= error[k] + e;
                // Estimates that disagree beyond both errors: one error estimate is wrong. Steps far
                // larger than the scale on which f varies average f out and give small, mutually
                // consistent, wrong differences that Ridders cannot see (1 + 1e-10 sin x with
                // h0 = 1000: 1e-14 ± 2e-14 for a derivative of -7.6e-12), while rounding, the
                // danger of small steps, is in the estimate. So the smaller first step wins.
                boolean replace = !Double.isFinite(error[k]) || (agrees ? e < error[k] : h0 < firstStep[k]);
                if (replace) {
                    error[k] = e;
                    value[k] = better.value();
                    firstStep[k] = h0;
                }
                allGood &= error[k] <= GOOD_ENOUGH * Math.max(Math.abs(value[k]), outputScale[k]);
            }
            tried++;
            if (allGood && tried >= MIN_STEPS_TRIED) {
                break;
            }
        }
        return new Result(value, error, firstStep);
    }

    /**
     * Probes for a kink at {@code t0}: the second difference {@code |g(t+h) - 2g(t) + g(t-h)| / h}
     * tends to 0 like {@code h} for a smooth function and to the jump of the derivative at a kink.
     * Measured at {@code h} and {@code h/64}: a kink keeps at least half of it, a smooth function
     * keeps about 1/64. Values within 1000 rounding errors of zero are not called kinks.
     */
    static OneSided[] probeKink(DoubleFunction<double[]> g, double t0, double scale, double[] g0) {
        double outer = KINK_STEP * scale;
        double inner = outer / KINK_RATIO;
        double up = t0 + inner;
        double down = t0 - inner;
        double[] gUp = g.apply(up);
        double[] gDown = g.apply(down);
        double[] gUpOuter = g.apply(t0 + outer);
        double[] gDownOuter = g.apply(t0 - outer);
        OneSided[] result = new OneSided[g0.length];
        for (int k = 0; k < g0.length; k++) {
            double right = (gUp[k] - g0[k]) / (up - t0);
            double left = (g0[k] - gDown[k]) / (t0 - down);
            double secondInner = Math.abs(gUp[k] - 2 * g0[k] + gDown[k]) / inner;
            double secondOuter = Math.abs(gUpOuter[k] - 2 * g0[k] + gDownOuter[k]) / outer;
            double noise = 0x1p-52 * (Math.abs(gUp[k]) + 2 * Math.abs(g0[k]) + Math.abs(gDown[k])) / inner;
            boolean kink = secondInner > 1000 * noise && secondInner >= 0.5 * secondOuter;
            result[k] = new OneSided(kink, left, right);
        }
        return result;
    }
}
