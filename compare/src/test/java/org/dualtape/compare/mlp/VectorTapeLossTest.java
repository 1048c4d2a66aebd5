package org.dualtape.compare.mlp;

import static org.dualtape.compare.mlp.GradientTest.GRADIENT_TOLERANCE;
import static org.dualtape.compare.mlp.GradientTest.assertBitwise;
import static org.dualtape.compare.mlp.GradientTest.assertGradient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dualtape.tape.BranchChangeException;
import org.dualtape.tape.Replay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VectorTapeLossTest {
    static java.util.stream.Stream<MlpSpec> specs() {
        return ModesTest.specs();
    }

    @ParameterizedTest
    @MethodSource("specs")
    void valueIsItsKernelsBitwiseAndTheLossToAFewUlps(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        VectorTapeLoss v = new VectorTapeLoss(p);
        double[] w = MlpFixtures.perturbed(p, 51);
        double value = v.lossAndGradient(w, new double[w.length]);
        assertBitwise(v.plainLoss(w), value);
        double expected = p.loss(w);
        assertEquals(expected, value, VectorTapeLoss.VALUE_TOLERANCE * Math.abs(expected));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void gradientEqualsBackprop(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        VectorTapeLoss v = new VectorTapeLoss(p);
        double[] w = MlpFixtures.perturbed(p, 52);
        double[] expected = new double[w.length];
        p.lossAndGradient(w, expected);
        double[] g = new double[w.length];
        v.lossAndGradient(w, g);
        assertGradient(expected, g, GRADIENT_TOLERANCE);
        // recording again on the cleared tape gives the same numbers
        double[] again = new double[w.length];
        v.lossAndGradient(w, again);
        assertEquals(java.util.Arrays.toString(g), java.util.Arrays.toString(again));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void replayReproducesAndDifferentiatesNearbyPoints(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        VectorTapeLoss v = new VectorTapeLoss(p);
        double[] w = MlpFixtures.perturbed(p, 53);
        Replay replay = v.replay(w);
        assertBitwise(v.plainLoss(w), replay.value(w));
        double[] near = w.clone();
        for (int k = 0; k < near.length; k++) {
            near[k] *= 1 + 1e-9;
        }
        double[] g = new double[w.length];
        assertBitwise(v.plainLoss(near), replay.valueAndGradient(near, g));
        double[] expected = new double[w.length];
        p.lossAndGradient(near, expected);
        assertGradient(expected, g, GRADIENT_TOLERANCE);
    }

    @Test
    void replayOfAReluNetworkRefusesAPointWhereAUnitChangesSide() {
        MlpSpec spec = new MlpSpec(5, new int[] {4, 3}, 3, Activation.RELU, LossKind.SOFTMAX_CROSS_ENTROPY);
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = p.initialParameters();
        Replay replay = new VectorTapeLoss(p).replay(w);
        double[] far = w.clone();
        for (int k = 0; k < far.length; k++) {
            far[k] = -far[k];
        }
        assertThrows(BranchChangeException.class, () -> replay.gradient(far));
    }

    @Test
    void theTapeHoldsAFewEntriesPerLayerWhateverTheWidth() {
        VectorTapeLoss small = new VectorTapeLoss(MlpProblem.standard(4));
        VectorTapeLoss wide = new VectorTapeLoss(MlpProblem.standard(64));
        small.lossAndGradient(small.problem().initialParameters(), new double[202]);
        wide.lossAndGradient(wide.problem().initialParameters(), new double[wide.problem().parameterCount()]);
        assertEquals(small.entries(), wide.entries());
        // θ, the batch, W and b views and the affine node per layer, 2 activations, the loss
        assertTrue(small.entries() <= 2 + 3 * 3 + 2 + 1, "entries " + small.entries());
        assertTrue(wide.bytes() > 8L * wide.problem().parameterCount(), "the tape holds a copy of θ");
    }

    @Test
    void arraysOfTheWrongLengthAreRejected() {
        VectorTapeLoss v = new VectorTapeLoss(MlpProblem.standard(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v.lossAndGradient(new double[202], new double[5]));
        assertTrue(e.getMessage().contains("gradient has length 5, expected 202"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> v.plainLoss(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> v.replay(new double[3]));
    }
}
