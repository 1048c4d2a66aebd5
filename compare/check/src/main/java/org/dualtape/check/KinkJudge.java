package org.dualtape.check;

import java.util.List;
import java.util.function.Supplier;

/**
 * Judges the failed entries of a check again, along their lines, for kinks at the point, and
 * re-labels them in the check's list of entries; also tells the Taylor test whether a first-order
 * remainder comes from a kink.
 *
 * <h2>Only a kink seen along the line</h2>
 * An entry is judged as a kink only when the probe ({@link LineReference#probeKink}) sees one at
 * the point along the entry's own line: the jump of the one-sided derivatives stays steady over
 * three steps, each above the noise measured there. Any other disagreement stays
 * {@link Status#FAIL}: nothing else (a point outside the domain, a scale mismatch, rounding) is
 * taken for a kink.
 *
 * <h2>One kink at the point</h2>
 * A claim between the one-sided derivatives (within the entry's tolerance plus their error bound)
 * is {@link Status#KINK}; the entry's reference becomes their middle and its tolerance their
 * half-distance plus that margin. A claim outside them is {@link Status#FAIL}.
 *
 * <h2>Several kinks meeting at the point</h2>
 * If a kink is seen and the claim is outside the one-sided derivatives, the derivatives along the
 * line at points around the point ({@link Reference#around}) tell whether several kinks meet
 * there: they stay as the points draw nearer (a smooth piece's converge) and fall outside the
 * one-sided derivatives. Then no line through the point bounds a generalized gradient, the convex
 * hull of the gradients of the pieces that meet there: with {@code -relu(x0) + |x1|} at 0, the
 * claim (0, 0) is one, yet along {@code d = (1, 0.5)} both one-sided derivatives are -0.5. Such an
 * entry is {@link Status#UNCHECKED}: not checked, and not a pass unless the check allows
 * unchecked entries.
 */
final class KinkJudge {
    /**
     * A derivative around the point must leave the one-sided derivatives (or the reference) by this
     * many times its own change between the two distances over 7 and the error bounds, plus the
     * entry's tolerance, to show that several kinks meet at the point.
     */
    static final double AROUND_SAFETY = 4;

    private final Reference reference;
    private final double[] x;
    private final double[] f0;
    private final Supplier<double[]> noise;
    private final long seed;
    private final List<CheckReport.Entry> entries;
    private final List<CheckReport.Kink> kinks;

    /**
     * A judge for one check.
     *
     * @param x the point and {@code f0} the values there (not modified)
     * @param noise the measured noise of the values ({@link Checker}), asked for when needed
     * @param seed the seed of the points around x
     * @param entries the check's entries (modified: failed entries are replaced)
     * @param kinks the check's kinks (modified: appended to)
     */
    KinkJudge(Reference reference, double[] x, double[] f0, Supplier<double[]> noise, long seed,
            List<CheckReport.Entry> entries, List<CheckReport.Kink> kinks) {
        this.reference = reference;
        this.x = x;
        this.f0 = f0;
        this.noise = noise;
        this.seed = seed;
        this.entries = entries;
        this.kinks = kinks;
    }

    /**
     * Judges the entries from {@code first} on that failed, one per output, along {@code d}. The
     * probe's steps stay within the smallest first step of a failed entry's reference, on which the
     * line looked smooth apart from a kink at the point itself.
     *
     * @param d the line's direction (a unit vector for a coordinate), not modified
     * @param scale the line's scale
     * @param where the line, for the report
     * @param line the reference along it
     */
    void alongLine(int first, double[] d, double scale, String where, Reference.Line line) {
        if (!anyFailed(first)) {
            return;
        }
        double largest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < line.firstStep().length; k++) {
            if (entries.get(first + k).status() == Status.FAIL && line.firstStep()[k] > 0) {
                largest = Math.min(largest, line.firstStep()[k]);
            }
        }
        LineReference.OneSided[] sides = reference.kink(x, d, scale, f0, noise.get(), largest);
        Reference.Around around = null;
        for (int k = 0; k < sides.length; k++) {
            CheckReport.Entry e = entries.get(first + k);
            if (e.status() != Status.FAIL) {
                continue;
            }
            LineReference.OneSided side = sides[k];
            if (around == null && side.kink() && !within(e.claimed(), side.left(), side.right(), e.tolerance() + side.error())) {
                around = reference.around(x, d, side.step(), noise.get(), seed);
            }
            judge(first + k, side, around == null ? null : column(around.far(), k),
                    around == null ? null : column(around.near(), k), around == null ? 0 : around.rounding()[k], where);
        }
    }

    /**
     * Judges the entries from {@code first} on that failed, dot products {@code u . (J v)} or
     * {@code (u'J) . v}, along {@code v}: the one-sided derivatives and the derivatives around the
     * point combined with the weights {@code u}.
     *
     * @param u the output weights and {@code v} the direction, not modified
     * @param where the line, for the report
     * @param largest the smallest first step of the reference along {@code v}
     */
    void alongDotProduct(int first, double[] u, double[] v, String where, double largest) {
        if (!anyFailed(first)) {
            return;
        }
        double[] noiseNow = noise.get();
        LineReference.OneSided[] sides = reference.kink(x, v, Reference.directionScale(x, v), f0, noiseNow, largest);
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
        if (!kink) {
            return;
        }
        Reference.Around a = reference.around(x, v, step, noiseNow, seed);
        double[] far = new double[a.far().length];
        double[] near = new double[a.near().length];
        for (int p = 0; p < far.length; p++) {
            far[p] = dot(u, a.far()[p]);
            near[p] = dot(u, a.near()[p]);
        }
        double rounding = 0;
        for (int k = 0; k < u.length; k++) {
            rounding += Math.abs(u[k]) * a.rounding()[k];
        }
        for (int e = first; e < entries.size(); e++) {
            if (entries.get(e).status() == Status.FAIL) {
                judge(e, side, far, near, rounding, where);
            }
        }
    }

    /**
     * For a Taylor test whose remainder fell only as {@code h} along {@code d}: why that is no
     * failure ("f has a kink along it", seen by the probe along {@code d}), or null.
     *
     * @param d the Taylor test's direction, not modified
     */
    String taylor(double[] d) {
        double[] noiseNow = noise.get();
        // The reference along d says on what steps the line looks smooth; the probe stays within.
        Reference.Line line = reference.alongDirection(x, d, new double[f0.length], noiseNow);
        LineReference.OneSided[] sides = reference.kink(x, d, 1.0, f0, noiseNow, Checker.smallest(line.firstStep()));
        for (LineReference.OneSided side : sides) {
            if (side.kink()) {
                return "f has a kink along it";
            }
        }
        return null;
    }

    /**
     * Judges failed entry {@code index} by the probe's one-sided derivatives along its line and
     * the derivatives along it around the point ({@code far}, {@code near}; null if not taken):
     * see the class comment.
     */
    private void judge(int index, LineReference.OneSided side, double[] far, double[] near, double rounding, String where) {
        CheckReport.Entry e = entries.get(index);
        if (!side.kink()) {
            return; // an unexplained disagreement stays a failure
        }
        double margin = e.tolerance() + side.error();
        boolean between = within(e.claimed(), side.left(), side.right(), margin);
        boolean several = !between && far != null
                && leave(far, near, side.left(), side.right(), e.tolerance() + AROUND_SAFETY * (side.error() + rounding));
        kinks.add(new CheckReport.Kink(e.label(), where, side.left(), side.right(), e.claimed(), between, several));
        if (between) {
            // Any value between the one-sided derivatives passes: the entry's reference is their
            // middle, uncertain by half their distance, and its tolerance that half plus the margin,
            // so its stated resolution (tolerance + reference error) covers the whole interval.
            double half = Math.abs(side.right() - side.left()) / 2;
            entries.set(index, new CheckReport.Entry(e.label(), e.claimed(), (side.left() + side.right()) / 2, half + side.error(),
                    half + margin, "kink: claim between one-sided derivatives", Status.KINK));
        } else if (several) {
            entries.set(index, new CheckReport.Entry(e.label(), e.claimed(), e.reference(), e.referenceError(), e.tolerance(),
                    "kinks meet here: not checked", Status.UNCHECKED));
        } else {
            entries.set(index, new CheckReport.Entry(e.label(), e.claimed(), e.reference(), e.referenceError(), e.tolerance(),
                    String.format(java.util.Locale.ROOT, "kink: claim outside one-sided derivatives %.6e and %.6e",
                            side.left(), side.right()), Status.FAIL));
        }
    }

    /**
     * Whether a derivative around the point leaves {@code [a, b]} by more than {@code margin} plus
     * {@value #AROUND_SAFETY} times its change between the two distances over 7 (at the nearer
     * distance, a smooth function's derivative is about that far from its value at the point).
     */
    private static boolean leave(double[] far, double[] near, double a, double b, double margin) {
        for (int p = 0; p < far.length; p++) {
            double change = Math.abs(far[p] - near[p]) / (LineReference.KINK_RATIO - 1);
            // A point outside the function's domain (NaN) is no evidence of a kink.
            if (Double.isFinite(change) && !within(near[p], a, b, margin + AROUND_SAFETY * change)) {
                return true;
            }
        }
        return false;
    }

    private static boolean within(double value, double a, double b, double margin) {
        return value >= Math.min(a, b) - margin && value <= Math.max(a, b) + margin;
    }

    private static double[] column(double[][] a, int k) {
        double[] c = new double[a.length];
        for (int p = 0; p < a.length; p++) {
            c[p] = a[p][k];
        }
        return c;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
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
}
