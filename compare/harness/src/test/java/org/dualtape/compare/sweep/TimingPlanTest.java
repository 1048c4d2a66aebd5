package org.dualtape.compare.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimingPlanTest {
    private static final double EXACT = 1e-12;

    @Test
    void wholeGradientWhenItFitsTheBudget() {
        // 1000 coordinates at 1 µs each: 1 ms per gradient, five fit in 1 s.
        TimingPlan plan = TimingPlan.choose(Method.FORWARD_DUAL, 1000, 1, 1e-6, 0, 1.0);
        assertFalse(plan.estimated());
        assertEquals(1000, plan.coordinates());
        assertEquals(0.5, plan.extrapolate(Method.FORWARD_DUAL, 1, 0.5, 0), EXACT);
    }

    @Test
    void partOfTheGradientWhenItDoesNot() {
        // 1e6 coordinates at 1 ms each: ~1000 s; a sample must fit 1 s / 5.
        int n = 1_000_000;
        TimingPlan plan = TimingPlan.choose(Method.FORWARD_DUAL, n, 1, 1e-3, 0, 1.0);
        assertTrue(plan.estimated());
        assertEquals(200, plan.coordinates());
        assertEquals(1e-3 * n, plan.extrapolate(Method.FORWARD_DUAL, 1, 1e-3 * 200, 0), 1e-9);
    }

    @Test
    void chunkedPlansTimeWholeChunks() {
        int n = 100_000;
        int chunk = 8;
        double perChunk = 0x1p-10; // powers of two keep the arithmetic exact
        TimingPlan plan = TimingPlan.choose(Method.FORWARD_CHUNKED, n, chunk, perChunk, 0, 0.625);
        assertTrue(plan.estimated());
        assertEquals(0, plan.coordinates() % chunk);
        // 0.125 s per sample at 2^-10 s per chunk: 128 chunks.
        assertEquals(128 * chunk, plan.coordinates());
        // 12,500 passes for the whole gradient against 128 timed.
        assertEquals(12_500 * perChunk, plan.extrapolate(Method.FORWARD_CHUNKED, chunk, 0.125, 0), 1e-12);
    }

    @Test
    void extrapolationCountsTheSharedEvaluationOfForwardDifferences() {
        TimingPlan plan = new TimingPlan(9, 99, true);
        // 10 passes timed (9 + f(x)), 100 for the whole gradient.
        assertEquals(10.0, plan.extrapolate(Method.FORWARD_DIFFERENCE, 1, 1.0, 0), EXACT);
    }

    @Test
    void atLeastOneUnitIsTimedHoweverSlow() {
        TimingPlan plan = TimingPlan.choose(Method.CENTRAL_DIFFERENCE, 500, 1, 10.0, 0, 0.1);
        assertTrue(plan.estimated());
        assertEquals(1, plan.coordinates());
    }

    @Test
    void wholeGradientMethodsAreNeverEstimated() {
        TimingPlan plan = TimingPlan.choose(Method.REVERSE_SCALAR_TAPE, 1_000_000, 1, 100.0, 0, 0.1);
        assertFalse(plan.estimated());
        assertEquals(1_000_000, plan.coordinates());
    }

    @Test
    void fixedPartIsKeptOutOfTheScaling() {
        // SparseGradient: a pass with no variables takes 1 s; each variable adds 1 ms.
        int n = 10_000;
        TimingPlan plan = TimingPlan.choose(Method.COMMONS_MATH_SPARSE, n, 1, 1.001, 1.0, 7.5);
        assertTrue(plan.estimated());
        // One sample may take 1.5 s: the fixed second plus 500 variables.
        assertEquals(500, plan.coordinates());
        assertEquals(1.0 + 1e-3 * n, plan.extrapolate(Method.COMMONS_MATH_SPARSE, 1, 1.5, 1.0), 1e-9);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> TimingPlan.choose(Method.FORWARD_DUAL, 0, 1, 1e-3, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> TimingPlan.choose(Method.FORWARD_DUAL, 10, 1, 1e-3, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> TimingPlan.choose(Method.FORWARD_DUAL, 10, 0, 1e-3, 0, 1));
    }
}
