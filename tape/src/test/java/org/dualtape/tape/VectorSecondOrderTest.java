package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Second order through vector nodes: every {@link VectorCase}'s Hessian-vector product and
 * Hessian on the vector tape against the same function with one scalar entry per element (whose
 * second order {@link SecondOrderTest} checks against {@code DerivativeStructure}), and the MLP's
 * true Hessian (softmax cross-entropy's full curvature, not Gauss–Newton) against the scalar
 * tape and against central differences of the gradient.
 */
class VectorSecondOrderTest {
    /** The two tapes sum in other orders: a few ulps of the result's size. */
    private static final double RELATIVE = 1e-12;
    /** Step of the central difference of the gradient, relative to |v| = 1-ish seeds. */
    private static final double FD_STEP = 1e-5;
    /** The difference's O(h²) bias and its ε/h rounding: about 1e-10 here, so loosely. */
    private static final double FD_RELATIVE = 1e-7;
    /** A constant seed, so a failure names reproducible points. */
    private static final long SEED = 1312L;

    @ParameterizedTest
    @EnumSource(VectorCase.class)
    void vectorNodesGiveTheScalarTapesHvpAndHessian(VectorCase c) {
        Random random = new Random(SEED);
        double[] x = VectorNodeTest.gaussian(random, c.width());
        double[] v = VectorNodeTest.gaussian(random, c.width());
        Tape tape = new Tape();
        VarMatrix[] inputs = new VarMatrix[c.shapes.length];
        Replay replay = Replay.of(c.recordVector(tape, x, inputs), inputs);
        double[] scalar = Reverse.hvp(c::scalarFunction, x, v);
        assertArrayEquals(scalar, replay.hvp(x, v), RELATIVE * Math.max(1, VectorNodeTest.norm(scalar)), c + " H·v");
        double[][] expected = Reverse.hessian(c::scalarFunction, x);
        SecondOrderTest.assertMatrix(expected, replay.hessian(x), RELATIVE * SecondOrderTest.scale(expected),
            c + " Hessian");
        double[] y = x.clone(); // a new point on the same pieces (relu), through the replay
        for (int i = 0; i < y.length; i++) {
            y[i] *= 0.5 + random.nextDouble();
        }
        scalar = Reverse.hvp(c::scalarFunction, y, v);
        assertArrayEquals(scalar, replay.hvp(y, v), RELATIVE * Math.max(1, VectorNodeTest.norm(scalar)),
            c + " H·v replayed");
    }

    @Test
    void mlpVectorTapeHvpEqualsScalarTapeHvpAndFiniteDifferencesOfTheGradient() {
        MlpTest mlp = new MlpTest();
        Random random = new Random(SEED);
        Tape tape = new Tape();
        VarMatrix th = VarMatrix.variable(tape, VectorNodeTest.gaussian(random, MlpTest.P), 1, MlpTest.P);
        Replay replay = Replay.of(mlp.vectorLoss(tape, th), th);
        for (int n = 0; n < 5; n++) {
            double[] theta = VectorNodeTest.gaussian(random, MlpTest.P);
            double[] v = VectorNodeTest.gaussian(random, MlpTest.P);
            double[] hv = replay.hvp(theta, v);
            double[] scalar = Reverse.hvp(mlp::scalarLoss, theta, v);
            double size = Math.max(1, VectorNodeTest.norm(scalar));
            assertArrayEquals(scalar, hv, RELATIVE * size, "vector tape vs scalar tape");
            double[] plus = replay.gradient(step(theta, v, FD_STEP));
            double[] minus = replay.gradient(step(theta, v, -FD_STEP));
            double[] fd = new double[MlpTest.P];
            for (int i = 0; i < fd.length; i++) {
                fd[i] = (plus[i] - minus[i]) / (2 * FD_STEP);
            }
            assertArrayEquals(fd, hv, FD_RELATIVE * size, "central difference of the gradient");
        }
    }

    @Test
    void mlpHessianIsTheScalarTapesAndSymmetric() {
        MlpTest mlp = new MlpTest();
        Random random = new Random(SEED + 1);
        double[] theta = VectorNodeTest.gaussian(random, MlpTest.P);
        Tape tape = new Tape();
        VarMatrix th = VarMatrix.variable(tape, theta, 1, MlpTest.P);
        double[][] h = Replay.of(mlp.vectorLoss(tape, th), th).hessian(theta);
        double[][] expected = Reverse.hessian(mlp::scalarLoss, theta);
        SecondOrderTest.assertMatrix(expected, h, RELATIVE * SecondOrderTest.scale(expected), "MLP Hessian");
        for (int i = 0; i < MlpTest.P; i++) {
            for (int j = 0; j < i; j++) {
                org.junit.jupiter.api.Assertions.assertEquals(h[i][j], h[j][i], 0.0, "symmetric by construction");
            }
        }
    }

    private static double[] step(double[] x, double[] v, double h) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += h * v[i];
        }
        return y;
    }
}
