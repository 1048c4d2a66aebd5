package org.dualtape.compare.report;

import java.util.List;
import java.util.Locale;
import org.dualtape.compare.sweep.CellResult;

/**
 * The sweep's main table as fixed-width text, printed to standard output after a sweep; a flagged
 * cell (an estimate that is not reproducible) says {@code FLAGGED} in the last column.
 */
public final class ConsoleTable {
    private static final String FORMAT = "%-20s %6s %9s %11s %9s %9s %13s %9s %s%n";

    private ConsoleTable() {
    }

    /**
     * Renders the rows, one line each, under a header.
     *
     * @param rows the rows
     * @return the table text
     */
    public static String render(List<CellResult> rows) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, FORMAT, "method", "h",
                "params", "seconds", "omega", "passes", "max rel error", "estimated", "flag"));
        for (CellResult r : rows) {
            if (r.failed()) {
                table.append(String.format(Locale.ROOT, FORMAT, r.method(), r.width(),
                        r.parameters(), "failed", "", "", "", "failed", ""));
            } else {
                table.append(String.format(Locale.ROOT, FORMAT, r.method(), r.width(),
                        r.parameters(), String.format(Locale.ROOT, "%.3e", r.seconds()),
                        String.format(Locale.ROOT, "%.3g", r.omega()), r.passes(),
                        String.format(Locale.ROOT, "%.2e", r.maxRelError()), r.estimated(),
                        r.flagged() ? "FLAGGED" : ""));
            }
        }
        return table.toString();
    }
}
