package org.dualtape.compare.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class StopwatchTest {
    private static final int ARRAY_LENGTH = 10_000;
    private double[] kept;

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2, Stopwatch.median(new double[] {3, 1, 2, 99}, 3));
        assertEquals(2.5, Stopwatch.median(new double[] {4, 1, 3, 2}, 4));
        assertEquals(7, Stopwatch.median(new double[] {7}, 1));
    }

    @Test
    void spreadIsTheQuartileRatioOrTheRangeForFewSamples() {
        // Eight samples, one preempted (40): the quartiles (sorted[6] / sorted[2]) ignore it.
        assertEquals(1.5, Stopwatch.spread(new double[] {2, 3, 2, 40, 2, 3, 2, 2}, 8));
        assertEquals(4, Stopwatch.spread(new double[] {1, 4, 2}, 3));
        assertEquals(1, Stopwatch.spread(new double[] {5}, 1));
        Stopwatch.Timing t = Stopwatch.time(() -> Stopwatch.consume(Math.sqrt(2)), 0.001, 0.02);
        assertTrue(t.spread() >= 1, "spread " + t.spread());
    }

    @Test
    void timingTakesAtLeastTheMinimumSamples() {
        // Samples of 1 ms against 50 ms of measuring: only a stall of the whole machine could
        // keep three from fitting.
        Stopwatch.Timing t = Stopwatch.time(() -> Stopwatch.consume(Math.sqrt(2)), 0.001, 0.05);
        assertTrue(t.seconds() > 0);
        assertTrue(t.samples() >= Stopwatch.MIN_SAMPLES && t.samples() <= Stopwatch.MAX_SAMPLES);
        assertTrue(t.runs() >= t.samples());
    }

    @Test
    void allocationIsCountedPerRun() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean()
                instanceof com.sun.management.ThreadMXBean);
        Stopwatch.Timing t = Stopwatch.time(() -> kept = new double[ARRAY_LENGTH], 0.001, 0.005);
        // Each run allocates one array of 80,000 bytes plus its header.
        assertTrue(t.bytesPerRun() >= 8.0 * ARRAY_LENGTH, "bytes per run " + t.bytesPerRun());
        assertTrue(t.bytesPerRun() < 8.0 * ARRAY_LENGTH * 1.5, "bytes per run " + t.bytesPerRun());
    }
}
