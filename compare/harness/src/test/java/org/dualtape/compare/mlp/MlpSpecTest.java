package org.dualtape.compare.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MlpSpecTest {

    @ParameterizedTest
    @CsvSource({"4, 202", "8, 426", "16, 970", "32, 2442", "64, 6922", "128, 22026",
            "256, 76810", "512, 284682", "1024, 1093642"})
    void standardParameterCountsMatchTheIssue(int width, int expected) {
        // the issue's figures 202 and 1,093,642; the others by hand from (32+1)h + (h+1)h + (h+1)10
        assertEquals(expected, MlpSpec.standard(width).parameterCount());
    }

    @Test
    void standardIsThirtyTwoWidthWidthTenTanhSoftmax() {
        MlpSpec s = MlpSpec.standard(7);
        assertEquals(32, s.inputs());
        assertArrayEquals(new int[] {7, 7}, s.hidden());
        assertEquals(10, s.outputs());
        assertEquals(Activation.TANH, s.activation());
        assertEquals(LossKind.SOFTMAX_CROSS_ENTROPY, s.loss());
        assertEquals("32-7-7-10 tanh softmax_cross_entropy", s.toString());
    }

    @Test
    void layoutIsWeightsRowMajorThenBiasesLayerByLayer() {
        MlpSpec s = new MlpSpec(3, new int[] {2}, 4, Activation.RELU, LossKind.QUADRATIC);
        assertEquals(2, s.layers());
        assertEquals(0, s.weightOffset(0));
        assertEquals(6, s.biasOffset(0));      // W0 is 2 x 3
        assertEquals(8, s.weightOffset(1));    // b0 has 2
        assertEquals(16, s.biasOffset(1));     // W1 is 4 x 2
        assertEquals(20, s.parameterCount());  // b1 has 4
        assertEquals(3, s.layerInputs(0));
        assertEquals(2, s.layerOutputs(0));
        assertEquals(2, s.layerInputs(1));
        assertEquals(4, s.layerOutputs(1));
        assertEquals(0, s.layerOf(7));
        assertEquals(1, s.layerOf(8));
        assertEquals(1, s.layerOf(19));
        assertThrows(IndexOutOfBoundsException.class, () -> s.layerOf(20));
        assertThrows(IndexOutOfBoundsException.class, () -> s.weightOffset(2));
    }

    @Test
    void noHiddenLayerIsALinearModel() {
        MlpSpec s = new MlpSpec(5, new int[0], 1, Activation.TANH, LossKind.BINARY_CROSS_ENTROPY);
        assertEquals(1, s.layers());
        assertEquals(6, s.parameterCount());
    }

    @Test
    void hiddenWidthsAreCopiedBothWays() {
        int[] hidden = {3, 4};
        MlpSpec s = new MlpSpec(2, hidden, 2, Activation.TANH, LossKind.QUADRATIC);
        hidden[0] = 99;
        s.hidden()[1] = 99;
        assertArrayEquals(new int[] {3, 4}, s.hidden());
    }

    @Test
    void badShapesAreRejectedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MlpSpec.standard(0));
        assertTrue(e.getMessage().contains("hidden width 0 must be at least 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MlpSpec(-1, new int[] {2}, 2, Activation.TANH, LossKind.QUADRATIC));
        assertTrue(e.getMessage().contains("input width"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MlpSpec(2, new int[] {2}, 1, Activation.TANH, LossKind.SOFTMAX_CROSS_ENTROPY));
        assertTrue(e.getMessage().contains("at least 2 outputs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MlpSpec(100_000, new int[] {100_000}, 2, Activation.TANH, LossKind.QUADRATIC));
        assertTrue(e.getMessage().contains("parameters"), e.getMessage());
        assertThrows(NullPointerException.class, () -> new MlpSpec(2, null, 2, Activation.TANH, LossKind.QUADRATIC));
        assertThrows(NullPointerException.class, () -> new MlpSpec(2, new int[0], 2, null, LossKind.QUADRATIC));
    }

    @Test
    void equalityFollowsTheShape() {
        assertEquals(MlpSpec.standard(8), MlpSpec.standard(8));
        assertEquals(MlpSpec.standard(8).hashCode(), MlpSpec.standard(8).hashCode());
        assertNotEquals(MlpSpec.standard(8), MlpSpec.standard(16));
        assertNotEquals(MlpSpec.standard(8),
                new MlpSpec(32, new int[] {8, 8}, 10, Activation.RELU, LossKind.SOFTMAX_CROSS_ENTROPY));
    }
}
