package org.dualtape.compare.sweep;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.RealFieldElement;
import org.junit.jupiter.api.Test;

/** A method whose single pass overruns the cell's budget is not run on, and says so. */
class CannotRunTest {
    /** Each generic loss evaluation of this family busy-waits this long: far above the test budget. */
    private static final long SLOW_MILLIS = 100;
    private static final double BUDGET = 0.01;
    /** The plain loss of this family busy-waits this long per parameter, whatever the JIT does. */
    private static final long SPIN_NANOS_PER_PARAMETER = 2_000;

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

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
                    spin(SPIN_NANOS_PER_PARAMETER * w.length); // a plain loss whose cost grows with the width
                    return fast.loss(w);
                }

                @Override
                public <T extends RealFieldElement<T>> T loss(T[] w) {
                    spin(SLOW_MILLIS * 1_000_000); // busy, not asleep: an interrupt flag left set cannot shorten it
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
        CellMeasurer measurer = new CellMeasurer(new SlowFamily(), BUDGET, 0, 0);
        measurer.measure(Method.FORWARD_DUAL, 5); // records the cost of a pass per loss evaluation
        // The plain loss at 61 parameters is ten times that at 6 (busy-waiting): the cold pass of
        // 0.1 s at width 5 predicts about 1 s here, a hundred times the budget.
        long start = System.nanoTime();
        Measurement m = measurer.measure(Method.FORWARD_DUAL, 60);
        double seconds = (System.nanoTime() - start) * 1e-9;
        assertTrue(m.failure().contains("would take about") && m.failure().contains("previous width"), m.failure());
        assertTrue(seconds < SLOW_MILLIS * 1e-3, "no slow pass ran: " + seconds + " s");
    }

    @Test
    void aFastMethodIsMeasuredAsBefore() {
        Measurement m = new CellMeasurer(new SlowFamily(), BUDGET, 0, 0).measure(Method.BACKPROP_BY_HAND, 5);
        assertNull(m.failure());
    }
}
