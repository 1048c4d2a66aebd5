package org.dualtape.compare.complex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ComplexStepTest {
    /** Hand-checkable gradients are small integers or tenths: exact up to a few roundings. */
    private static final double EXACT = 1e-13;

    static ComplexNumber rosenbrock(ComplexNumber[] x) {
        ComplexNumber sum = ComplexNumber.ZERO;
        for (int i = 0; i + 1 < x.length; i++) {
            ComplexNumber a = x[i + 1].subtract(x[i].multiply(x[i]));
            ComplexNumber b = x[i].negate().add(1);
            sum = sum.add(a.multiply(a).multiply(100)).add(b.multiply(b));
        }
        return sum;
    }

    @Test
    void rosenbrockByHand() {
        // d/dx0 = -400·0.1·(0.2 − 0.01) − 2·0.9 = −9.4, and so on
        assertArrayEquals(new double[] {-9.4, 15.6, 52.0},
                ComplexStep.gradient(ComplexStepTest::rosenbrock, new double[] {0.1, 0.2, 0.3}), EXACT);
    }

    @Test
    void theLectureExample() {
        // L = (a + 3b)c² at (2, 3, 4): (c², 3c², 2(a + 3b)c) = (16, 48, 88)
        Function<ComplexNumber[], ComplexNumber> l = x -> x[0].add(x[1].multiply(3)).multiply(x[2].multiply(x[2]));
        assertArrayEquals(new double[] {16, 48, 88}, ComplexStep.gradient(l, new double[] {2, 3, 4}), EXACT);
    }

    @Test
    void derivativeOfOneVariableAndAnyStepBelowTheSquareRootOfEpsilon() {
        for (double h : new double[] {1e-10, 1e-20, 1e-100, ComplexStep.DEFAULT_STEP, 1e-300}) {
            assertEquals(Math.cos(0.7) * Math.exp(Math.sin(0.7)),
                    ComplexStep.derivative(z -> z.sin().exp(), 0.7, h), 1e-15, "h = " + h);
        }
        assertEquals(1 / 0.7, ComplexStep.derivative(ComplexNumber::log, 0.7), 1e-15);
    }

    @Test
    void someCoordinatesTakeOnePassEach() {
        int[] passes = {0};
        double[] g = ComplexStep.gradient(z -> {
            passes[0]++;
            return rosenbrock(z);
        }, new double[] {0.1, 0.2, 0.3}, ComplexStep.DEFAULT_STEP, new int[] {2, 1});
        assertArrayEquals(new double[] {52.0, 15.6}, g, EXACT);
        assertEquals(2, passes[0]);
        assertEquals(0, ComplexStep.gradient(ComplexStepTest::rosenbrock, new double[3], 1e-20, new int[0]).length);
    }

    @Test
    void theInputIsNotModified() {
        double[] x = {0.1, 0.2, 0.3};
        ComplexStep.gradient(ComplexStepTest::rosenbrock, x);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, x);
    }

    @Test
    void badStepsAndCoordinatesAreRejected() {
        for (double h : new double[] {0, -1e-20, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ComplexStep.derivative(ComplexNumber::exp, 1, h));
            assertTrue(e.getMessage().contains("positive and finite"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ComplexStep.gradient(ComplexStepTest::rosenbrock, new double[3], 1e-20, new int[] {0, 3}));
        assertTrue(e.getMessage().contains("coordinates[1] = 3") && e.getMessage().contains("length 3"), e.getMessage());
    }
}
