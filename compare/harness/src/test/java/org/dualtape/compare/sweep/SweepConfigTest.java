package org.dualtape.compare.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepConfigTest {
    private static final List<Method> ONE = List.of(Method.BACKPROP_BY_HAND);
    private static final String FAMILY = RosenbrockFamily.class.getName();

    @Test
    void theStandardSweepSpansTheIssuesParameterCounts() {
        assertEquals(List.of(4, 8, 16, 32, 64, 128, 256, 512, 1024), SweepConfig.FULL_WIDTHS);
    }

    @Test
    void widthsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SweepConfig(List.of(4, 0), ONE, 1, 0, FAMILY, List.of()));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SweepConfig(List.of(-4), ONE, 1, 0, FAMILY, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new SweepConfig(List.of(), ONE, 1, 0, FAMILY, List.of()));
    }

    @Test
    void budgetMustBePositiveAndFinite() {
        for (double budget : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new SweepConfig(List.of(4), ONE, budget, 0, FAMILY, List.of()), "" + budget);
        }
    }

    @Test
    void chunkAndMethodsAreChecked() {
        assertThrows(IllegalArgumentException.class,
                () -> new SweepConfig(List.of(4), ONE, 1, -1, FAMILY, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new SweepConfig(List.of(4), List.of(), 1, 0, FAMILY, List.of()));
    }

    @Test
    void unknownFamilyIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ProblemFamily.forName("no.such.Family"));
        assertThrows(IllegalArgumentException.class, () -> ProblemFamily.forName("java.lang.String"));
    }
}
