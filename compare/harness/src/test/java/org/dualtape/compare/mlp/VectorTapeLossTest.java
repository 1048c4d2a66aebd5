package org.dualtape.compare.mlp;

import static org.dualtape.compare.mlp.GradientTest.GRADIENT_TOLERANCE;
import static org.dualtape.compare.mlp.GradientTest.assertBitwise;
import static org.dualtape.compare.mlp.GradientTest.assertGradient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dualtape.dual.Dual;
import org.dualtape.dual.Forward;
import org.dualtape.dual.MultiDual;
import org.dualtape.tape.BranchChangeException;
import org.dualtape.tape.Replay;
import org.dualtape.tape.Reverse;
import org.dualtape.tape.Var;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The loss as vector nodes: its value bitwise every other form of the loss, its gradient the backprop's. */
class VectorTapeLossTest {
    static Stream<MlpSpec> specs() {
        return ModesTest.specs();
    }

    /**
     * Every activation × loss on a shape where the kernels' blocks of four (weight rows and
     * samples) have remainders and full blocks alike, plus the single-output specs.
     */
    static Stream<MlpSpec> paritySpecs() {
        return Stream.concat(MlpFixtures.allKinds(6, new int[] {9, 8}, 10).stream(), GradientTest.binarySpecs());
    }

    /**
     * Parameters at three scales: zero (every logit 0), the seeded perturbation of the fixtures,
     * and 100 times larger (saturated activations, softmax terms that underflow, logits of some
     * hundreds). The seed is any constant, fixed so failures reproduce.
     */
    static List<double[]> points(MlpProblem p) {
        double[] big = MlpFixtures.perturbed(p, 54);
        for (int k = 0; k < big.length; k++) {
            big[k] *= 100;
        }
        return List.of(new double[p.parameterCount()], MlpFixtures.perturbed(p, 51), big);
    }

    @ParameterizedTest
    @MethodSource("paritySpecs")
    void valueIsTheDoubleLossBitwise(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        VectorTapeLoss v = new VectorTapeLoss(p);
        for (double[] w : points(p)) {
            double expected = p.loss(w);
            assertTrue(Double.isFinite(expected), "a finite loss: " + expected);
            assertBitwise(expected, v.lossAndGradient(w, new double[w.length]));
            assertBitwise(expected, v.replay(w).value(w));
        }
    }

    @ParameterizedTest
    @MethodSource("paritySpecs")
    void everyFormOfTheLossHasTheTapesValueBitwise(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        VectorTapeLoss v = new VectorTapeLoss(p);
        for (double[] w : points(p)) {
            double value = v.lossAndGradient(w, new double[w.length]);
            assertBitwise(value, p.lossAndGradient(w, new double[w.length]));
            Dual[] dual = new Dual[w.length];
            for (int k = 0; k < w.length; k++) {
                dual[k] = k == 0 ? Dual.variable(w[k]) : Dual.constant(w[k]);
            }
            assertBitwise(value, p.loss(dual).value());
            Function<MultiDual[], MultiDual> multi = p::loss;
            assertBitwise(value, Forward.valueAndGradient(multi, w, 4).value());
            Function<Var[], Var> scalar = p::loss;
            assertBitwise(value, Reverse.valueAndGradient(scalar, w).value());
        }
    }

    @Test
    void anInfiniteLogitUnderBinaryCrossEntropyIsTheOneException() {
        // the kernel's term max(z, 0) - z·y + log1p(e^-|z|) is ∞ - ∞ at z = +∞; softplus(-z) is 0
        MlpSpec spec = new MlpSpec(2, new int[] {5}, 1, Activation.TANH, LossKind.BINARY_CROSS_ENTROPY);
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = p.initialParameters();
        w[spec.biasOffset(1)] = Double.POSITIVE_INFINITY;
        assertTrue(Double.isNaN(p.loss(w)), "kernel: NaN");
        assertTrue(Double.isNaN(new VectorTapeLoss(p).lossAndGradient(w, new double[w.length])));
        Dual[] dual = new Dual[w.length];
        for (int k = 0; k < w.length; k++) {
            dual[k] = Dual.constant(w[k]);
        }
        assertEquals(Double.POSITIVE_INFINITY, p.loss(dual).value(), "generic: the limit (a label 0 gives +∞)");
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
        assertBitwise(p.loss(w), replay.value(w));
        double[] near = w.clone();
        for (int k = 0; k < near.length; k++) {
            near[k] *= 1 + 1e-9;
        }
        double[] g = new double[w.length];
        assertBitwise(p.loss(near), replay.valueAndGradient(near, g));
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
        assertThrows(IllegalArgumentException.class, () -> v.replay(new double[3]));
    }
}
