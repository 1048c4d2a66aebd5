package org.dualtape.compare.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CoordinatesTest {

    @Test
    void spreadIsIncreasingDistinctAndCoversTheRange() {
        int n = 1_093_642;
        int[] c = Coordinates.spread(n, 100);
        assertEquals(0, c[0]);
        for (int j = 1; j < c.length; j++) {
            assertTrue(c[j] > c[j - 1]);
        }
        assertTrue(c[c.length - 1] >= n - n / 100 - 1 && c[c.length - 1] < n);
        assertArrayEquals(Coordinates.all(7), Coordinates.spread(7, 7));
    }

    @Test
    void sampleIsSeededStratifiedAndDistinct() {
        int n = 76_810;
        int m = 64;
        int[] a = Coordinates.sample(n, m, 42);
        assertArrayEquals(a, Coordinates.sample(n, m, 42));
        for (int j = 0; j < m; j++) {
            assertTrue(a[j] >= (long) j * n / m && a[j] < (long) (j + 1) * n / m, "stratum " + j);
        }
    }

    @Test
    void accuracyPlanChecksAllSmallAndSamplesLarge() {
        RosenbrockFamily family = new RosenbrockFamily();
        assertEquals(202, AccuracyPlan.coordinates(family.create(201)).length);
        int large = AccuracyPlan.ALL_LIMIT + 1;
        assertArrayEquals(Coordinates.sample(large, AccuracyPlan.SAMPLE_SIZE, AccuracyPlan.SAMPLE_SEED),
                AccuracyPlan.coordinates(family.create(large - 1)));
        assertTrue(AccuracyPlan.SAMPLE_SIZE >= 64);
        assertEquals("all", AccuracyPlan.describe(202, 202));
        assertEquals("sample of 66", AccuracyPlan.describe(2442, 66));
    }

    @Test
    void badCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Coordinates.spread(5, 0));
        assertThrows(IllegalArgumentException.class, () -> Coordinates.spread(5, 6));
        assertThrows(IllegalArgumentException.class, () -> Coordinates.sample(5, 6, 1));
    }
}
