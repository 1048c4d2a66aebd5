package org.dualtape.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a gradient, Jacobian, JVP or VJP check: the verdict, every compared entry with
 * its claimed value, reference value, error, tolerance and the reason for that tolerance, kinks
 * found, the Taylor-remainder test, what the check can resolve, and a readable table.
 *
 * <h2>Verdict</h2>
 * {@link #passed()} is true when no entry is {@link Status#FAIL}, the Taylor test (if run) did not
 * find a first-order remainder, and no entry was left unchecked ({@link Status#UNRESOLVED},
 * {@link Status#UNCHECKED}) unless the check was told to allow that ({@code allowUnchecked()}).
 * {@link Status#KINK} entries (a kink seen along the entry's line, the claim between the one-sided
 * derivatives) pass; the table lists them with the one-sided derivatives. The first line of the
 * table says how many entries were not checked and why.
 *
 * <h2>Resolution</h2>
 * An entry whose claimed value is off by more than {@code tolerance + referenceError} fails for
 * certain (as far as the reference's error bound holds); smaller errors may pass.
 * {@link Entry#resolution()} gives that bound relative to {@code max(|claimed|, |reference|)}, or
 * as an absolute number where both are 0; {@link #resolution()} is the worst over every entry.
 * Random-direction checks add a probability ({@link #coverage()}).
 *
 * <p>Instances are immutable.
 */
public final class CheckReport {
    /** How many entries the table shows, worst first. */
    public static final int TABLE_ROWS = 10;

    /**
     * One compared quantity.
     *
     * @param label what it is: {@code df/dx[3]}, {@code J[1][2]}, {@code grad.d[0]} (gradient
     *     along random direction 0), {@code (J d[0])[1]}, {@code u[0].(J v[0])}, {@code (u[0]'J).v[0]}
     * @param claimed the claimed value
     * @param reference the reference value
     * @param referenceError the reference's own estimated absolute error
     * @param tolerance the largest {@code |claimed - reference|} accepted
     * @param why how the tolerance was set
     * @param status the verdict on this entry
     */
    public record Entry(String label, double claimed, double reference, double referenceError, double tolerance,
            String why, Status status) {
        /**
         * Returns {@code |claimed - reference|}.
         *
         * @return the absolute difference
         */
        public double error() {
            return Math.abs(claimed - reference);
        }

        /**
         * Returns the smallest error of the claim that this entry catches for certain, relative:
         * {@code (tolerance + referenceError) / max(|claimed|, |reference|)}; where claimed and
         * reference are both 0, absolute: {@code tolerance + referenceError} (see
         * {@link #absolute()}). Infinite for an entry without a finite reference, or not checked
         * because several kinks meet there.
         *
         * @return the resolution
         */
        public double resolution() {
            if (status == Status.UNCHECKED || !(tolerance + referenceError >= 0)) {
                return Double.POSITIVE_INFINITY;
            }
            double resolved = tolerance + referenceError;
            double scale = Math.max(Math.abs(claimed), Math.abs(reference));
            return scale > 0 ? resolved / scale : resolved;
        }

        /**
         * Returns whether {@link #resolution()} is absolute: claimed and reference are both 0, so
         * no relative error exists there.
         *
         * @return true for an absolute resolution
         */
        public boolean absolute() {
            return claimed == 0 && reference == 0;
        }

        /** error / tolerance, NaN (a NaN claim) ranking worst. */
        double badness() {
            double b = error() / tolerance;
            return Double.isNaN(b) ? Double.POSITIVE_INFINITY : b;
        }
    }

    /**
     * A point where the function is not differentiable along an entry's direction.
     *
     * @param label the entry
     * @param where the coordinate or direction, with the point's value there
     * @param left the derivative from the left (backward difference)
     * @param right the derivative from the right (forward difference)
     * @param claimed the claimed value
     * @param claimedBetween whether the claim lies between the one-sided derivatives (then the
     *     entry is {@link Status#KINK}, not a failure)
     * @param severalKinks whether several kinks meet at the point, shown by derivatives along the
     *     entry's direction at points around it that fall outside the one-sided derivatives
     *     (probed only when the claim lies outside them). Then a generalized gradient (any convex
     *     combination of the gradients of the pieces that meet there) need not lie between the
     *     one-sided derivatives, and the entry is {@link Status#KINK}: not checked, not a failure.
     */
    public record Kink(String label, String where, double left, double right, double claimed, boolean claimedBetween,
            boolean severalKinks) {
    }

    /**
     * The Taylor-remainder test along one direction.
     *
     * @param direction which direction (and output)
     * @param steps the steps {@code h} tried
     * @param remainders {@code |F(x + h d) - F(x) - J h d|} at each step
     * @param slope the slope of {@code log r} against {@code log h} at the smallest counted steps
     * @param atStep the step at which that slope was measured
     * @param verdict the verdict
     * @param note a sentence explaining the verdict
     */
    public record Taylor(String direction, double[] steps, double[] remainders, double slope, double atStep,
            Verdict verdict, String note) {
        /** The Taylor test's verdicts, in order of increasing concern. */
        public enum Verdict {
            /** Too few remainders above rounding noise to tell; not a failure. */
            INCONCLUSIVE,
            /** Remainder falls as h² (or faster): consistent with the claim. */
            SECOND_ORDER,
            /** Remainder falls as h but the function has a kink along the direction: not a failure. */
            KINK,
            /** Remainder falls as h: the claim is wrong along this direction. */
            FIRST_ORDER
        }

        /**
         * Creates the record, copying the arrays.
         *
         * @param direction which direction (and output)
         * @param steps the steps tried, not modified
         * @param remainders the remainders at each step, not modified
         * @param slope the slope at the smallest counted steps
         * @param atStep the step of that slope
         * @param verdict the verdict
         * @param note the explanation
         */
        public Taylor {
            steps = steps.clone();
            remainders = remainders.clone();
        }

        /**
         * Returns the steps tried.
         *
         * @return a copy
         */
        @Override
        public double[] steps() {
            return steps.clone();
        }

        /**
         * Returns the remainders, one per step.
         *
         * @return a copy
         */
        @Override
        public double[] remainders() {
            return remainders.clone();
        }
    }

    /**
     * What random-direction checks can miss: any error of norm at least {@code errorNorm} would be
     * caught with probability at least {@code 1 - missProbability}.
     *
     * @param directions how many random directions (or pairs) were checked
     * @param errorNorm the error size (absolute) caught with that probability
     * @param relative {@code errorNorm} relative to the norm of the reference quantity
     * @param missProbability the probability of missing an error of that size
     * @param ofWhat which norm: "the gradient error", "a row of the Jacobian error", ...
     */
    public record Coverage(int directions, double errorNorm, double relative, double missProbability, String ofWhat) {
    }

    private final String title;
    private final String method;
    private final List<Entry> entries;
    private final List<Kink> kinks;
    private final Taylor taylor;
    private final List<Coverage> coverage;
    private final long evaluations;
    private final boolean allowUnchecked;

    CheckReport(String title, String method, List<Entry> entries, List<Kink> kinks, Taylor taylor, List<Coverage> coverage,
            long evaluations, boolean allowUnchecked) {
        this.allowUnchecked = allowUnchecked;
        this.title = title;
        this.method = method;
        this.entries = List.copyOf(entries);
        this.kinks = List.copyOf(kinks);
        this.taylor = taylor;
        this.coverage = List.copyOf(coverage);
        this.evaluations = evaluations;
    }

    /**
     * Returns whether the claim passed: no failed entry, no first-order Taylor remainder, and no
     * entry left unchecked unless the check allowed that.
     *
     * @return the verdict
     */
    public boolean passed() {
        for (Entry e : entries) {
            if (e.status() == Status.FAIL || (e.status().notChecked() && !allowUnchecked)) {
                return false;
            }
        }
        return taylor == null || taylor.verdict() != Taylor.Verdict.FIRST_ORDER;
    }

    /**
     * Returns whether the check allowed entries that were not checked ({@code allowUnchecked()}).
     *
     * @return true if not-checked entries do not stop the report from passing
     */
    public boolean allowsUnchecked() {
        return allowUnchecked;
    }

    /**
     * Returns the entries that were not checked ({@link Status#UNRESOLVED}, {@link Status#UNCHECKED}).
     *
     * @return a new list, in the natural order
     */
    public List<Entry> notChecked() {
        List<Entry> list = new ArrayList<>();
        for (Entry e : entries) {
            if (e.status().notChecked()) {
                list.add(e);
            }
        }
        return list;
    }

    /**
     * Returns a one-line description of what was checked.
     *
     * @return the title
     */
    public String title() {
        return title;
    }

    /**
     * Returns how the reference and the tolerances were obtained.
     *
     * @return the method, a sentence
     */
    public String method() {
        return method;
    }

    /**
     * Returns every compared entry, in the natural order (by output, then input or direction).
     *
     * @return an unmodifiable list
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Returns the entries that failed (status {@link Status#FAIL}).
     *
     * @return a new list, worst first
     */
    public List<Entry> failures() {
        List<Entry> failed = new ArrayList<>();
        for (Entry e : worst(entries.size())) {
            if (e.status() == Status.FAIL) {
                failed.add(e);
            }
        }
        return failed;
    }

    /**
     * Returns the {@code k} worst entries by {@code error / tolerance}.
     *
     * @param k how many, at least 0
     * @return a new list, worst first
     */
    public List<Entry> worst(int k) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingDouble(Entry::badness).reversed());
        return new ArrayList<>(sorted.subList(0, Math.min(k, sorted.size())));
    }

    /**
     * Returns the kinks found (only entries that disagreed with the reference are probed).
     *
     * @return an unmodifiable list
     */
    public List<Kink> kinks() {
        return kinks;
    }

    /**
     * Returns the Taylor-remainder test, or null if it was not run (exact references, or turned off).
     *
     * @return the test or null
     */
    public Taylor taylor() {
        return taylor;
    }

    /**
     * Returns what random-direction checks could miss: one statement per kind of claim (gradient or
     * Jacobian; JVP; VJP); empty when every coordinate was checked.
     *
     * @return an unmodifiable list
     */
    public List<Coverage> coverage() {
        return coverage;
    }

    /**
     * Returns the number of evaluations of the function (and of exact-AD passes) the check used.
     *
     * @return the count
     */
    public long evaluations() {
        return evaluations;
    }

    /**
     * Returns the worst {@link Entry#resolution()} over every entry: an error of the claim larger
     * than this, relative to the entry (absolute where claimed and reference are both 0), is
     * caught at every entry.
     *
     * @return the resolution (infinite if some entry has no finite reference or was not checked
     *     because several kinks meet there)
     */
    public double resolution() {
        Entry e = worstResolved();
        return e == null ? Double.NaN : e.resolution();
    }

    /**
     * Returns whether an error of this size (relative to each entry; absolute where claimed and
     * reference are both 0) is caught at every entry.
     *
     * @param relativeError the error, positive
     * @return true if {@link #resolution()} is at most {@code relativeError}
     */
    public boolean canResolve(double relativeError) {
        return resolution() <= relativeError;
    }

    /** The entry with the worst resolution, or null if there are no entries. */
    Entry worstResolved() {
        Entry worst = null;
        for (Entry e : entries) {
            if (worst == null || !(e.resolution() <= worst.resolution())) {
                worst = e;
            }
        }
        return worst;
    }

    /** Throws an {@link AssertionError} whose message is {@link #table()} unless the check passed. */
    public void assertPassed() {
        if (!passed()) {
            throw new AssertionError(table());
        }
    }

    /**
     * Returns the report as a plain-text table: verdict, method, the worst entries, the Taylor
     * test, kinks and resolution.
     *
     * @return the table
     */
    public String table() {
        return ReportTable.render(this);
    }

    @Override
    public String toString() {
        return table();
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.1e", v);
    }
}
