package org.dualtape.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dualtape.compare.report.SecondOrderReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code second-order} command end to end on tiny widths: it writes second-order.csv and
 * SECOND_ORDER.md, measures the Hessian where it fits and marks it estimated where it does not,
 * runs DerivativeStructure of order 2 where the parameters are few (agreeing with the tape to
 * rounding), and rejects bad options with exit code 2.
 */
class SecondOrderCommandTest {

    @Test
    void writesTheCsvAndTheReportSection(@TempDir Path out) throws Exception {
        StringWriter stdout = new StringWriter();
        int code = Main.run(new String[] {"second-order", "--widths", "1,3", "--budget", "0.02", "--out", out.toString()},
            new PrintWriter(stdout), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        List<String> lines = Files.readAllLines(out.resolve("second-order.csv"));
        assertEquals(SecondOrderReport.HEADER, lines.get(0));
        assertEquals(3, lines.size(), "a header and one row per width");
        String[] first = lines.get(1).split(",", -1);
        assertEquals("1", first[0]);
        assertEquals("55", first[1], "the standard MLP at h = 1 has 55 parameters");
        assertTrue(Double.parseDouble(first[7]) > 0, "HVP / gradient");
        String note = lines.get(1).substring(lines.get(1).indexOf("max relative difference"));
        double difference = Double.parseDouble(note.substring("max relative difference ".length()).trim());
        assertTrue(difference < 1e-12, "DerivativeStructure order 2 and the tape agree: " + note);
        String report = Files.readString(out.resolve("SECOND_ORDER.md"));
        assertTrue(report.contains("| 3 | 151 |"), report);
        assertTrue(stdout.toString().startsWith(SecondOrderReport.HEADER));
    }

    @Test
    void aHessianBeyondTheBudgetIsEstimatedAndMarked(@TempDir Path out) throws Exception {
        int code = Main.run(new String[] {"second-order", "--widths", "8", "--budget", "0.001", "--out", out.toString()},
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        String row = Files.readAllLines(out.resolve("second-order.csv")).get(1);
        assertTrue(row.contains(",true,"), "426 HVPs do not fit 1 ms: " + row);
        assertTrue(row.contains("not run"), "DerivativeStructure does not run at P = 426: " + row);
        assertTrue(Files.readString(out.resolve("SECOND_ORDER.md")).contains("(estimated)"));
    }

    @Test
    void badOptionsExitWithTwo(@TempDir Path out) {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        assertEquals(2, Main.run(new String[] {"second-order", "--widths", "0", "--out", out.toString()}, quiet, quiet));
        assertEquals(2, Main.run(new String[] {"second-order", "--budget", "-1", "--out", out.toString()}, quiet, quiet));
    }
}
