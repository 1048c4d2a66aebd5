package org.dualtape.compare.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void lineRoundTripsEveryFieldExactly() {
        double[] partials = {0.1, -1.0 / 3, Math.PI * 1e-300, -0.0};
        Measurement m = new Measurement("forward-chunked", 16, 970, 8, 1.234e-4, 5.6e-6, 122,
                123456.5, -1, -1, true, 96, 5, partials, null);
        Measurement back = Measurement.parse(m.toLine());
        assertEquals("forward-chunked", back.method());
        assertEquals(16, back.width());
        assertEquals(970, back.parameters());
        assertEquals(8, back.chunk());
        assertEquals(1.234e-4, back.seconds());
        assertEquals(5.6e-6, back.lossSeconds());
        assertEquals(122, back.passes());
        assertEquals(123456.5, back.bytesPerGradient());
        assertTrue(back.estimated());
        assertEquals(96, back.timedCoordinates());
        assertEquals(5, back.samples());
        assertArrayEquals(partials, back.partials());
        assertNull(back.failure());
    }

    @Test
    void aFlagRoundTripsAndReachesTheRow() {
        Measurement m = new Measurement("complex-step", 64, 6922, 1, 2.0, 1e-5, 6922, 0, -1, -1, true, 3, 3,
                new double[] {1.5}, null, "not reproducible:\tthe estimates differ 3×");
        Measurement back = Measurement.parse(m.toLine());
        assertEquals("not reproducible: the estimates differ 3×", back.flag());
        CellResult row = CellResult.of(back, new double[] {1.5});
        assertTrue(row.flagged());
        assertEquals(back.flag(), row.flag());
        assertNull(Measurement.parse(Measurement.failed("x", 1, 2, "why").toLine()).flag());
    }

    @Test
    void failureMessagesSurviveLineBreaksAndTabs() {
        Measurement m = Measurement.failed("richardson", 1024, 1_093_642,
                "java.lang.OutOfMemoryError:\tJava heap\nspace");
        Measurement back = Measurement.parse(m.toLine());
        assertEquals("java.lang.OutOfMemoryError: Java heap space", back.failure());
        assertEquals(0, back.partials().length);
        assertTrue(Double.isNaN(back.seconds()));
    }

    @Test
    void otherLinesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Measurement.parse("hello"));
        assertThrows(IllegalArgumentException.class,
                () -> Measurement.parse(Measurement.PREFIX + "\tmethod=x"));
    }
}
