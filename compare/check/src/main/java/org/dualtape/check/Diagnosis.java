package org.dualtape.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Explains failed entries in the words a person would use after working it out by hand, and puts
 * that in their "why": a sign error (claimed ≈ −reference), one constant ratio across every entry
 * (a missing factor, with the factor), two entries swapped (or a transposed Jacobian), a zero
 * where the reference is not, and errors confined to one index range (an off-by-one loop).
 * Otherwise the size of the error, absolute and relative.
 *
 * <p>Each test allows every entry its own tolerance, so a diagnosis is only given when the claim
 * fits it as well as the check can tell.
 */
final class Diagnosis {
    private Diagnosis() {
    }

    /**
     * Rewrites the "why" of every failed entry (modified in place).
     *
     * @param entries the check's entries, in the checker's order (for coordinates: input-major,
     *     {@code m} outputs per input)
     * @param m the number of outputs
     * @param n the number of inputs when every coordinate was checked, else -1
     * @param scalar whether labels are gradient labels
     */
    static void annotate(List<CheckReport.Entry> entries, int m, int n, boolean scalar) {
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).status() == Status.FAIL && !entries.get(i).why().startsWith("kink:")) {
                failed.add(i);
            }
        }
        if (failed.isEmpty()) {
            return;
        }
        double ratio = commonRatio(entries);
        for (int i : failed) {
            CheckReport.Entry e = entries.get(i);
            List<String> why = new ArrayList<>();
            if (!Double.isNaN(ratio)) {
                why.add("every entry is " + factor(ratio));
            } else if (e.claimed() == 0) {
                why.add("claimed 0 where the reference is not");
            } else if (Math.abs(e.claimed() + e.reference()) <= e.tolerance()) {
                why.add("sign: claimed = -reference");
            } else if (Math.abs(e.reference()) > e.tolerance() + e.referenceError()) {
                String simple = simpleFactor(e.claimed() / e.reference());
                if (simple != null) {
                    why.add("claimed is " + simple);
                }
            }
            if (n > 0 && Double.isNaN(ratio)) {
                String swap = swapped(entries, i, m, n, scalar);
                if (swap != null) {
                    why.add(swap);
                }
                String range = range(entries, i, m, n, scalar);
                if (range != null) {
                    why.add(range);
                }
            }
            if (why.isEmpty()) {
                double relative = e.error() / Math.abs(e.reference());
                why.add(String.format(Locale.ROOT, "off by %.2e%s, %.1e x the tolerance", e.error(),
                        Double.isFinite(relative) ? String.format(Locale.ROOT, " (relative %.1e)", relative) : "",
                        e.error() / e.tolerance()));
            }
            entries.set(i, new CheckReport.Entry(e.label(), e.claimed(), e.reference(), e.referenceError(), e.tolerance(),
                    String.join("; ", why), e.status()));
        }
    }

    /**
     * The ratio claimed / reference if one ratio other than 1 fits every entry within its tolerance
     * (and at least two entries are large enough to show it), else NaN.
     */
    private static double commonRatio(List<CheckReport.Entry> entries) {
        CheckReport.Entry largest = null;
        int resolved = 0;
        for (CheckReport.Entry e : entries) {
            if (Math.abs(e.reference()) > e.tolerance() + e.referenceError()) {
                resolved++;
                if (largest == null || Math.abs(e.reference()) > Math.abs(largest.reference())) {
                    largest = e;
                }
            }
        }
        if (largest == null || resolved < 2) {
            return Double.NaN;
        }
        double ratio = largest.claimed() / largest.reference();
        if (!Double.isFinite(ratio) || Math.abs(ratio - 1) <= 1e-9) {
            return Double.NaN;
        }
        for (CheckReport.Entry e : entries) {
            double allowance = (1 + Math.abs(ratio)) * (e.tolerance() + e.referenceError());
            if (!(Math.abs(e.claimed() - ratio * e.reference()) <= allowance)) {
                return Double.NaN;
            }
        }
        return ratio;
    }

    /** The factor in words: "2 x the reference", "1/4 x the reference (a missing factor 4?)", ... */
    private static String factor(double ratio) {
        if (Math.abs(ratio + 1) <= 1e-6) {
            return "-1 x the reference (every sign flipped)";
        }
        String simple = simpleFactor(ratio);
        return simple != null ? simple : String.format(Locale.ROOT, "%.6g x the reference (a constant factor)", ratio);
    }

    /** A factor k or 1/k (k from 2 to 1000, within 1e-6) in words, else null. */
    private static String simpleFactor(double ratio) {
        for (int k = 2; k <= 1000; k++) {
            if (Math.abs(ratio - k) <= 1e-6 * k) {
                return k + " x the reference (a spurious factor " + k + "?)";
            }
            if (Math.abs(ratio * k - 1) <= 1e-6) {
                return "1/" + k + " x the reference (a missing factor " + k + "?)";
            }
        }
        return null;
    }

    private static CheckReport.Entry at(List<CheckReport.Entry> entries, int k, int j, int m) {
        return entries.get(j * m + k);
    }

    private static String label(int k, int j, boolean scalar) {
        return scalar ? "df/dx[" + j + "]" : "J[" + k + "][" + j + "]";
    }

    private static boolean fits(double claimed, CheckReport.Entry other) {
        return Math.abs(claimed - other.reference()) <= other.tolerance() + other.referenceError();
    }

    /** "swapped with ..." if this failed entry's claim is another failed entry's reference and back. */
    private static String swapped(List<CheckReport.Entry> entries, int index, int m, int n, boolean scalar) {
        int k = index % m;
        int j = index / m;
        CheckReport.Entry e = entries.get(index);
        for (int other = 0; other < n; other++) {
            CheckReport.Entry o = at(entries, k, other, m);
            if (other != j && o.status() == Status.FAIL && fits(e.claimed(), o) && fits(o.claimed(), e)) {
                return "swapped with " + label(k, other, scalar);
            }
        }
        if (!scalar && j < m && k < n && j != k) {
            CheckReport.Entry t = at(entries, j, k, m);
            if (t.status() == Status.FAIL && fits(e.claimed(), t) && fits(t.claimed(), e)) {
                return "swapped with " + label(j, k, false) + " (a transposed Jacobian?)";
            }
        }
        return null;
    }

    /**
     * "wrong only at inputs a..b" if the failed entries of this entry's row are exactly one range
     * of at least two consecutive inputs, at most half of a row of at least four.
     */
    private static String range(List<CheckReport.Entry> entries, int index, int m, int n, boolean scalar) {
        int k = index % m;
        int first = -1;
        int last = -1;
        for (int j = 0; j < n; j++) {
            if (at(entries, k, j, m).status() == Status.FAIL) {
                if (first < 0) {
                    first = j;
                } else if (last != j - 1) {
                    return null;
                }
                last = j;
            }
        }
        if (n < 4 || last - first < 1 || 2 * (last - first + 1) > n) {
            return null;
        }
        return "wrong only at inputs " + first + ".." + last + " of 0.." + (n - 1) + (scalar ? "" : " in row " + k)
                + " (an index range: a loop bound?)";
    }
}
