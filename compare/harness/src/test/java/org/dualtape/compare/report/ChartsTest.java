package org.dualtape.compare.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dualtape.compare.sweep.StepPoint;
import org.junit.jupiter.api.Test;
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
        for (String name : List.of(Charts.COST, Charts.ERROR, Charts.STEPS)) {
            byte[] bytes = Files.readAllBytes(folder.resolve(name));
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 4), name);
        }
    }

    @Test
    void nothingToDrawLeavesNoStalePlot(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve(Charts.STEPS), "stale");
        Charts.writeSteps(folder, List.of());
        assertFalse(Files.exists(folder.resolve(Charts.STEPS)));
    }
}
