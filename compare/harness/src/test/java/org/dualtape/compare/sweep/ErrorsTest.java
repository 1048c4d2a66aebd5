package org.dualtape.compare.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErrorsTest {
    private static final double EXACT = 1e-15;

    @Test
    void equalPartialsHaveNoError() {
        Errors e = Errors.of(new double[] {1, -2, 3}, new double[] {1, -2, 3});
        assertEquals(0, e.maxRelative());
        assertEquals(0, e.maxAbsolute());
    }

    @Test
    void relativeErrorIsPerCoordinate() {
        Errors e = Errors.of(new double[] {1.5, 100}, new double[] {1, 101});
        assertEquals(0.5, e.maxRelative(), EXACT);
        assertEquals(1, e.maxAbsolute(), EXACT);
    }

    @Test
    void tinyPartialsAreMeasuredAgainstTheFloor() {
        // The second reference partial is 0: its error of 1e-9 counts relative to FLOOR * 1.
        Errors e = Errors.of(new double[] {1, 1e-9}, new double[] {1, 0});
        assertEquals(1e-9 / Errors.FLOOR, e.maxRelative(), 1e-12);
    }

    @Test
    void nonFiniteComputedPartialsAreNeverSmall() {
        assertTrue(Double.isNaN(Errors.of(new double[] {Double.NaN, 1}, new double[] {1, 1}).maxRelative()));
        assertTrue(Double.isNaN(Errors.of(new double[] {1, Double.NaN}, new double[] {1, 1}).maxRelative()));
        assertEquals(Double.POSITIVE_INFINITY,
                Errors.of(new double[] {Double.POSITIVE_INFINITY}, new double[] {1}).maxAbsolute());
    }

    @Test
    void lengthsMustMatch() {
        assertThrows(IllegalArgumentException.class,
                () -> Errors.of(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Errors.of(new double[0], new double[0]));
    }
}
