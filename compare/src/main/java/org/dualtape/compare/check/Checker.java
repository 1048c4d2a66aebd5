package org.dualtape.compare.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Runs a check: compares a {@link Claim} with a {@link Reference} entry by entry (every coordinate,
 * random directions, or random dot products), probes kinks where entries disagree, runs the
 * Taylor test, and builds the {@link CheckReport}. Inputs are already validated.
 *
 * <h2>Kinks</h2>
 * A failed entry is judged again along its line ({@link LineReference#probeKink}): a kink at the
 * point with the claim between the one-sided derivatives makes it KINK. If the claim is outside
 * them (or there is no kink along the line), the derivatives along the line at points around the
 * point ({@link Reference#around}) tell whether several kinks meet there: they stay as the points
 * draw nearer (a smooth function's converge) and fall outside the one-sided derivatives. Then no
 * line through the point bounds a generalized gradient (the convex hull of the gradients of the
 * pieces that meet there: with {@code -relu(x0) + |x1|} at 0, the claim (0, 0) is one, yet along
 * {@code d = (1, 0.5)} both one-sided derivatives are -0.5): KINK, not checked. The
 * digits MLP with its first layer set to 0 (all 128 relu units at 0) passes this way.
 */
final class Checker {
    static final double EPS = 0x1p-52;
    /** Rounding allowance on every entry: 64 ulps of the larger of claimed and reference. */
    static final double ULPS = 64;
    /** Multiplies the spread of a claimed derivative function over points a few ulps away. */
    static final double CLAIM_SPREAD_SAFETY = 16;
    /**
     * A derivative around a kink must leave the one-sided derivatives by this many times the
     * error bounds (plus the tolerance) to show that several kinks meet at the point.
     */
    static final double AROUND_SAFETY = 4;
    /** Points a few ulps from x at which the noise of the values is measured. */
    static final int NOISE_POINTS = 2;

    private final String title;
    private final boolean scalar;
    private final double[] x;
    private final Reference reference;
    private final Claim claim;
    private final Options options;
    private final List<CheckReport.Entry> entries = new ArrayList<>();
    private final List<CheckReport.Kink> kinks = new ArrayList<>();
    private final List<CheckReport.Coverage> coverage = new ArrayList<>();
    private long claimEvaluations;
    private double[] f0;
    private double[] noise;

    Checker(String title, boolean scalar, double[] x, Reference reference, Claim claim, Options options) {
        this.title = title;
        this.scalar = scalar;
        this.x = x;
        this.reference = reference;
        this.claim = claim;
        this.options = options;
    }

    CheckReport run() {
        int n = x.length;
        double[][] claimed = claim.jacobian();
        if (claim.jacobianFunction() != null) {
            claimed = claimedJacobian(x);
        }
        double[] f0 = reference.values(x);
        this.f0 = f0;
        for (int k = 0; k < f0.length; k++) {
            if (!Double.isFinite(f0[k])) {
                throw new IllegalArgumentException("f(x)" + (scalar ? "" : "[" + k + "]") + " = " + f0[k] + " at x = "
                        + Arrays.toString(x) + ": the check needs finite values at the point");
            }
        }
        int m = f0.length;
        if (claimed != null && claimed.length != m) {
            throw new IllegalArgumentException("claimed Jacobian has " + claimed.length + " rows but f has " + m + " outputs");
        }
        String method;
        if (claim.isJacobian()) {
            double[][] spread = claimSpread(claimed);
            boolean everyCoordinate = options.directions() < 0
                    || (options.directions() == 0 && n <= Options.AUTO_COORDINATES);
            if (everyCoordinate) {
                coordinates(claimed, spread, f0);
                method = reference.method() + "; every coordinate";
            } else {
                int k = options.directions() > 0 ? options.directions() : Options.DEFAULT_DIRECTIONS;
                directions(claimed, f0, k);
                method = reference.method() + "; " + k + " random Gaussian directions (seed " + options.seed() + ")";
            }
        } else {
            int k = options.directions() > 0 ? options.directions() : Options.DEFAULT_PAIRS;
            dotProducts(f0, k);
            method = "dot-product identity u.(J v) = (u'J).v for " + k + " random Gaussian pairs (seed " + options.seed()
                    + "), reference J v by " + reference.method();
        }
        CheckReport.Taylor taylor = options.taylor() && reference.finiteDifferences() ? taylor(claimed, f0) : null;
        return new CheckReport(title, method, entries, kinks, taylor, coverage,
                reference.evaluations() + claimEvaluations);
    }

    private void coordinates(double[][] claimed, double[][] spread, double[] f0) {
        int m = claimed.length;
        for (int j = 0; j < x.length; j++) {
            Reference.Line line = reference.alongCoordinate(x, j, rowScales(claimed), noise());
            int first = entries.size();
            for (int k = 0; k < m; k++) {
                String label = scalar ? "df/dx[" + j + "]" : "J[" + k + "][" + j + "]";
                entries.add(entry(label, claimed[k][j], line.value()[k], line.error()[k], line.how()[k], spread[k][j]));
            }
            double[] unit = new double[x.length];
            unit[j] = 1;
            probeKinks(first, unit, Math.max(1, Math.abs(x[j])), f0, "x[" + j + "] = " + x[j], line);
        }
    }

    private void directions(double[][] claimed, double[] f0, int count) {
        Random random = new Random(options.seed());
        int m = claimed.length;
        double[][] allowance = new double[m][count];
        for (int i = 0; i < count; i++) {
            double[] d = gaussian(x.length, random);
            double[] jd = times(claimed, d);
            double[] scales = new double[m];
            for (int k = 0; k < m; k++) {
                scales[k] = Math.abs(jd[k]);
            }
            Reference.Line line = reference.alongDirection(x, d, scales, noise());
            int first = entries.size();
            for (int k = 0; k < m; k++) {
                String label = scalar ? "grad.d[" + i + "]" : "(J d[" + i + "])[" + k + "]";
                CheckReport.Entry e = entry(label, jd[k], line.value()[k], line.error()[k], line.how()[k], 0);
                entries.add(e);
                allowance[k][i] = e.tolerance() + e.referenceError();
            }
            probeKinks(first, d, Reference.directionScale(x, d), f0, "x along d[" + i + "]", line);
        }
        int worstRow = 0;
        double worstSize = -1;
        for (int k = 0; k < m; k++) {
            double size = detectable(allowance[k], options.missProbability());
            if (size > worstSize) {
                worstSize = size;
                worstRow = k;
            }
        }
        coverage.add(new CheckReport.Coverage(count, worstSize, worstSize / norm(claimed[worstRow]),
                options.missProbability(), scalar ? "a gradient error" : "an error in a row of the Jacobian"));
    }

    private void dotProducts(double[] f0, int count) {
        Random random = new Random(options.seed());
        int m = f0.length;
        int n = x.length;
        double[] jvpAllowance = new double[count];
        double[] vjpAllowance = new double[count];
        double jvNorm = 0;
        double utjNorm = 0;
        for (int i = 0; i < count; i++) {
            double[] u = gaussian(m, random);
            double[] v = gaussian(n, random);
            Reference.Line line = reference.alongDirection(x, v, new double[m], noise());
            double dot = 0;
            double dotError = 0;
            double dotMagnitude = 0;
            for (int k = 0; k < m; k++) {
                dot += u[k] * line.value()[k];
                dotError += Math.abs(u[k]) * line.error()[k];
                dotMagnitude += Math.abs(u[k] * line.value()[k]);
            }
            jvNorm = Math.max(jvNorm, norm(line.value()));
            // Rounding of the dot products themselves: m terms of this magnitude.
            double dotRounding = ULPS * EPS * dotMagnitude;
            String how = line.how()[0];
            int first = entries.size();
            if (claim.jvp() != null) {
                double[] av = claimedVector("claimed JVP", claim.jvp(), v, m, "f has " + m + " outputs");
                CheckReport.Entry e = entry("u[" + i + "].(J v[" + i + "])", dotProduct(u, av), dot, dotError, how, dotRounding);
                entries.add(e);
                jvpAllowance[i] = e.tolerance() + e.referenceError();
            }
            if (claim.vjp() != null) {
                double[] bu = claimedVector("claimed VJP", claim.vjp(), u, n, "x has " + n + " coordinates");
                CheckReport.Entry e = entry("(u[" + i + "]'J).v[" + i + "]", dotProduct(bu, v), dot, dotError, how, dotRounding);
                entries.add(e);
                vjpAllowance[i] = e.tolerance() + e.referenceError();
                utjNorm = Math.max(utjNorm, norm(bu));
            }
            probeDotKinks(first, u, v, f0, i, smallest(line.firstStep()));
        }
        if (claim.jvp() != null) {
            double s = detectable(jvpAllowance, options.missProbability());
            coverage.add(new CheckReport.Coverage(count, s, s / jvNorm, options.missProbability(),
                    "a JVP error |Av - Jv| (at the sampled v)"));
        }
        if (claim.vjp() != null) {
            double s = detectable(vjpAllowance, options.missProbability());
            coverage.add(new CheckReport.Coverage(count, s, s / utjNorm, options.missProbability(),
                    "a VJP error |B(u) - u'J| (at the sampled u)"));
        }
    }

    private CheckReport.Entry entry(String label, double claimed, double ref, double refError, String how, double claimSpread) {
        if (!Double.isFinite(ref) || !Double.isFinite(refError)) {
            return new CheckReport.Entry(label, claimed, ref, refError, Double.NaN,
                    "no finite reference at any step tried", Status.UNRESOLVED);
        }
        double fromReference = reference.safety() * refError;
        double fromRounding = ULPS * EPS * Math.max(Math.abs(claimed), Math.abs(ref));
        double fromClaim = CLAIM_SPREAD_SAFETY * claimSpread;
        double tolerance = fromReference + fromRounding + fromClaim;
        String why;
        if (fromReference >= fromRounding && fromReference >= fromClaim) {
            why = String.format(Locale.ROOT, "%d x reference error %.1e (%s)", (int) reference.safety(), refError, how);
        } else if (fromClaim >= fromRounding) {
            why = String.format(Locale.ROOT, "rounding of the claim: %d x %.1e", (int) CLAIM_SPREAD_SAFETY, claimSpread);
        } else {
            why = (int) ULPS + " ulps of the value";
        }
        Status status = Math.abs(claimed - ref) <= tolerance ? Status.PASS : Status.FAIL;
        return new CheckReport.Entry(label, claimed, ref, refError, tolerance, why, status);
    }

    /**
     * Probes the entries from {@code first} on that failed, along {@code d}, for kinks; re-labels
     * them ({@link #judge}). The probe's steps stay within the smallest first step of a failed
     * entry's reference, on which the line looked smooth apart from a kink at the point itself.
     */
    private void probeKinks(int first, double[] d, double scale, double[] f0, String where, Reference.Line line) {
        if (!anyFailed(first)) {
            return;
        }
        double largest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < line.firstStep().length; k++) {
            if (entries.get(first + k).status() == Status.FAIL && line.firstStep()[k] > 0) {
                largest = Math.min(largest, line.firstStep()[k]);
            }
        }
        LineReference.OneSided[] sides = reference.kink(x, d, scale, f0, noise(), largest);
        Reference.Around around = null;
        for (int k = 0; k < sides.length; k++) {
            CheckReport.Entry e = entries.get(first + k);
            if (e.status() != Status.FAIL) {
                continue;
            }
            LineReference.OneSided side = sides[k];
            if (around == null && !(side.kink() && within(e.claimed(), side.left(), side.right(), e.tolerance() + side.error()))) {
                around = reference.around(x, d, side.step(), noise(), options.seed() + 6);
            }
            judge(first + k, side, around == null ? null : column(around.far(), k),
                    around == null ? null : column(around.near(), k), around == null ? 0 : around.rounding()[k], where);
        }
    }

    private void probeDotKinks(int first, double[] u, double[] v, double[] f0, int i, double largest) {
        if (!anyFailed(first)) {
            return;
        }
        LineReference.OneSided[] sides = reference.kink(x, v, Reference.directionScale(x, v), f0, noise(), largest);
        double left = 0;
        double right = 0;
        double error = 0;
        double step = Double.POSITIVE_INFINITY;
        boolean kink = false;
        for (int k = 0; k < sides.length; k++) {
            left += u[k] * sides[k].left();
            right += u[k] * sides[k].right();
            error += Math.abs(u[k]) * sides[k].error();
            step = Math.min(step, sides[k].step());
            kink |= sides[k].kink();
        }
        LineReference.OneSided side = new LineReference.OneSided(kink, left, right, error, step);
        Reference.Around a = reference.around(x, v, step, noise(), options.seed() + 6);
        double[] far = new double[a.far().length];
        double[] near = new double[a.near().length];
        for (int p = 0; p < far.length; p++) {
            far[p] = dotProduct(u, a.far()[p]);
            near[p] = dotProduct(u, a.near()[p]);
        }
        double rounding = 0;
        for (int k = 0; k < u.length; k++) {
            rounding += Math.abs(u[k]) * a.rounding()[k];
        }
        for (int e = first; e < entries.size(); e++) {
            if (entries.get(e).status() == Status.FAIL) {
                judge(e, side, far, near, rounding, "x along v[" + i + "]");
            }
        }
    }

    private static double[] column(double[][] a, int k) {
        double[] c = new double[a.length];
        for (int p = 0; p < a.length; p++) {
            c[p] = a[p][k];
        }
        return c;
    }

    private static boolean within(double value, double a, double b, double margin) {
        return value >= Math.min(a, b) - margin && value <= Math.max(a, b) + margin;
    }

    /**
     * Judges failed entry {@code index} by the probe's one-sided derivatives along its line and
     * the derivatives along it around the point ({@link Reference#around}: {@code far},
     * {@code near}, null if not taken). At a kink along the line, a claim between the one-sided
     * derivatives (within the tolerance plus their error bound) is KINK. Otherwise, if a
     * derivative around the point stays at both distances (it leaves the one-sided derivatives
     * near the point by more than {@value #AROUND_SAFETY} times its change between the distances
     * and the error bounds, plus the tolerance), several kinks meet at the point and no line
     * through it bounds a generalized gradient: KINK, not checked. Otherwise a kink along the line
     * is recorded as FAIL, and an entry with no kink stays FAIL.
     */
    private void judge(int index, LineReference.OneSided side, double[] far, double[] near, double rounding, String where) {
        CheckReport.Entry e = entries.get(index);
        boolean between = side.kink() && within(e.claimed(), side.left(), side.right(), e.tolerance() + side.error());
        // Without a kink along the line, the derivative there is the reference's.
        boolean several = !between && far != null && (side.kink()
                ? leave(far, near, side.left(), side.right(), e.tolerance() + AROUND_SAFETY * (side.error() + rounding))
                : leave(far, near, e.reference(), e.reference(), e.tolerance() + AROUND_SAFETY * (e.referenceError() + rounding)));
        if (!side.kink() && !several) {
            return;
        }
        kinks.add(new CheckReport.Kink(e.label(), where, side.left(), side.right(), e.claimed(), between, several));
        String why = between ? "kink: claim between one-sided derivatives"
                : several ? "kinks meet here: not checked" : "kink: claim outside one-sided derivatives";
        entries.set(index, new CheckReport.Entry(e.label(), e.claimed(), e.reference(), e.referenceError(), e.tolerance(),
                why, between || several ? Status.KINK : Status.FAIL));
    }

    /**
     * Whether a derivative around the point ({@link Reference#around}) leaves {@code [a, b]} by
     * more than {@code margin} plus {@value #AROUND_SAFETY} times its change between the two
     * distances over 7 (a smooth function's derivative is about that far from its value at the
     * point, at the nearer distance).
     */
    private static boolean leave(double[] far, double[] near, double a, double b, double margin) {
        for (int p = 0; p < far.length; p++) {
            double change = Math.abs(far[p] - near[p]) / (LineReference.KINK_RATIO - 1);
            if (!within(near[p], a, b, margin + AROUND_SAFETY * change)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Per output, the noise of the values near x, measured once: the largest change of F over
     * {@value #NOISE_POINTS} points 1 or 2 ulps from x in every coordinate. It covers F's own
     * rounding beyond one ulp and the rounding of the points {@code x + t d} of a line (at most
     * half an ulp per coordinate), which small steps amplify (see {@link LineReference}).
     */
    private double[] noise() {
        if (noise == null) {
            noise = new double[f0.length];
            for (double[] p : ulpPoints(x, options.seed() + 5, NOISE_POINTS)) {
                double[] fp = reference.values(p);
                for (int k = 0; k < noise.length; k++) {
                    double change = Math.abs(fp[k] - f0[k]);
                    if (Double.isFinite(change)) {
                        noise[k] = Math.max(noise[k], change);
                    }
                }
            }
        }
        return noise;
    }

    private static double smallest(double[] steps) {
        double s = Double.POSITIVE_INFINITY;
        for (double h : steps) {
            if (h > 0) {
                s = Math.min(s, h);
            }
        }
        return s;
    }

    private boolean anyFailed(int first) {
        for (int e = first; e < entries.size(); e++) {
            if (entries.get(e).status() == Status.FAIL) {
                return true;
            }
        }
        return false;
    }

    private CheckReport.Taylor taylor(double[][] claimed, double[] f0) {
        Random random = new Random(options.seed() + 1);
        double[] d = gaussian(x.length, random);
        for (int i = 0; i < d.length; i++) {
            d[i] *= Math.max(1, Math.abs(x[i]));
        }
        Function<double[], double[]> values = reference::values;
        double[] base = f0;
        UnaryOperator<double[]> predict;
        if (claimed != null) {
            predict = s -> times(claimed, s);
        } else if (claim.jvp() != null) {
            predict = s -> claimedVector("claimed JVP", claim.jvp(), s, f0.length, "f has " + f0.length + " outputs");
        } else {
            double[] u = gaussian(f0.length, random);
            double[] bu = claimedVector("claimed VJP", claim.vjp(), u, x.length, "x has " + x.length + " coordinates");
            values = y -> new double[] {dotProduct(u, reference.values(y))};
            base = new double[] {dotProduct(u, f0)};
            predict = s -> new double[] {dotProduct(bu, s)};
        }
        String name = "a random direction (seed " + (options.seed() + 1) + ")";
        CheckReport.Taylor t = TaylorTest.run(values, predict, x, base, d, ulpPoints(x, options.seed() + 2, 2), name);
        if (t.verdict() == CheckReport.Taylor.Verdict.FIRST_ORDER) {
            // The reference along d says on what steps the line looks smooth; the probe stays within.
            Reference.Line line = reference.alongDirection(x, d, new double[f0.length], noise());
            LineReference.OneSided[] sides = reference.kink(x, d, 1.0, f0, noise(), smallest(line.firstStep()));
            for (LineReference.OneSided side : sides) {
                if (side.kink()) {
                    return new CheckReport.Taylor(t.direction(), t.steps(), t.remainders(), t.slope(), t.atStep(),
                            CheckReport.Taylor.Verdict.KINK, t.note() + ", but f has a kink along it: not a failure");
                }
            }
            // No kink along d, but kinks may meet at x with jumps that cancel along d.
            Reference.Around a = reference.around(x, d, sides[0].step(), noise(), options.seed() + 6);
            for (int k = 0; k < f0.length; k++) {
                if (leave(column(a.far(), k), column(a.near(), k), line.value()[k], line.value()[k],
                        AROUND_SAFETY * (line.error()[k] + a.rounding()[k]))) {
                    return new CheckReport.Taylor(t.direction(), t.steps(), t.remainders(), t.slope(), t.atStep(),
                            CheckReport.Taylor.Verdict.KINK, t.note() + ", but several kinks of f meet at x: not a failure");
                }
            }
        }
        return t;
    }

    private double[][] claimedJacobian(double[] at) {
        claimEvaluations++;
        double[][] j = ExactDerivatives.guarded("the claimed derivative function", at, p -> claim.jacobianFunction().apply(p.clone()));
        if (j == null) {
            throw new IllegalArgumentException("the claimed derivative function returned null at x = " + Arrays.toString(at));
        }
        for (int k = 0; k < j.length; k++) {
            if (j[k] == null || j[k].length != at.length) {
                throw new IllegalArgumentException("the claimed derivative function returned " + (j[k] == null ? "null" : j[k].length)
                        + " entries" + (scalar ? "" : " in row " + k) + " but x has " + at.length + " coordinates");
            }
        }
        return j;
    }

    /** Spread of the claimed derivative function over points a few ulps from x (zeros for claimed values). */
    private double[][] claimSpread(double[][] claimed) {
        double[][] spread = new double[claimed.length][x.length];
        if (claim.jacobianFunction() == null) {
            return spread;
        }
        for (double[] p : ulpPoints(x, options.seed() + 3, 2)) {
            double[][] other = claimedJacobian(p);
            for (int k = 0; k < claimed.length && k < other.length; k++) {
                for (int i = 0; i < x.length; i++) {
                    spread[k][i] = Math.max(spread[k][i], Math.abs(other[k][i] - claimed[k][i]));
                }
            }
        }
        return spread;
    }

    private double[] claimedVector(String what, java.util.function.BiFunction<double[], double[], double[]> fn, double[] seed,
            int length, String expected) {
        claimEvaluations++;
        double[] out = ExactDerivatives.guarded(what, x, p -> fn.apply(p.clone(), seed.clone()));
        if (out == null || out.length != length) {
            throw new IllegalArgumentException(what + " returned " + (out == null ? "null" : out.length + " values")
                    + " but " + expected);
        }
        return out;
    }

    /**
     * The smallest error norm {@code S} such that {@code prod_i erf(a_i / (S sqrt 2)) <= p}: for
     * Gaussian directions {@code e.d ~ N(0, |e|²)}, so a direction misses an error of norm
     * {@code S} with probability {@code erf(a / (S sqrt 2))} when it would need to exceed {@code a}.
     */
    static double detectable(double[] allowance, double p) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (double a : allowance) {
            if (Double.isFinite(a) && a > 0) {
                lo = Math.min(lo, a);
                hi = Math.max(hi, a);
            }
        }
        if (hi == 0) {
            boolean anyFinite = Arrays.stream(allowance).anyMatch(Double::isFinite);
            return anyFinite ? 0 : Double.POSITIVE_INFINITY;
        }
        double low = Math.log(lo * 1e-3);
        double high = Math.log(hi * 1e15);
        if (missProbability(allowance, Math.exp(high)) > p) {
            return Double.POSITIVE_INFINITY;
        }
        for (int it = 0; it < 200; it++) {
            double mid = (low + high) / 2;
            if (missProbability(allowance, Math.exp(mid)) > p) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return Math.exp(high);
    }

    static double missProbability(double[] allowance, double size) {
        double p = 1;
        for (double a : allowance) {
            if (Double.isFinite(a)) {
                p *= org.apache.commons.math3.special.Erf.erf(a / (size * Math.sqrt(2)));
            }
        }
        return p;
    }

    /** Points a few ulps (1 or 2, either sign, per coordinate) from x. */
    static double[][] ulpPoints(double[] x, long seed, int count) {
        Random random = new Random(seed);
        double[][] points = new double[count][x.length];
        for (int p = 0; p < count; p++) {
            for (int i = 0; i < x.length; i++) {
                int k = (1 + random.nextInt(2)) * (random.nextBoolean() ? 1 : -1);
                points[p][i] = x[i] + k * Math.ulp(x[i]);
            }
        }
        return points;
    }

    static double[] gaussian(int n, Random random) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = random.nextGaussian();
        }
        return d;
    }

    private static double[] times(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = dotProduct(a[k], v);
        }
        return out;
    }

    private static double dotProduct(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] rowScales(double[][] claimed) {
        double[] scales = new double[claimed.length];
        for (int k = 0; k < claimed.length; k++) {
            for (double c : claimed[k]) {
                if (Double.isFinite(c)) {
                    scales[k] = Math.max(scales[k], Math.abs(c));
                }
            }
        }
        return scales;
    }

    private static double norm(double[] v) {
        return Math.sqrt(dotProduct(v, v));
    }
}
