package org.dualtape.check.numeric;

import java.util.Objects;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Numerical gradients by finite differences, and Ridders' extrapolation of a derivative with an
 * error estimate.
 *
 * <h2>Gradients</h2>
 * {@link #gradient(Stencil, ToDoubleFunction, double[])} applies a {@link Stencil} to every
 * coordinate with its default step {@code c · max(1, |x_i|)}; the overload with {@code h} uses the
 * relative step {@code h · max(1, |x_i|)} instead (so {@code gradient(s, f, x)} equals
 * {@code gradient(s, f, x, s.relativeStep())}). Cost: {@code n · s.evaluations()} evaluations of
 * {@code f}, plus one for {@link Stencil#FORWARD}. Measured accuracy is in {@link Stencil}.
 *
 * <h2>Ridders</h2>
 * {@link #ridders(DoubleUnaryOperator, double, double)} builds a Neville tableau of central
 * differences at steps {@code h0, h0/1.4, h0/1.4², ...} (at most {@value #RIDDERS_STEPS}), each
 * column extrapolating the previous one to step 0, and stops when the tableau's diagonal starts to
 * grow (rounding has taken over). It returns the entry whose neighbours differ least, and as the
 * error estimate the larger of that difference and the entry's rounding bound (each central
 * difference contributes {@code ε (|g(t+h)| + |g(t-h)|) / 2h}, carried through the tableau with
 * the extrapolation weights; this assumes {@code g} is computed to within one rounding), plus one
 * ulp. (Ridders 1982; Numerical Recipes §5.7; the rounding bound is ours.) Cost: 2 evaluations per
 * tableau row, 4 to 20 in all.
 *
 * <p>Measured ({@code FiniteDifferencesTest#riddersEstimateBoundsTrueError}: exp, sin, log, atan,
 * 1/(1+x²) at 200 points each, seed 42, {@code h0 = 0.1 max(1, |t|)}): the worst true error was
 * 4.5e-12 relative to {@code max(|g'|, |g|)}; the true error exceeded the estimate at 1 point in
 * 1000, by a factor 12.3 (atan at t = -2.08, error 2.9e-12). On {@code exp} at {@code t0 = 1},
 * {@code h0 = 0.1}: relative error 1.3e-15, estimate 5.4e-14. A second run from a first step that
 * is not a power of 1.4 times the first ({@code h0 / 3.7}), taking the larger estimate and the
 * runs' disagreement, bounded the error at all 1000 points; the gradient checker does that.
 *
 * <p>Values noisier than one rounding (a long computation, or points that are themselves
 * rounded) break the rounding bound at small steps: {@code sin t + 1e-9 sin(1e9 t)} from
 * {@code h0 = 1e-3} at 200 points (seed 42) exceeded it at 25. Passing that noise to
 * {@link #riddersEach(DoubleFunction, double, double, double[])} widens the bound, which then held
 * at all 200 (the worst true error was 0.17 of it).
 *
 * <h2>Why not Commons Math's FiniteDifferencesDifferentiator</h2>
 * Its step is absolute and fixed when the differentiator is built, so a per-coordinate step needs
 * one instance per coordinate; with an odd number of points it also evaluates the centre point,
 * which a first derivative does not need (3 points cost 3 evaluations here, not 2); and it gives
 * no error estimate. The tests use it as an independent oracle for the stencils instead.
 *
 * <h2>Non-finite values</h2>
 * Points must be finite; function values pass through as in plain double code.
 */
public final class FiniteDifferences {
    /** Ridders: ratio by which the step shrinks from one tableau row to the next. */
    static final double RIDDERS_SHRINK = 1.4;
    /** Ridders: the most tableau rows (central differences) evaluated. */
    static final int RIDDERS_STEPS = 10;
    /** Ridders: stop once the diagonal moves by this factor more than the best error so far. */
    static final double RIDDERS_SAFE = 2.0;
    /** Machine epsilon 2⁻⁵², the relative rounding of one function value assumed by Ridders' bound. */
    static final double EPSILON = 0x1p-52;

    /**
     * A derivative estimate and an estimate of its absolute error.
     *
     * @param value the derivative estimate
     * @param error the estimated absolute error, non-negative (or NaN if values were NaN)
     */
    public record Estimate(double value, double error) {
    }

    private FiniteDifferences() {
    }

    /**
     * Returns the finite-difference gradient of {@code f} at {@code x} with the stencil's default
     * steps {@link Stencil#defaultStep(double)}.
     *
     * @param s the stencil
     * @param f the function
     * @param x the point, finite, length at least 1; modified during the call and restored
     *     bit-exactly before it returns
     * @return the gradient, a new array of length {@code x.length}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code x} is empty or has a non-finite entry
     */
    public static double[] gradient(Stencil s, ToDoubleFunction<double[]> f, double[] x) {
        Objects.requireNonNull(s, "stencil");
        return gradient(s, f, x, s.relativeStep());
    }

    /**
     * Returns the finite-difference gradient of {@code f} at {@code x} with relative step
     * {@code h}: coordinate {@code i} is moved by {@code h · max(1, |x_i|)}.
     *
     * @param s the stencil
     * @param f the function
     * @param x the point, finite, length at least 1; modified during the call and restored
     *     bit-exactly before it returns
     * @param h the relative step, finite and positive
     * @return the gradient, a new array of length {@code x.length}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code x} is empty or has a non-finite entry, if {@code h}
     *     is not finite and positive, or if a step vanishes against its coordinate
     */
    public static double[] gradient(Stencil s, ToDoubleFunction<double[]> f, double[] x, double h) {
        Objects.requireNonNull(s, "stencil");
        Objects.requireNonNull(f, "f");
        checkPoint(x);
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("relative step h must be finite and > 0, was " + h);
        }
        double fx = s == Stencil.FORWARD ? f.applyAsDouble(x) : Double.NaN;
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = s.partial(f, x, i, h * Math.max(1.0, Math.abs(x[i])), fx);
        }
        return g;
    }

    /**
     * Returns some components of the finite-difference gradient of {@code f} at {@code x} with
     * relative step {@code h}: for each chosen coordinate {@code c}, what
     * {@link #gradient(Stencil, ToDoubleFunction, double[], double)} returns at {@code c}, at the
     * cost of those coordinates only ({@code m · s.evaluations()} evaluations, plus one for
     * {@link Stencil#FORWARD}).
     *
     * @param s the stencil
     * @param f the function
     * @param x the point, finite, length at least 1; modified during the call and restored
     *     bit-exactly before it returns
     * @param h the relative step, finite and positive
     * @param coordinates the coordinates to differentiate by, each in {@code [0, x.length)}, in
     *     any order; not modified
     * @return a new array with the partial by coordinate {@code coordinates[j]} at {@code j}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as for the whole gradient, or if a coordinate is outside
     *     {@code [0, x.length)}
     */
    public static double[] gradient(Stencil s, ToDoubleFunction<double[]> f, double[] x, double h,
                                    int[] coordinates) {
        Objects.requireNonNull(s, "stencil");
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(coordinates, "coordinates");
        checkPoint(x);
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("relative step h must be finite and > 0, was " + h);
        }
        for (int j = 0; j < coordinates.length; j++) {
            if (coordinates[j] < 0 || coordinates[j] >= x.length) {
                throw new IllegalArgumentException("coordinates[" + j + "] = " + coordinates[j]
                        + " is not a coordinate of x, which has length " + x.length);
            }
        }
        double fx = s == Stencil.FORWARD && coordinates.length > 0 ? f.applyAsDouble(x) : Double.NaN;
        double[] g = new double[coordinates.length];
        for (int j = 0; j < coordinates.length; j++) {
            int i = coordinates[j];
            g[j] = s.partial(f, x, i, h * Math.max(1.0, Math.abs(x[i])), fx);
        }
        return g;
    }

    /**
     * Estimates {@code g'(t0)} by Ridders' extrapolation of central differences, with an error
     * estimate.
     *
     * @param g the function
     * @param t0 the point, finite
     * @param h0 the first (largest) absolute step, finite and positive; the derivative should be
     *     smooth on {@code [t0 - h0, t0 + h0]}. A step about 0.1 of the scale on which {@code g}
     *     changes works well.
     * @return the derivative and its estimated absolute error
     * @throws NullPointerException if {@code g} is null
     * @throws IllegalArgumentException if {@code t0} is not finite or {@code h0} is not finite and
     *     positive, or vanishes against {@code t0}
     */
    public static Estimate ridders(DoubleUnaryOperator g, double t0, double h0) {
        Objects.requireNonNull(g, "g");
        return riddersEach(t -> new double[] {g.applyAsDouble(t)}, t0, h0)[0];
    }

    /**
     * Estimates the derivative of every component of a vector function {@code g} at {@code t0} by
     * Ridders' extrapolation, sharing the evaluations: each component has its own tableau and
     * stopping point, and the rows continue while any component has not stopped. Component
     * {@code k} of the result is what {@link #ridders(DoubleUnaryOperator, double, double)} would
     * return for {@code t -> g(t)[k]}.
     *
     * @param g the function; it must return arrays of the same length (at least 1) at every point;
     *     the arrays are not kept
     * @param t0 the point, finite
     * @param h0 the first (largest) absolute step, finite and positive
     * @return one estimate per component of {@code g}
     * @throws NullPointerException if {@code g} is null or returns null
     * @throws IllegalArgumentException if {@code t0} or {@code h0} is bad (as for the scalar
     *     method), or {@code g} returns arrays of different or zero lengths
     */
    public static Estimate[] riddersEach(DoubleFunction<double[]> g, double t0, double h0) {
        return riddersEach(g, t0, h0, null);
    }

    /**
     * As {@link #riddersEach(DoubleFunction, double, double)}, for a function whose values carry
     * more noise than one rounding: component {@code k} of every value of {@code g} may be off by
     * {@code noise[k]} (absolute) besides its own rounding, so each central difference's rounding
     * bound becomes {@code (ε (|g(t+h)| + |g(t-h)|) + 2 noise[k]) / 2h}, carried through the
     * tableau like the rounding. The estimates are unchanged; only the error bounds grow, most at
     * the smallest steps. The gradient checker passes the measured effect of rounding the points
     * {@code x + t d} of a line along a direction {@code d}.
     *
     * @param g the function, as for the method without {@code noise}
     * @param t0 the point, finite
     * @param h0 the first (largest) absolute step, finite and positive
     * @param noise per component, the absolute noise of {@code g}'s values, finite and
     *     non-negative (not modified); null for none
     * @return one estimate per component of {@code g}
     * @throws NullPointerException if {@code g} is null or returns null
     * @throws IllegalArgumentException as for the method without {@code noise}, or if
     *     {@code noise} has a length other than {@code g}'s or an entry that is negative or not
     *     finite
     */
    public static Estimate[] riddersEach(DoubleFunction<double[]> g, double t0, double h0, double[] noise) {
        Objects.requireNonNull(g, "g");
        if (!Double.isFinite(t0)) {
            throw new IllegalArgumentException("t0 must be finite, was " + t0);
        }
        if (!(h0 > 0) || !Double.isFinite(h0) || t0 + h0 == t0) {
            throw new IllegalArgumentException("h0 must be finite, > 0 and not vanish against t0=" + t0 + ", was " + h0);
        }
        if (noise != null) {
            for (int k = 0; k < noise.length; k++) {
                if (!(noise[k] >= 0) || !Double.isFinite(noise[k])) {
                    throw new IllegalArgumentException("noise[" + k + "] must be finite and >= 0, was " + noise[k]);
                }
            }
        }
        double h = h0;
        double[][] first = central(g, t0, h, -1, noise);
        int m = first[0].length;
        // Tableau rows (previous, current) per component; noise* carry each entry's rounding bound.
        double[][] previous = new double[m][RIDDERS_STEPS];
        double[][] current = new double[m][RIDDERS_STEPS];
        double[][] noisePrevious = new double[m][RIDDERS_STEPS];
        double[][] noiseCurrent = new double[m][RIDDERS_STEPS];
        double[] best = new double[m];
        double[] bestNoise = new double[m];
        double[] error = new double[m];
        boolean[] stopped = new boolean[m];
        for (int k = 0; k < m; k++) {
            previous[k][0] = first[0][k];
            noisePrevious[k][0] = first[1][k];
            best[k] = first[0][k];
            bestNoise[k] = first[1][k];
            error[k] = Double.POSITIVE_INFINITY;
        }
        int active = m;
        for (int row = 1; row < RIDDERS_STEPS && active > 0; row++) {
            h /= RIDDERS_SHRINK;
            if (t0 + h == t0) {
                break;
            }
            double[][] differences = central(g, t0, h, m, noise);
            for (int k = 0; k < m; k++) {
                if (stopped[k]) {
                    continue;
                }
                double[] cur = current[k];
                double[] prev = previous[k];
                double[] noiseCur = noiseCurrent[k];
                double[] noisePrev = noisePrevious[k];
                cur[0] = differences[0][k];
                noiseCur[0] = differences[1][k];
                double factor = RIDDERS_SHRINK * RIDDERS_SHRINK;
                for (int col = 1; col <= row; col++) {
                    // Neville: extrapolate the pair (row-1, row) of the previous column to step 0.
                    cur[col] = (cur[col - 1] * factor - prev[col - 1]) / (factor - 1);
                    noiseCur[col] = (noiseCur[col - 1] * factor + noisePrev[col - 1]) / (factor - 1);
                    factor *= RIDDERS_SHRINK * RIDDERS_SHRINK;
                    double e = Math.max(Math.abs(cur[col] - cur[col - 1]), Math.abs(cur[col] - prev[col - 1]));
                    if (e <= error[k]) {
                        error[k] = e;
                        best[k] = cur[col];
                        bestNoise[k] = noiseCur[col];
                    }
                }
                if (Math.abs(cur[row] - prev[row - 1]) >= RIDDERS_SAFE * error[k]) {
                    stopped[k] = true;
                    active--;
                }
                previous[k] = cur;
                current[k] = prev;
                noisePrevious[k] = noiseCur;
                noiseCurrent[k] = noisePrev;
            }
        }
        Estimate[] estimates = new Estimate[m];
        for (int k = 0; k < m; k++) {
            // The tableau differences can agree by luck (even exactly); the rounding bound cannot.
            estimates[k] = Double.isNaN(best[k]) ? new Estimate(Double.NaN, Double.NaN)
                    : new Estimate(best[k], Math.max(error[k], bestNoise[k]) + Math.ulp(best[k]));
        }
        return estimates;
    }

    /**
     * Central differences of every component with the representable step, as in
     * {@link Stencil#CENTRAL}: row 0 the values, row 1 their rounding bounds
     * {@code (ε (|g(t+h)| + |g(t-h)|) + 2 noise) / 2h}. {@code m} is the expected length, or -1 on
     * the first call; {@code noise} null for none.
     */
    private static double[][] central(DoubleFunction<double[]> g, double t, double h, int m, double[] noise) {
        double up = t + h;
        double down = t - h;
        double[] gUp = checkedLength(g.apply(up), m);
        double[] gDown = checkedLength(g.apply(down), gUp.length);
        if (noise != null && noise.length != gUp.length) {
            throw new IllegalArgumentException("noise has length " + noise.length + " but g returns " + gUp.length
                    + " values");
        }
        double[][] out = new double[2][gUp.length];
        for (int k = 0; k < gUp.length; k++) {
            double extra = noise == null ? 0 : 2 * noise[k];
            out[0][k] = (gUp[k] - gDown[k]) / (up - down);
            out[1][k] = (EPSILON * (Math.abs(gUp[k]) + Math.abs(gDown[k])) + extra) / (up - down);
        }
        return out;
    }

    private static double[] checkedLength(double[] values, int m) {
        Objects.requireNonNull(values, "g returned null");
        if (values.length == 0 || (m >= 0 && values.length != m)) {
            throw new IllegalArgumentException("g must return arrays of one length >= 1; got length " + values.length
                    + (m >= 0 ? ", expected " + m : ""));
        }
        return values;
    }

    /** Rejects a null, empty or non-finite point. */
    static void checkPoint(double[] x) {
        Objects.requireNonNull(x, "x");
        if (x.length == 0) {
            throw new IllegalArgumentException("x must have at least 1 coordinate, had 0");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i + "] must be finite, was " + x[i]);
            }
        }
    }
}
