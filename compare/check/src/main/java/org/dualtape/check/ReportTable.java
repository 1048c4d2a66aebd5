package org.dualtape.check;

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
        if (!failures.isEmpty()) {
            out.append(" (").append(failures.size()).append(" of ").append(r.entries().size()).append(" entries wrong)");
        } else if (taylorFailed) {
            out.append(" (Taylor remainder is first order)");
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
        CheckReport.Entry worst = null;
        for (CheckReport.Entry e : r.entries()) {
            if (e.reference() != 0 && Double.isFinite(e.resolution()) && (worst == null || e.resolution() > worst.resolution())) {
                worst = e;
            }
        }
        if (worst == null) {
            return "Resolution: no entry has a non-zero finite reference; only absolute tolerances apply\n";
        }
        return String.format(Locale.ROOT,
                "Resolution: relative errors above %.1e are caught at every entry; the check cannot resolve smaller errors at %s"
                        + " (tolerance %.1e, reference error %.1e)%n",
                worst.resolution(), worst.label(), worst.tolerance(), worst.referenceError());
    }

    /** A value with enough digits to see a difference in the 13th. */
    private static String full(double v) {
        return String.format(Locale.ROOT, "%.14e", v);
    }
}
