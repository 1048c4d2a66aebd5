package org.dualtape.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrossoverTest {

    @Test
    void quadraticAgainstLinearCrossesWhereTheyAreEqual() {
        // forward: 1e-8 p², reverse: 1e-6 p: equal at p = 100, exactly on log-log axes.
        double[] p = {10, 1000, 100000};
        double[] forward = new double[p.length];
        double[] reverse = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            forward[i] = 1e-8 * p[i] * p[i];
            reverse[i] = 1e-6 * p[i];
        }
        List<Crossover> found = Crossover.find("forward", "reverse", p, forward, reverse);
        assertEquals(1, found.size());
        assertEquals(100, found.get(0).parameters(), 1e-9);
        assertEquals("forward", found.get(0).cheaperBelow());
        assertEquals("reverse", found.get(0).cheaperAbove());
    }

    @Test
    void noCrossingWhenOneIsAlwaysCheaper() {
        assertTrue(Crossover.find("a", "b", new double[] {1, 2, 3}, new double[] {1, 2, 3},
                new double[] {2, 3, 4}).isEmpty());
    }

    @Test
    void missingPointsAreBridged() {
        List<Crossover> found = Crossover.find("a", "b", new double[] {1, 10, 100},
                new double[] {1, Double.NaN, 100}, new double[] {10, 10, 10});
        assertEquals(1, found.size());
        assertEquals(10, found.get(0).parameters(), 1e-9);
    }
}
