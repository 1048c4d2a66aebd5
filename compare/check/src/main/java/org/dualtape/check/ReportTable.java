package org.dualtape.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link CheckReport} as the plain-text table its {@code table()} returns. */
final class ReportTable {
    private ReportTable() {
    }

    static String render(CheckReport r) {
        StringBuilder out = new StringBuilder();
        List<CheckReport.Entry> failures = r.failures();
        CheckReport.Taylor taylor = r.taylor();
        boolean taylorFailed = taylor != null && taylor.verdict() == CheckReport.Taylor.Verdict.FIRST_ORDER;
        out.append(r.title()).append(": ").append(r.passed() ? "PASSED" : "FAILED");
        List<String> reasons = new ArrayList<>();
        if (!failures.isEmpty()) {
            reasons.add(failures.size() + " of " + r.entries().size() + " entries wrong");
        } else if (taylorFailed) {
            reasons.add("Taylor remainder is first order");
        }
        List<CheckReport.Entry> blind = r.notChecked();
        if (!blind.isEmpty()) {
            long unresolved = blind.stream().filter(e -> e.status() == Status.UNRESOLVED).count();
            long unchecked = blind.size() - unresolved;
            List<String> why = new ArrayList<>();
            if (unresolved > 0) {
                why.add(unresolved + " that the reference cannot resolve");
            }
            if (unchecked > 0) {
                why.add(unchecked + " where several kinks meet");
            }
            reasons.add(blind.size() + " of " + r.entries().size() + " entries not checked (" + String.join(", ", why) + ")"
                    + (r.allowsUnchecked() ? ", allowed by allowUnchecked()" : "; allowUnchecked() lets them pass"));
        }
        if (!reasons.isEmpty()) {
            out.append(" (").append(String.join("; ", reasons)).append(')');
        }
        out.append('\n');
        out.append("Method: ").append(r.method()).append("; ").append(r.evaluations()).append(" evaluations\n");
        List<CheckReport.Entry> shown = r.worst(CheckReport.TABLE_ROWS);
        int width = "entry".length();
        for (CheckReport.Entry e : shown) {
            width = Math.max(width, e.label().length());
        }
        String row = "%-" + width + "s  %22s  %22s  %8s  %9s  %-10s  %s%n";
        out.append(String.format(Locale.ROOT, row, "entry", "claimed", "reference", "|error|", "tolerance", "status", "why"));
        for (CheckReport.Entry e : shown) {
            out.append(String.format(Locale.ROOT, row, e.label(), full(e.claimed()), full(e.reference()),
                    CheckReport.sci(e.error()), CheckReport.sci(e.tolerance()), e.status(), e.why()));
        }
        if (shown.size() < r.entries().size()) {
            out.append("(").append(r.entries().size() - shown.size()).append(" more entries, all within tolerance by a wider margin)\n");
        }
        if (taylor != null) {
            out.append("Taylor remainder along ").append(taylor.direction()).append(": ").append(taylor.verdict())
                    .append(", ").append(taylor.note()).append('\n');
        }
        for (CheckReport.Kink k : r.kinks()) {
            out.append("Kink: ").append(k.label()).append(" is not differentiable at ").append(k.where())
                    .append(": one-sided derivatives ").append(full(k.left())).append(" (left) and ").append(full(k.right()))
                    .append(" (right); claimed ").append(full(k.claimed()))
                    .append(k.claimedBetween() ? " lies between them: not counted as a failure"
                            : k.severalKinks() ? " lies outside them, but several kinks meet there (derivatives along it"
                                    + " around the point fall outside them too), so no line bounds a generalized gradient:"
                                    + " not checked, not counted as a failure"
                            : " lies outside them: a failure")
                    .append('\n');
        }
        out.append(resolution(r));
        for (CheckReport.Coverage c : r.coverage()) {
            out.append(String.format(Locale.ROOT,
                    "Coverage: %d random directions; %s of norm >= %.1e (relative %.1e) is caught with probability >= 1 - %.0e%n",
                    c.directions(), c.ofWhat(), c.errorNorm(), c.relative(), c.missProbability()));
        }
        return out.toString();
    }

    private static String resolution(CheckReport r) {
        CheckReport.Entry worst = r.worstResolved();
        if (worst == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        if (Double.isInfinite(worst.resolution())) {
            out.append("Resolution: none at ").append(worst.label()).append(" (").append(worst.why()).append(")");
        } else {
            out.append(String.format(Locale.ROOT, "Resolution: errors above %.1e %s are caught at every entry; the check cannot"
                    + " resolve smaller errors at %s (tolerance %.1e, reference error %.1e)", worst.resolution(),
                    worst.absolute() ? "(absolute: claimed and reference are 0 there)" : "(relative to each entry)", worst.label(),
                    worst.tolerance(), worst.referenceError()));
        }
        double absolute = 0;
        int zeros = 0;
        for (CheckReport.Entry e : r.entries()) {
            if (e.absolute() && Double.isFinite(e.resolution())) {
                zeros++;
                absolute = Math.max(absolute, e.resolution());
            }
        }
        if (zeros > 0 && !worst.absolute()) {
            out.append(String.format(Locale.ROOT, "; %d entries claimed 0 with reference 0 resolve absolute errors above %.1e",
                    zeros, absolute));
        }
        return out.append('\n').toString();
    }

    /** A value with enough digits to see a difference in the 13th. */
    private static String full(double v) {
        return String.format(Locale.ROOT, "%.14e", v);
    }
}
