package org.dualtape.check;

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
 * Failed entries are judged again along their lines by {@link KinkJudge}: a kink at the point, or
 * several kinks meeting there, make them KINK, not failures.
 */
final class Checker {
    static final double EPS = 0x1p-52;
    /** Rounding allowance on every entry: 64 ulps of the larger of claimed and reference. */
    static final double ULPS = 64;
    /** An entry passes only if its resolution is at most this fraction of its scale (see {@link #entry}). */
    static final double RESOLVE_LIMIT = 1e-2;
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
    private KinkJudge kinkJudge;

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
        boolean everyCoordinate = false;
        if (claim.isJacobian()) {
            everyCoordinate = options.directions() < 0
                    || (options.directions() == 0 && n <= Options.AUTO_COORDINATES);
            if (everyCoordinate) {
                coordinates(claimed);
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
        Diagnosis.annotate(entries, m, everyCoordinate ? n : -1, scalar);
        CheckReport.Taylor taylor = options.taylor() && reference.finiteDifferences() ? taylor(claimed, f0) : null;
        return new CheckReport(title, method, entries, kinks, taylor, coverage,
                reference.evaluations() + claimEvaluations, options.allowUnchecked());
    }

    private void coordinates(double[][] claimed) {
        int m = claimed.length;
        double[] rowScales = rowScales(claimed);
        for (int j = 0; j < x.length; j++) {
            Reference.Line line = reference.alongCoordinate(x, j, rowScales, noise());
            int first = entries.size();
            for (int k = 0; k < m; k++) {
                String label = scalar ? "df/dx[" + j + "]" : "J[" + k + "][" + j + "]";
                entries.add(entry(label, claimed[k][j], line.value()[k], line.error()[k], line.how()[k], rowScales[k]));
            }
            double[] unit = new double[x.length];
            unit[j] = 1;
            kinkJudge().alongLine(first, unit, Math.max(1, Math.abs(x[j])), "x[" + j + "] = " + x[j], line);
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
                CheckReport.Entry e = entry(label, jd[k], line.value()[k], line.error()[k], line.how()[k], scales[k]);
                entries.add(e);
                allowance[k][i] = e.tolerance() + e.referenceError();
            }
            kinkJudge().alongLine(first, d, Reference.directionScale(x, d), "x along d[" + i + "]", line);
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
                CheckReport.Entry e = entry("u[" + i + "].(J v[" + i + "])", dotProduct(u, av), dot, dotError + dotRounding, how,
                        dotMagnitude);
                entries.add(e);
                jvpAllowance[i] = e.tolerance() + e.referenceError();
            }
            if (claim.vjp() != null) {
                double[] bu = claimedVector("claimed VJP", claim.vjp(), u, n, "x has " + n + " coordinates");
                CheckReport.Entry e = entry("(u[" + i + "]'J).v[" + i + "]", dotProduct(bu, v), dot, dotError + dotRounding, how,
                        dotMagnitude);
                entries.add(e);
                vjpAllowance[i] = e.tolerance() + e.referenceError();
                utjNorm = Math.max(utjNorm, norm(bu));
            }
            kinkJudge().alongDotProduct(first, u, v, "x along v[" + i + "]", smallest(line.firstStep()));
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

    /**
     * One compared entry. {@code |claimed - reference|} beyond the tolerance ({@code safety} times
     * the reference's error bound plus {@value #ULPS} ulps) is a failure, always. Within it, the
     * entry passes only if the check resolves it: its resolution {@code tolerance + error} is at
     * most {@value #RESOLVE_LIMIT} of {@code max(|claimed|, |reference|)}, or, for a claim of
     * exactly 0 whose reference is 0 within that resolution, of {@code rowScale} (the largest
     * claimed entry of its row: an absolute scale). Otherwise the reference cannot tell a right
     * claim from a wrong one there, and the entry is {@link Status#UNRESOLVED}.
     */
    private CheckReport.Entry entry(String label, double claimed, double ref, double refError, String how, double rowScale) {
        if (!Double.isFinite(ref) || !Double.isFinite(refError)) {
            return new CheckReport.Entry(label, claimed, ref, refError, Double.NaN,
                    "no finite reference at any step tried", Status.UNRESOLVED);
        }
        double fromReference = reference.safety() * refError;
        double fromRounding = ULPS * EPS * Math.max(Math.abs(claimed), Math.abs(ref));
        double tolerance = fromReference + fromRounding;
        String why;
        if (fromReference >= fromRounding) {
            why = String.format(Locale.ROOT, "%d x reference error %.1e (%s)", (int) reference.safety(), refError, how);
        } else {
            why = (int) ULPS + " ulps of the value";
        }
        if (!(Math.abs(claimed - ref) <= tolerance)) {
            return new CheckReport.Entry(label, claimed, ref, refError, tolerance, why, Status.FAIL);
        }
        double resolved = tolerance + refError;
        double scale = Math.max(Math.abs(claimed), Math.abs(ref));
        boolean zero = claimed == 0 && Math.abs(ref) <= resolved;
        if (resolved <= RESOLVE_LIMIT * scale || (zero && resolved <= RESOLVE_LIMIT * rowScale) || resolved == 0) {
            return new CheckReport.Entry(label, claimed, ref, refError, tolerance, why, Status.PASS);
        }
        String blind = String.format(Locale.ROOT, "reference cannot resolve it: error bound %.1e is %s", resolved,
                scale > 0 ? String.format(Locale.ROOT, "%.1e of the entry", resolved / scale) : "all there is");
        return new CheckReport.Entry(label, claimed, ref, refError, tolerance, blind, Status.UNRESOLVED);
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

    private KinkJudge kinkJudge() {
        if (kinkJudge == null) {
            kinkJudge = new KinkJudge(reference, x, f0, this::noise, options.seed() + 6, entries, kinks);
        }
        return kinkJudge;
    }

    /**
     * The scale on which a function of coordinate {@code xi} is assumed to vary: {@code |xi|} below
     * 1 (but not 0), else {@code max(1, |xi|)}, as in {@link LineReference#coordinateSteps}.
     */
    static double coordinateScale(double xi) {
        double a = Math.abs(xi);
        return a > 0 && a < 1 ? a : Math.max(1, a);
    }

    /** The smallest positive entry, or infinity. */
    static double smallest(double[] steps) {
        double s = Double.POSITIVE_INFINITY;
        for (double h : steps) {
            if (h > 0) {
                s = Math.min(s, h);
            }
        }
        return s;
    }

    private CheckReport.Taylor taylor(double[][] claimed, double[] f0) {
        Random random = new Random(options.seed() + 1);
        double[] d = gaussian(x.length, random);
        for (int i = 0; i < d.length; i++) {
            d[i] *= coordinateScale(x[i]);
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
            String kink = kinkJudge().taylor(d);
            if (kink != null) {
                return new CheckReport.Taylor(t.direction(), t.steps(), t.remainders(), t.slope(), t.atStep(),
                        CheckReport.Taylor.Verdict.KINK, t.note() + ", but " + kink + ": not a failure");
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
