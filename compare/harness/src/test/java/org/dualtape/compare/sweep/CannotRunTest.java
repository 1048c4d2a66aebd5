package org.dualtape.compare.sweep;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.RealFieldElement;
import org.junit.jupiter.api.Test;

/** A method whose single pass overruns the cell's budget is not run on, and says so. */
class CannotRunTest {
    /** Each generic loss evaluation of this family sleeps this long: far above the test budget. */
    private static final long SLOW_MILLIS = 100;
    private static final double BUDGET = 0.01;

    /** The Rosenbrock family with a generic loss slowed down. */
    public static final class SlowFamily extends RosenbrockFamily {
        @Override
        public SweepProblem create(int width) {
            SweepProblem fast = super.create(width);
            return new SweepProblem() {
                @Override
                public int parameterCount() {
                    return fast.parameterCount();
                }

                @Override
                public double[] initialParameters() {
                    return fast.initialParameters();
                }

                @Override
                public double loss(double[] w) {
                    return fast.loss(w);
                }

                @Override
                public <T extends RealFieldElement<T>> T loss(T[] w) {
                    try {
                        Thread.sleep(SLOW_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return fast.loss(w);
                }

                @Override
                public double lossAndGradient(double[] w, double[] gradient) {
                    return fast.lossAndGradient(w, gradient);
                }

                @Override
                public double[] referencePartials(double[] w, int[] coordinates) {
                    return fast.referencePartials(w, coordinates);
                }

                @Override
                public String referenceDescription() {
                    return fast.referenceDescription();
                }
            };
        }
    }

    @Test
    void aPassLongerThanTheBudgetEndsTheCellWithAMessageAfterOnePass() {
        CellMeasurer measurer = new CellMeasurer(new SlowFamily(), BUDGET, 0, 0);
        long start = System.nanoTime();
        Measurement m = measurer.measure(Method.FORWARD_DUAL, 50);
        double seconds = (System.nanoTime() - start) * 1e-9;
        assertNotNull(m.failure());
        assertTrue(m.failure().startsWith("cannot run at 51 parameters within the budget: one pass of 1 coordinate took"),
                m.failure());
        // One slow pass and the loss timing, not the 51 passes of a gradient (over 3 s).
        assertTrue(seconds < 51 * SLOW_MILLIS * 1e-3 / 2, "took " + seconds + " s");
    }

    @Test
    void thePreviousWidthPredictsTheNextWithoutRunningIt() {
        warmPlainLoss(5);
        warmPlainLoss(60); // so that the two cells' loss timings are both of compiled code
        CellMeasurer measurer = new CellMeasurer(new SlowFamily(), BUDGET, 0, 0);
        measurer.measure(Method.FORWARD_DUAL, 5); // records the cost of a pass per loss evaluation
        // A loss ten times longer predicts a pass ~100 times the budget: a margin for timing noise.
        long start = System.nanoTime();
        Measurement m = measurer.measure(Method.FORWARD_DUAL, 60);
        double seconds = (System.nanoTime() - start) * 1e-9;
        assertTrue(m.failure().contains("would take about") && m.failure().contains("previous width"), m.failure());
        assertTrue(seconds < SLOW_MILLIS * 1e-3, "no slow pass ran: " + seconds + " s");
    }

    private static void warmPlainLoss(int width) {
        SweepProblem p = new SlowFamily().create(width);
        double[] w = p.initialParameters();
        double sum = 0;
        for (int i = 0; i < 300_000; i++) {
            sum += p.loss(w);
        }
        assertTrue(Double.isFinite(sum));
    }

    @Test
    void aFastMethodIsMeasuredAsBefore() {
        Measurement m = new CellMeasurer(new SlowFamily(), BUDGET, 0, 0).measure(Method.BACKPROP_BY_HAND, 5);
        assertNull(m.failure());
    }
}
