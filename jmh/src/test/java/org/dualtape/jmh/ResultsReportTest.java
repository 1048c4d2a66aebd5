package org.dualtape.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The targets table of {@code RESULTS.md}: ratios across units, the met/missed verdicts at the
 * limit, allocation targets, and rows whose benchmarks did not run.
 */
class ResultsReportTest {

    /** The row of the targets table for one benchmark method and parameter set. */
    private static String row(String report, String method, String params) {
        return report.lines()
                .filter(l -> l.contains("." + method + " | " + params + " |"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + method + " " + params + " in\n" + report));
    }

    @Test
    void ratiosAcrossUnitsGiveVerdictsAtTheLimit() {
        String b = "RosenbrockGradientBenchmark";
        List<Score> scores = List.of(
                new Score(b, "plainDouble", "n=10", 100, 1, "ns/op", 0),
                new Score(b, "reverse", "n=10", 1.0, 0.1, "us/op", 0), // 1000 ns: exactly 10× plain
                new Score(b, "replay", "n=10", 401, 1, "ns/op", 0), // just over 4×
                new Score(b, "forwardChunked", "n=10", 2, 0.1, "us/op", 0),
                new Score(b, "derivativeStructure", "n=10", 6.1, 0.1, "us/op", 0),
                new Score(b, "sparseGradient", "n=10", 5.9, 0.1, "us/op", 0));
        String report = ResultsReport.render(scores, "the command", 1.5);
        assertTrue(row(report, "reverse", "n=10").contains("| 10.0× | ≤ 10.0× plainDouble | met |"),
                row(report, "reverse", "n=10"));
        assertTrue(row(report, "replay", "n=10").endsWith("| missed |"), row(report, "replay", "n=10"));
        String vsDs = report.lines().filter(l -> l.contains("faster than DerivativeStructure")
                && l.contains("forwardChunked | n=10 |")).findFirst().orElseThrow();
        assertTrue(vsDs.endsWith("| met |"), vsDs); // 2 / 6.1 = 0.328 ≤ 1/3
        String vsSparse = report.lines().filter(l -> l.contains("faster than SparseGradient")
                && l.contains("forwardChunked | n=10 |")).findFirst().orElseThrow();
        assertTrue(vsSparse.endsWith("| missed |"), vsSparse); // 2 / 5.9 = 0.339 > 1/3
        assertTrue(row(report, "reverse", "n=100").endsWith("| not run |"), "n = 100 was not measured");
        assertTrue(report.contains("- Command: `the command`"), report);
        assertTrue(report.contains("| reverse | n=10 | 1.000 us/op | 0.100 | 10.0 | 0.000 |"), report);
    }

    @Test
    void allocationTargetsAndTheDerivativeStructureLimitAreExplained() {
        String t = "TapeMechanicsBenchmark";
        String b = "RosenbrockGradientBenchmark";
        List<Score> scores = List.of(
                new Score(t, "reverseSweep", "function=rosenbrock,n=100", 1, 0, "us/op", 0.01),
                new Score(t, "replay", "function=rosenbrock,n=100", 1, 0, "us/op", 48),
                new Score(b, "reverse", "n=10000", 1, 0, "ms/op", 0));
        String report = ResultsReport.render(scores, "c", 1);
        String sweep = report.lines().filter(l -> l.startsWith("| reverse sweep allocates nothing")).findFirst()
                .orElseThrow();
        assertTrue(sweep.endsWith("| met |"), sweep);
        String replay = report.lines().filter(l -> l.startsWith("| replay allocates nothing")).findFirst()
                .orElseThrow();
        assertTrue(replay.contains("48.0 B/op") && replay.endsWith("| missed |"), replay);
        String ds = report.lines().filter(l -> l.startsWith("| reverse ≥ 100× faster than DerivativeStructure"))
                .findFirst().orElseThrow();
        assertTrue(ds.contains("not run: DerivativeStructure cannot hold 10000 variables"), ds);
        assertEquals(1e6, new Score(b, "m", "", 1, 0, "ms/op", 0).nanos());
    }
}
