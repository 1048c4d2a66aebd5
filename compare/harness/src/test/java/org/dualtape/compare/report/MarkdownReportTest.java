package org.dualtape.compare.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dualtape.compare.sweep.CellResult;
import org.dualtape.compare.sweep.StepPoint;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    private static final int[] WIDTHS = {4, 8, 16};
    private static final int[] PARAMS = {202, 426, 970};

    private static List<CellResult> rows() {
        List<CellResult> rows = new ArrayList<>();
        for (int i = 0; i < WIDTHS.length; i++) {
            double p = PARAMS[i];
            rows.add(Rows.ok("forward-dual", WIDTHS[i], PARAMS[i], 1e-9 * p * p, 2e-16, i == 2));
            // Equal cost at p = 400: 1e-9 p² = 4e-7 p.
            rows.add(Rows.ok("reverse-scalar-tape", WIDTHS[i], PARAMS[i], 4e-7 * p, 1e-16, false));
        }
        rows.add(Rows.failed("commons-math-sparse", 16, 970, "java.lang.OutOfMemoryError: Java heap space"));
        return rows;
    }

    @Test
    void reportHasTheMachineTablesSlopesCrossoversAndFailures() {
        RunInfo run = new RunInfo("dualtape-compare sweep --widths=4,8,16", "test loss", "test reference",
                0.5, "chunk policy", 12.3, new MachineInfo("Test CPU 3000", 2, "8 GB", "Test JVM", "Test OS"));
        String md = MarkdownReport.render(run, rows(), List.of(new StepPoint("central-difference", 1e-6, 1e-10)));
        for (String expected : List.of("Test CPU 3000", "| cores | 2 |", "Test JVM", "Test OS",
                "## ω", "## Max relative error", "## Growth of cost with parameters",
                "| forward-dual | 2.00 | 3 |", "| reverse-scalar-tape | 1.00 | 3 |",
                "## Crossovers", "| forward-dual | reverse-scalar-tape | ≈ 400 | forward-dual | reverse-scalar-tape |",
                "Cheapest of each kind per width", "| 4 | 202 | forward-dual |",
                "## Failures", "commons-math-sparse at h=16: java.lang.OutOfMemoryError",
                "## Error against step size", "cost-vs-params.png", "error-vs-step.png", "*")) {
            assertTrue(md.contains(expected), "missing: " + expected + "\n" + md);
        }
    }

    @Test
    void aFlaggedCellIsMarkedListedAndCarriesNoHeadline() {
        List<CellResult> rows = rows();
        for (int i = 0; i < rows.size(); i++) {
            CellResult r = rows.get(i);
            if (r.method().equals("forward-dual") && r.width() == 8) {
                rows.set(i, r.withFlag("not reproducible: the estimates differ 3×"));
            }
        }
        RunInfo run = new RunInfo("dualtape-compare sweep", "test loss", "test reference", 0.5, "chunk policy",
                1, new MachineInfo("cpu", 2, "8 GB", "jvm", "os"));
        String md = MarkdownReport.render(run, rows, List.of());
        assertTrue(md.contains("## Flagged cells") && md.contains("forward-dual at h=8: not reproducible"), md);
        assertTrue(md.contains("†"), md);
        assertTrue(md.contains("| 4 | 202 | forward-dual |"), md);
        assertTrue(!md.contains("| 8 | 426 | forward-dual |"), "the cheapest-method table rests on a flagged cell:\n" + md);
        assertTrue(md.contains("| forward-dual | 2.00 | 2 |"), "the flagged cell is left out of the fit:\n" + md);
        assertTrue(md.contains(Charts.OMEGA), md);
    }

    @Test
    void memoryIsShownInGibibytes() {
        assertTrue(MachineInfo.gib("24684092 kB").equals("23.5 GiB"), MachineInfo.gib("24684092 kB"));
        assertTrue(MachineInfo.gib("unknown").equals("unknown"));
    }

    @Test
    void machineInfoOfThisMachineIsFilledIn() {
        MachineInfo m = MachineInfo.current();
        assertTrue(m.cores() >= 1);
        assertTrue(!m.cpu().isBlank() && !m.jvm().isBlank() && !m.os().isBlank());
    }
}
