package org.dualtape.compare.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dualtape.compare.Main;
import org.dualtape.compare.report.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole sweeps through the command line and the runner, with real worker JVMs: kept to a few
 * JVMs, small widths and a short budget, because starting JVMs is slow on two cores.
 */
class SweepEndToEndTest {
    /** Reverse mode agrees with the 40-digit reference to rounding. */
    private static final double AD_ERROR = 1e-12;
    /** A forward difference loses about half the digits: its error is far above rounding. */
    private static final double FORWARD_DIFFERENCE_ERROR = 1e-9;
    private static final String BUDGET = "--budget=0.05";

    @Test
    void smallSweepWritesEveryOutput(@TempDir Path out) throws IOException {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        // The standard MLP family (the default), widths 2 and 4: 102 and 202 parameters.
        int code = Main.run(new String[] {"sweep",
                "--widths=2,4", "--methods=reverse-scalar-tape,forward-difference", BUDGET,
                "--out=" + out}, new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        assertEquals(0, code, stderr.toString());

        List<String> sweep = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(Csv.SWEEP_HEADER, sweep.get(0));
        assertEquals(1 + 2 * 2, sweep.size(), String.join("\n", sweep));
        for (String line : sweep.subList(1, sweep.size())) {
            String[] f = line.split(",", -1);
            double error = Double.parseDouble(f[6]);
            if (f[0].equals("reverse-scalar-tape")) {
                assertTrue(error < AD_ERROR, line);
                assertEquals("2", f[5], line);
            } else {
                assertTrue(error > FORWARD_DIFFERENCE_ERROR, line);
                assertEquals(String.valueOf(Integer.parseInt(f[2]) + 1), f[5], line);
            }
            assertTrue(Double.parseDouble(f[3]) > 0 && Double.parseDouble(f[4]) > 0, line);
            assertTrue(f[8].equals("true") || f[8].equals("false"), line);
        }

        List<String> steps = Files.readAllLines(out.resolve("steps.csv"));
        assertEquals(Csv.STEPS_HEADER, steps.get(0));
        assertTrue(steps.stream().anyMatch(l -> l.startsWith("central-difference,1e-06,")), steps.toString());
        assertTrue(steps.stream().anyMatch(l -> l.startsWith("reverse-scalar-tape,1e-16,")), steps.toString());

        String report = Files.readString(out.resolve("REPORT.md"));
        assertTrue(report.contains("## Machine") && report.contains("## Growth of cost"), report);
        for (String png : List.of("cost-vs-params.png", "error-vs-params.png", "error-vs-step.png")) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(out.resolve(png)), 4);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, png);
        }
        assertTrue(stdout.toString().contains("reverse-scalar-tape"), stdout.toString());
        assertTrue(stderr.toString().contains("[  4/4]"), stderr.toString());
    }

    @Test
    void aCrashedWorkerGivesAFailedRowAndTheRestStillRuns() throws Exception {
        SweepConfig config = new SweepConfig(List.of(2, CrashingFamily.CRASH_WIDTH, 3),
                List.of(Method.BACKPROP_BY_HAND), 0.05, 0, CrashingFamily.class.getName(), List.of());
        StringWriter progress = new StringWriter();
        List<CellResult> rows = new SweepRunner(config, new PrintWriter(progress, true)).run();
        assertEquals(3, rows.size(), progress.toString());
        assertTrue(!rows.get(0).failed() && !rows.get(2).failed(), progress.toString());
        CellResult crashed = rows.get(1);
        assertTrue(crashed.failed());
        assertEquals(CrashingFamily.CRASH_WIDTH, crashed.width());
        assertTrue(crashed.failure().contains("exited with code 3"), crashed.failure());
        assertTrue(crashed.failure().contains("halting the worker on purpose"), crashed.failure());
    }
}
