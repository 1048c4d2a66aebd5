package org.dualtape.check.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Some coordinates of a finite-difference gradient: the whole gradient's components, for their evaluations only. */
class FiniteDifferencesCoordinatesTest {
    private static final ToDoubleFunction<double[]> F =
            y -> Math.sin(y[0]) * Math.exp(y[1] / 10) + Math.log(y[2]) + y[3] * y[4];
    private static final double H = 1e-5;

    @ParameterizedTest
    @EnumSource(Stencil.class)
    void componentsAreTheWholeGradientsBitwise(Stencil s) {
        double[] x = {0.25, -3.0, 40.0, 1.5, -0.5};
        double[] whole = FiniteDifferences.gradient(s, F, x, H);
        int[] coordinates = {4, 0, 2};
        double[] some = FiniteDifferences.gradient(s, F, x, H, coordinates);
        for (int j = 0; j < coordinates.length; j++) {
            assertEquals(whole[coordinates[j]], some[j], 0.0, "coordinate " + coordinates[j]);
        }
        assertArrayEquals(new double[] {0.25, -3.0, 40.0, 1.5, -0.5}, x, 0.0);
        assertArrayEquals(new int[] {4, 0, 2}, coordinates);
    }

    @ParameterizedTest
    @EnumSource(Stencil.class)
    void evaluationsAreThoseOfTheCoordinates(Stencil s) {
        int[] calls = {0};
        FiniteDifferences.gradient(s, y -> ++calls[0] * 0.0 + y[0], new double[10], H, new int[] {1, 7});
        assertEquals(2 * s.evaluations() + (s == Stencil.FORWARD ? 1 : 0), calls[0]);
        calls[0] = 0;
        assertEquals(0, FiniteDifferences.gradient(s, y -> ++calls[0], new double[10], H, new int[0]).length);
        assertEquals(0, calls[0], "no coordinates, no evaluation");
    }

    @ParameterizedTest
    @EnumSource(Stencil.class)
    void badCoordinatesAreRejectedBeforeAnyEvaluation(Stencil s) {
        int[] calls = {0};
        ToDoubleFunction<double[]> f = y -> ++calls[0];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FiniteDifferences.gradient(s, f, new double[3], H, new int[] {0, 3}));
        assertTrue(e.getMessage().contains("coordinates[1] = 3") && e.getMessage().contains("length 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.gradient(s, f, new double[3], H, new int[] {-1}));
        assertThrows(NullPointerException.class, () -> FiniteDifferences.gradient(s, f, new double[3], H, null));
        assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.gradient(s, f, new double[3], 0, new int[] {0}));
        assertEquals(0, calls[0]);
    }
}
