package org.dualtape.compare.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistencyTest {
    /** A row with a given ω; {@code estimated} as given. */
    private static CellResult row(String method, int width, int params, double omega, boolean estimated) {
        return new CellResult(method, width, params, 1, omega * 1e-5, omega, params, 1e-15, 1e-16, 0, -1, -1,
                estimated, estimated ? 1 : params, "all", null);
    }

    @Test
    void anEstimatedCellWhoseOmegaPerParameterJumpsIsFlaggedAndAMeasuredOneNever() {
        List<CellResult> rows = List.of(
                row("forward-dual", 4, 100, 300, false),     // 3 per parameter
                row("forward-dual", 8, 200, 700, true),      // 3.5: level, kept
                row("forward-dual", 16, 400, 12_000, true),  // 30: 8.6× its neighbour's
                row("forward-dual", 32, 800, 2_600, true),   // 3.25: off only the spike before it
                row("backprop-by-hand", 4, 100, 3, false),
                row("backprop-by-hand", 8, 200, 30, false)); // not a per-parameter method: never flagged
        List<CellResult> out = Consistency.flagAcrossWidths(rows);
        assertEquals(rows.size(), out.size());
        assertFalse(out.get(0).flagged());
        assertFalse(out.get(1).flagged(), out.get(1).flag());
        assertTrue(out.get(2).flagged());
        assertTrue(out.get(2).flag().contains("8.6×") && out.get(2).flag().contains("h=8"), out.get(2).flag());
        assertFalse(out.get(3).flagged(), "its only neighbour is the flagged spike");
        assertFalse(out.get(4).flagged() || out.get(5).flagged());
    }

    @Test
    void anEstimatedEndOffItsTrustedNeighbourIsFlagged() {
        List<CellResult> out = Consistency.flagAcrossWidths(List.of(
                row("complex-step", 4, 100, 300, false),
                row("complex-step", 8, 200, 600, false),
                row("complex-step", 16, 400, 30_000, true))); // 75 per parameter against 3
        assertTrue(out.get(2).flagged());
        assertFalse(out.get(0).flagged() || out.get(1).flagged());
    }

    @Test
    void failedCellsAreSkipped() {
        List<CellResult> rows = List.of(row("complex-step", 4, 100, 300, true),
                new CellResult("complex-step", 8, 200, 1, Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN,
                        Double.NaN, -1, -1, false, 0, "", "cannot run"),
                row("complex-step", 16, 400, 1_300, true));
        List<CellResult> out = Consistency.flagAcrossWidths(rows);
        assertTrue(out.stream().noneMatch(CellResult::flagged));
    }
}
