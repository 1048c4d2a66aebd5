package org.dualtape.compare.report;

import java.util.List;
import java.util.Locale;
import org.dualtape.compare.sweep.SecondOrderRow;

/**
 * The second-order study as text: {@code second-order.csv} (one row per width) and
 * {@code SECOND_ORDER.md}, the report section that shows, with numbers, why Newton's method is
 * "normally less practical": one Hessian-vector product costs a few gradients whatever the size,
 * but the Hessian costs P of them and P² memory.
 */
public final class SecondOrderReport {
    /** The CSV header. */
    public static final String HEADER = "width,parameters,plain_seconds,gradient_seconds,gradient_omega,hvp_seconds,"
        + "hvp_omega,hvp_per_gradient,hessian_seconds,hessian_omega,hessian_estimated,hessian_bytes,"
        + "ds2_hessian_seconds,ds2_note";

    private SecondOrderReport() {
    }

    /**
     * The rows as CSV, header first, numbers in {@link Locale#ROOT}.
     *
     * @param rows the study's rows; not modified
     * @return the CSV text, one line per row
     */
    public static String csv(List<SecondOrderRow> rows) {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        for (SecondOrderRow r : rows) {
            s.append(String.format(Locale.ROOT, "%d,%d,%.6e,%.6e,%.4f,%.6e,%.4f,%.4f,%.6e,%.4e,%b,%d,%s,%s%n",
                r.width(), r.parameters(), r.plainSeconds(), r.gradientSeconds(), r.gradientOmega(), r.hvpSeconds(),
                r.hvpOmega(), r.hvpPerGradient(), r.hessianSeconds(), r.hessianOmega(), r.hessianEstimated(),
                r.hessianBytes(), Double.isNaN(r.derivativeStructureSeconds()) ? ""
                    : String.format(Locale.ROOT, "%.6e", r.derivativeStructureSeconds()),
                quote(r.derivativeStructureNote())));
        }
        return s.toString();
    }

    /**
     * The report section in Markdown.
     *
     * @param rows the study's rows; not modified
     * @param command the command that produced them, quoted in the text
     * @param machine a one-line description of the machine
     * @return the Markdown text
     */
    public static String markdown(List<SecondOrderRow> rows, String command, String machine) {
        StringBuilder s = new StringBuilder();
        s.append("# Second order: Hessian-vector products and Hessians\n\n");
        s.append("Standard MLP (32 → h → h → 10, tanh, softmax cross-entropy, batch 32), vector tape replayed through")
            .append(" `Replay.hvp` and `Replay.hessian` (forward-over-reverse: the reverse sweep, a tangent sweep and")
            .append(" a reverse sweep of the adjoints' tangents). ω is a time over one plain `double` loss.")
            .append(" The Hessian is P HVPs: \"estimated\" marks P × one HVP where the budget or the P² memory did")
            .append(" not allow computing it. Commons Math's `DerivativeStructure` of order 2 runs on the generic")
            .append(" loss where it can.\n\n");
        s.append("Command: `").append(command).append("`. Machine: ").append(machine).append(".\n\n");
        s.append("| h | P | ω gradient | ω HVP | HVP / gradient | Hessian (s) | Hessian ω | Hessian memory |")
            .append(" DerivativeStructure order 2 (s) |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (SecondOrderRow r : rows) {
            s.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.2f | %s%s | %.3g | %s | %s |%n",
                r.width(), r.parameters(), r.gradientOmega(), r.hvpOmega(), r.hvpPerGradient(),
                seconds(r.hessianSeconds()), r.hessianEstimated() ? " (estimated)" : "", r.hessianOmega(),
                bytes(r.hessianBytes()), Double.isNaN(r.derivativeStructureSeconds()) ? r.derivativeStructureNote()
                    : seconds(r.derivativeStructureSeconds()) + " (" + r.derivativeStructureNote() + ")"));
        }
        s.append("\nThe HVP's ω stays flat as P grows, like the gradient's: one HVP is a small constant times one")
            .append(" gradient. The Hessian's ω grows as P (so its time as P², with its memory): this is the row")
            .append(" that shows why Newton's method, which needs the Hessian at every step, is impractical for")
            .append(" networks, while Hessian-free methods (conjugate gradients on HVPs) are not.\n");
        return s.toString();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3g", s);
    }

    private static String bytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    }

    private static String quote(String text) {
        return text.indexOf(',') < 0 && text.indexOf('"') < 0 ? text : '"' + text.replace("\"", "\"\"") + '"';
    }
}
