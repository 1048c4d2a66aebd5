package org.dualtape.compare.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flags estimated cells that contradict their neighbours across widths.
 *
 * <p>A method timed in part ({@link Method#partial()}) takes a number of passes proportional to
 * the parameter count, each costing about a constant number of loss evaluations, so its ω per
 * parameter should stay about level from one width to the next. An estimated cell is flagged when
 * its ω per parameter is more than {@value #FACTOR}× off both its neighbours' in the same
 * direction (a spike or a dip), or, at the first or last width, more than {@value #FACTOR}× off
 * its one neighbour's when that neighbour is not flagged. Measured cells are trusted and never
 * flagged.
 */
public final class Consistency {
    /**
     * Two timings of one estimated cell (on different numbers of coordinates) whose
     * extrapolations are further apart than this factor flag the cell (the worker's check).
     */
    public static final double AGREEMENT = 1.5;
    /** The largest change of ω per parameter between neighbouring widths not flagged. */
    public static final double FACTOR = 2;

    private Consistency() {
    }

    /**
     * Returns the rows with flags added where an estimated cell's ω per parameter differs from a
     * neighbouring width's by more than {@link #FACTOR}×.
     *
     * @param rows the sweep's rows (not modified)
     * @return the rows in the same order, some flagged
     */
    public static List<CellResult> flagAcrossWidths(List<CellResult> rows) {
        Map<String, List<Integer>> byMethod = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            CellResult r = rows.get(i);
            if (!r.failed() && r.omega() > 0 && r.parameters() > 0 && partial(r.method())) {
                byMethod.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(i);
            }
        }
        List<CellResult> out = new ArrayList<>(rows);
        for (List<Integer> cells : byMethod.values()) {
            cells.sort(Comparator.comparingInt(i -> rows.get(i).width()));
            int n = cells.size();
            boolean[] flagged = new boolean[n];
            // A spike or a dip: off both neighbours by more than FACTOR, the same way.
            for (int k = 1; k + 1 < n; k++) {
                double before = change(rows, cells, k, k - 1);
                double after = change(rows, cells, k, k + 1);
                if ((before > FACTOR && after > FACTOR) || (before < 1 / FACTOR && after < 1 / FACTOR)) {
                    flagged[k] = flag(out, cells.get(k), rows.get(cells.get(k - 1)), before);
                }
            }
            // An end: off its neighbour, if that neighbour is trusted.
            for (int k : n < 2 ? new int[0] : new int[] {0, n - 1}) {
                int other = k == 0 ? 1 : n - 2;
                double c = change(rows, cells, k, other);
                if (!flagged[other] && (c > FACTOR || c < 1 / FACTOR)) {
                    flagged[k] = flag(out, cells.get(k), rows.get(cells.get(other)), c);
                }
            }
        }
        return out;
    }

    /** ω per parameter of cell {@code k} over that of cell {@code other}. */
    private static double change(List<CellResult> rows, List<Integer> cells, int k, int other) {
        return perParameter(rows.get(cells.get(k))) / perParameter(rows.get(cells.get(other)));
    }

    private static boolean flag(List<CellResult> out, int index, CellResult neighbour, double change) {
        if (!out.get(index).estimated()) {
            return false;
        }
        out.set(index, out.get(index).withFlag(String.format(Locale.ROOT,
                "ω per parameter %.2g× that at h=%d", change, neighbour.width())));
        return true;
    }

    private static double perParameter(CellResult r) {
        return r.omega() / r.parameters();
    }

    private static boolean partial(String label) {
        try {
            return Method.byLabel(label).partial();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
