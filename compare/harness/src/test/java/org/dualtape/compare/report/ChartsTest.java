package org.dualtape.compare.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dualtape.compare.sweep.StepPoint;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void sweepAndStepPlotsArePngFiles(@TempDir Path folder) throws IOException {
        Charts.writeSweep(folder, List.of(
                Rows.ok("forward-dual", 4, 202, 1e-3, 0, false), // zero error: drawn at the floor
                Rows.ok("forward-dual", 8, 426, 4e-3, 1e-16, true),
                Rows.failed("reverse-scalar-tape", 4, 202, "boom")));
        Charts.writeSteps(folder, List.of(new StepPoint("central-difference", 1e-1, 1e-3),
                new StepPoint("central-difference", 1e-2, Double.NaN),
                new StepPoint("central-difference", 1e-3, 1e-7)));
        for (String name : List.of(Charts.OMEGA, Charts.COST, Charts.ERROR, Charts.STEPS)) {
            byte[] bytes = Files.readAllBytes(folder.resolve(name));
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 4), name);
        }
    }

    @Test
    void aLogAxisSpansWholeDecadesSoEveryDecadeHasATick() {
        XYChart chart = SeriesStyle.chart("t", "x", "y", true, true);
        SeriesStyle.decades(chart, true, 202, 6922);
        SeriesStyle.decades(chart, false, 3.2e-15, 1e-3);
        assertEquals(100.0, chart.getStyler().getXAxisMin());
        assertEquals(10_000.0, chart.getStyler().getXAxisMax());
        assertEquals(1e-15, chart.getStyler().getYAxisMin(), 1e-30);
        assertEquals(1e-3, chart.getStyler().getYAxisMax(), 1e-18);
        assertTrue(chart.getStyler().isXAxisLogarithmicDecadeOnly());
    }

    @Test
    void twelveSeriesGetTwelveDifferentLooksWithoutYellowOrCyan() {
        Set<String> looks = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            Color c = SeriesStyle.color(i);
            boolean yellow = c.getRed() > 180 && c.getGreen() > 180 && c.getBlue() < 100;
            boolean cyan = c.getGreen() > 150 && c.getBlue() > 150 && c.getRed() < 100;
            assertFalse(yellow || cyan, "colour " + i + " is " + c);
            looks.add(c.getRGB() + "/" + SeriesStyle.marker(i).getClass().getSimpleName() + "/"
                    + Arrays.toString(SeriesStyle.line(i).getDashArray()));
        }
        assertEquals(12, looks.size());
    }

    @Test
    void nothingToDrawLeavesNoStalePlot(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve(Charts.STEPS), "stale");
        Charts.writeSteps(folder, List.of());
        assertFalse(Files.exists(folder.resolve(Charts.STEPS)));
    }
}
