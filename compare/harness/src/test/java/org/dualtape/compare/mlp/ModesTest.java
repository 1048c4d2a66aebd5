package org.dualtape.compare.mlp;

import static org.dualtape.compare.mlp.GradientTest.GRADIENT_TOLERANCE;
import static org.dualtape.compare.mlp.GradientTest.assertBitwise;
import static org.dualtape.compare.mlp.GradientTest.assertGradient;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import java.util.stream.Stream;
import org.dualtape.dual.Dual;
import org.dualtape.dual.Forward;
import org.dualtape.dual.MultiDual;
import org.dualtape.dual.ValueAndGradient;
import org.dualtape.tape.BranchChangeException;
import org.dualtape.tape.Replay;
import org.dualtape.tape.Reverse;
import org.dualtape.tape.Var;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generic loss on the project's own modes: values bitwise, gradients equal to backprop. */
class ModesTest {
    static Stream<MlpSpec> specs() {
        return Stream.concat(GradientTest.specs(), GradientTest.binarySpecs());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void everyDualPassHasTheDoubleValueAndABackpropPartial(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = MlpFixtures.perturbed(p, 41);
        double[] g = new double[w.length];
        double value = p.lossAndGradient(w, g);
        Dual[] x = new Dual[w.length];
        for (int k = 0; k < w.length; k++) {
            x[k] = Dual.constant(w[k]);
        }
        double[] tangents = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            x[k] = Dual.variable(w[k]);
            Dual loss = p.loss(x);
            assertBitwise(value, loss.value());
            tangents[k] = loss.tangent();
            x[k] = Dual.constant(w[k]);
        }
        assertGradient(g, tangents, GRADIENT_TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void chunkedForwardEqualsBackprop(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = MlpFixtures.perturbed(p, 42);
        double[] g = new double[w.length];
        double value = p.lossAndGradient(w, g);
        Function<MultiDual[], MultiDual> loss = p::loss;
        for (int chunk : new int[] {1, 7, w.length}) {
            ValueAndGradient vg = Forward.valueAndGradient(loss, w, chunk);
            assertBitwise(value, vg.value());
            assertGradient(g, vg.gradient(), GRADIENT_TOLERANCE);
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void scalarTapeEqualsBackprop(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = MlpFixtures.perturbed(p, 43);
        double[] g = new double[w.length];
        double value = p.lossAndGradient(w, g);
        Function<Var[], Var> loss = p::loss;
        org.dualtape.dual.ValueAndGradient vg = Reverse.valueAndGradient(loss, w);
        assertBitwise(value, vg.value());
        assertGradient(g, vg.gradient(), GRADIENT_TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void replayReproducesTheRecordingAndDifferentiatesNearbyPoints(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = MlpFixtures.perturbed(p, 44);
        Function<Var[], Var> loss = p::loss;
        Replay replay = Reverse.record(loss, w).allowValueReads(); // the log-sum-exp shift is read, not branched on
        assertBitwise(p.loss(w), replay.value(w));
        // a nearby point: no relu changes side, so even relu networks replay
        double[] near = w.clone();
        for (int k = 0; k < near.length; k++) {
            near[k] *= 1 + 1e-9;
        }
        double[] expected = new double[w.length];
        double value = p.lossAndGradient(near, expected);
        double[] g = new double[w.length];
        // the recorded log-sum-exp shift is a constant: the value is the same sum, rounded
        // differently by at most a few ulps
        org.junit.jupiter.api.Assertions.assertEquals(value, replay.valueAndGradient(near, g),
                8 * Math.ulp(value));
        assertGradient(expected, g, GRADIENT_TOLERANCE);
    }

    @Test
    void replayOfAReluNetworkRefusesAPointWhereAUnitChangesSide() {
        MlpSpec spec = new MlpSpec(5, new int[] {4, 3}, 3, Activation.RELU, LossKind.SOFTMAX_CROSS_ENTROPY);
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = p.initialParameters();
        Function<Var[], Var> loss = p::loss;
        Replay replay = Reverse.record(loss, w).allowValueReads(); // the log-sum-exp shift is read, not branched on
        double[] far = w.clone();
        for (int k = 0; k < far.length; k++) {
            far[k] = -far[k]; // every pre-activation flips sign
        }
        assertThrows(BranchChangeException.class, () -> replay.gradient(far));
    }
}
