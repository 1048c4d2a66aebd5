package org.dualtape.compare.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The worker's measurement of one cell, run in this JVM with the Rosenbrock test family. */
class CellMeasurerTest {
    /** Rounding differences of an exact method on a small Rosenbrock chain. */
    private static final double EXACT_METHOD_ERROR = 1e-13;
    private static final double SMALL_BUDGET = 0.02;
    private final ProblemFamily family = new RosenbrockFamily();

    @Test
    void wholeGradientMethodIsTimedWholeAndAccurate() {
        Measurement m = new CellMeasurer(family, SMALL_BUDGET, 0).measure(Method.BACKPROP_BY_HAND, 9);
        assertNull(m.failure());
        assertEquals(10, m.parameters());
        assertFalse(m.estimated());
        assertEquals(2, m.passes());
        assertTrue(m.seconds() > 0 && m.lossSeconds() > 0);
        assertError(m, 9);
    }

    @Test
    void chunkedMethodUsesTheRequestedChunk() {
        Measurement m = new CellMeasurer(family, SMALL_BUDGET, 3).measure(Method.COMMONS_MATH_DS, 9);
        assertEquals(3, m.chunk());
        assertEquals(4, m.passes()); // ceil(10 / 3)
        assertError(m, 9);
    }

    @Test
    void slowPerCoordinateMethodIsTimedInPartAndMarkedEstimated() {
        // 40,001 parameters, one DerivativeStructure pass per 8: ~5,000 passes of 40,001 inputs,
        // seconds of work against a measuring time of 0.009 s, on any machine.
        // A pass may take up to a minute here (a loaded machine): this test is about timing in part.
        Measurement m = new CellMeasurer(family, SMALL_BUDGET, 8, 60).measure(Method.COMMONS_MATH_DS, 40_000);
        assertNull(m.failure());
        assertTrue(m.estimated());
        assertTrue(m.timedCoordinates() < m.parameters());
        assertEquals(0, m.timedCoordinates() % 8);
        // The accuracy check takes what its share of the budget allows: at least one chunk.
        assertTrue(m.partials().length >= 8 && m.partials().length <= AccuracyPlan.SAMPLE_SIZE, m.toString());
        assertError(m, 40_000);
    }

    @Test
    void methodTheLossCannotRunThrowsForTheWorkerToReport() {
        // The Rosenbrock test loss has no vector-tape form.
        CellMeasurer measurer = new CellMeasurer(family, SMALL_BUDGET, 0);
        assertThrows(UnsupportedOperationException.class,
                () -> measurer.measure(Method.REVERSE_VECTOR_TAPE, 3));
    }

    @Test
    void badBudgetOrChunkIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CellMeasurer(family, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CellMeasurer(family, 1, -1));
    }

    private void assertError(Measurement m, int width) {
        SweepProblem problem = family.create(width);
        double[] reference = problem.referencePartials(problem.initialParameters(),
                AccuracyPlan.coordinates(problem));
        double error = CellResult.of(m, reference).maxRelError();
        assertTrue(error < EXACT_METHOD_ERROR, m.method() + " error " + error);
    }
}
