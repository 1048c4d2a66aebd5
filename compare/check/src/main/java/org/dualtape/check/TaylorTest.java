package org.dualtape.check;

import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The tolerance-free Taylor-remainder test: along a direction {@code d}, the remainder
 * {@code r(h) = |F(x + h d) - F(x) - J (h d)|} falls like {@code h²} when the claimed
 * {@code J} is right and like {@code h} when it is wrong, so the slope of {@code log r} against
 * {@code log h} decides, with no tolerance.
 *
 * <h2>Procedure</h2>
 * Steps {@code h = 2⁻¹ ... 2⁻⁴⁴}; the linear term uses the displacement actually taken,
 * {@code (x + h d) - x}, so the rounding of the point does not pollute the remainder. A remainder
 * counts only when it exceeds 100 times its rounding noise: {@code 16 ε (|F(x+hd)| + |F(x)| +
 * |J h d|)}, or, if larger, the remainder measured at two points a few ulps from {@code x} and
 * the second differences at small steps {@code 2^-10 ... 2^-42} along {@code d} where they no
 * longer fall like curvature (they catch
 * functions computed with more rounding than one ulp of their value, as after a cancellation). The slopes between consecutive
 * counted steps, at the smallest steps, give the verdict: at least 1.75: second order (pass); the
 * last two within 0.25 of 1: first order (fail), unless a probe finds a kink along {@code d};
 * anything else, or too few counted steps: inconclusive (not a failure).
 */
final class TaylorTest {
    static final int STEPS = 44;
    /**
     * Steps {@code 2^-e} at which second differences measure the rounding of the values along the
     * direction: at the small ones they show the steps of the staircase that the rounding of
     * intermediate results makes ({@code cosh(x) - 1} at 1e-5 has values of 5e-11 that move in
     * steps of 2.2e-16, the rounding of 1), which no bound from the values' own size covers. Where
     * the staircase shows depends on how fast f moves, so the steps span 2^-10 to 2^-42; at the
     * large ones curvature adds to the measure, which only makes the test more cautious.
     */
    static final int[] STAIR_STEPS = {10, 14, 18, 22, 26, 30, 34, 38, 42};
    static final double RELIABLE = 100;
    static final double NOISE_ULPS = 16;

    private TaylorTest() {
    }

    /**
     * Runs the test.
     *
     * @param values {@code y -> F(y)} (scalar functions: length 1)
     * @param predict {@code displacement -> J · displacement} from the claim
     * @param x the point, not modified
     * @param f0 {@code F(x)}
     * @param d the direction, not modified
     * @param ulpPoints two points a few ulps from {@code x}, for the measured noise
     */
    static CheckReport.Taylor run(Function<double[], double[]> values, UnaryOperator<double[]> predict, double[] x,
            double[] f0, double[] d, double[][] ulpPoints, String directionName) {
        int m = f0.length;
        double[] measuredNoise = new double[m];
        for (double[] p : ulpPoints) {
            double[] fp = values.apply(p);
            double[] lin = predict.apply(displacement(x, p));
            for (int o = 0; o < m; o++) {
                measuredNoise[o] = Math.max(measuredNoise[o], Math.abs(fp[o] - f0[o] - lin[o]));
            }
        }
        double[] previous = null;
        for (int e : STAIR_STEPS) {
            double t = Math.scalb(1.0, -e);
            double[] up = values.apply(Evaluator.step(x, d, t));
            double[] down = values.apply(Evaluator.step(x, d, -t));
            double[] twice = values.apply(Evaluator.step(x, d, 2 * t));
            double[] second = new double[m];
            for (int o = 0; o < m; o++) {
                // Central and one-sided: an even function rounds symmetrically about a point.
                second[o] = Math.max(Math.abs(up[o] - 2 * f0[o] + down[o]), Math.abs(twice[o] - 2 * up[o] + f0[o]));
                // Curvature makes it fall 256 times per step (t falls 16 times), a kink within the
                // step 16 times; where it falls by less than 4, rounding dominates: the noise.
                if (previous != null && Double.isFinite(second[o]) && !(second[o] <= previous[o] / 4)) {
                    measuredNoise[o] = Math.max(measuredNoise[o], second[o]);
                }
            }
            previous = second;
        }
        double[] steps = new double[STEPS];
        double[][] remainder = new double[m][STEPS];
        boolean[][] reliable = new boolean[m][STEPS];
        for (int k = 0; k < STEPS; k++) {
            double h = Math.scalb(1.0, -(k + 1));
            steps[k] = h;
            double[] y = Evaluator.step(x, d, h);
            double[] fy = values.apply(y);
            double[] lin = predict.apply(displacement(x, y));
            for (int o = 0; o < m; o++) {
                double r = Math.abs(fy[o] - f0[o] - lin[o]);
                double noise = Math.max(NOISE_ULPS * 0x1p-52 * (Math.abs(fy[o]) + Math.abs(f0[o]) + Math.abs(lin[o])),
                        measuredNoise[o]);
                remainder[o][k] = r;
                reliable[o][k] = r > RELIABLE * noise;
            }
        }
        CheckReport.Taylor worst = null;
        for (int o = 0; o < m; o++) {
            CheckReport.Taylor t = verdict(steps, remainder[o], reliable[o], directionName, m == 1 ? -1 : o);
            if (worst == null || t.verdict().ordinal() > worst.verdict().ordinal()) {
                worst = t;
            }
        }
        return worst;
    }

    private static CheckReport.Taylor verdict(double[] steps, double[] r, boolean[] reliable, String direction, int output) {
        String where = direction + (output < 0 ? "" : ", output " + output);
        int last = -1;
        int count = 0;
        double lastSlope = Double.NaN;
        double previousSlope = Double.NaN;
        for (int k = 0; k + 1 < steps.length; k++) {
            if (reliable[k] && reliable[k + 1]) {
                previousSlope = lastSlope;
                lastSlope = Math.log(r[k] / r[k + 1]) / Math.log(2);
                last = k + 1;
                count++;
            }
        }
        if (count == 0) {
            return new CheckReport.Taylor(where, steps, r, Double.NaN, Double.NaN, CheckReport.Taylor.Verdict.INCONCLUSIVE,
                    "remainder never rose above rounding noise (linear along the direction?)");
        }
        double h = steps[last];
        if (lastSlope >= 1.75) {
            return new CheckReport.Taylor(where, steps, r, lastSlope, h, CheckReport.Taylor.Verdict.SECOND_ORDER,
                    String.format(Locale.ROOT, "remainder falls as h^%.2f down to h = %.1e: consistent with the claim", lastSlope, h));
        }
        if (count >= 2 && Math.abs(lastSlope - 1) <= 0.25 && Math.abs(previousSlope - 1) <= 0.25) {
            return new CheckReport.Taylor(where, steps, r, lastSlope, h, CheckReport.Taylor.Verdict.FIRST_ORDER,
                    String.format(Locale.ROOT, "remainder falls only as h^%.2f at h = %.1e: the claimed derivative along it is off by about %.2e",
                            lastSlope, h, r[last] / h));
        }
        return new CheckReport.Taylor(where, steps, r, lastSlope, h, CheckReport.Taylor.Verdict.INCONCLUSIVE,
                String.format(Locale.ROOT, "slope %.2f at h = %.1e is neither 1 nor 2", lastSlope, h));
    }

    /** {@code y - x}, exact when the two are close (Sterbenz). */
    static double[] displacement(double[] x, double[] y) {
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = y[i] - x[i];
        }
        return s;
    }
}
