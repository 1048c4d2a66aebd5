package org.dualtape.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlopeFitTest {
    private static final double TIGHT = 1e-12;
    /** The standard sweep's parameter counts. */
    private static final double[] PARAMS = {202, 426, 970, 2442, 6922, 22026, 76810, 284682, 1093642};

    @Test
    void exactPowerLawsGiveTheirExponent() {
        for (double exponent : new double[] {1, 2, 1.5}) {
            double[] y = new double[PARAMS.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = 3e-9 * Math.pow(PARAMS[i], exponent);
            }
            SlopeFit fit = SlopeFit.fit(PARAMS, y);
            assertEquals(exponent, fit.slope(), TIGHT);
            assertEquals(Math.log(3e-9), fit.intercept(), 1e-10);
            assertEquals(1, fit.rSquared(), TIGHT);
            assertEquals(PARAMS.length, fit.points());
        }
    }

    @Test
    void noisyQuadraticStaysNearTwo() {
        SplittableRandom random = new SplittableRandom(7); // fixed: the same noise every run
        double[] y = new double[PARAMS.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1e-9 * PARAMS[i] * PARAMS[i] * (1 + 0.2 * (random.nextDouble() - 0.5));
        }
        SlopeFit fit = SlopeFit.fit(PARAMS, y);
        assertEquals(2, fit.slope(), 0.05);
        assertTrue(fit.rSquared() > 0.99);
    }

    @Test
    void unusablePointsAreSkipped() {
        SlopeFit fit = SlopeFit.fit(new double[] {10, 100, 1000, 10000},
                new double[] {1, Double.NaN, 100, 0});
        assertEquals(2, fit.points());
        assertEquals(1, fit.slope(), TIGHT);
    }

    @Test
    void tooFewPointsGiveNoFit() {
        assertNull(SlopeFit.fit(new double[] {10}, new double[] {1}));
        assertNull(SlopeFit.fit(new double[] {10, 10}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> SlopeFit.fit(new double[] {1, 2}, new double[] {1}));
    }
}
