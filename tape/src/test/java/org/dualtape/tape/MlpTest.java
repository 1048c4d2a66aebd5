package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.dualtape.dual.Elementary;
import org.dualtape.dual.ValueAndGradient;
import org.junit.jupiter.api.Test;

/**
 * The comparison's network, small: a multilayer perceptron {@code in → h → h → classes} with tanh
 * and softmax cross-entropy, its gradient with respect to one flat parameter array computed on
 * the vector tape, on the scalar tape (one entry per multiply-add), and by replay.
 */
class MlpTest {
    static final int BATCH = 6;
    static final int IN = 5;
    static final int H = 4;
    static final int CLASSES = 3;
    static final int W1 = 0;
    static final int B1 = W1 + H * IN;
    static final int W2 = B1 + H;
    static final int B2 = W2 + H * H;
    static final int W3 = B2 + H;
    static final int B3 = W3 + CLASSES * H;
    static final int P = B3 + CLASSES;
    /** The tapes sum in other orders: a few ulps of the gradient's size. */
    private static final double RELATIVE = 1e-12;
    /** Points for replay, as the issue asks. */
    private static final int POINTS = 100;
    /** A constant seed, so a failure names reproducible parameters. */
    private static final long SEED = 42L;

    final double[] x;
    final int[] labels;

    MlpTest() {
        Random random = new Random(SEED);
        x = VectorNodeTest.gaussian(random, BATCH * IN);
        labels = new int[BATCH];
        for (int r = 0; r < BATCH; r++) {
            labels[r] = random.nextInt(CLASSES);
        }
    }

    /** The loss on the vector tape, parameters {@code theta} an input of {@code tape}. */
    Var vectorLoss(Tape tape, VarMatrix theta) {
        VarMatrix data = VarMatrix.constant(tape, x, BATCH, IN);
        return data.affine(theta.view(W1, H, IN), theta.view(B1, 1, H)).tanh()
            .affine(theta.view(W2, H, H), theta.view(B2, 1, H)).tanh()
            .affine(theta.view(W3, CLASSES, H), theta.view(B3, 1, CLASSES)).softmaxCrossEntropy(labels);
    }

    /** The same loss with one scalar entry per operation. */
    Var scalarLoss(Var[] theta) {
        Tape tape = theta[0].tape();
        Var[] data = new Var[x.length];
        for (int i = 0; i < x.length; i++) {
            data[i] = tape.constant(x[i]);
        }
        Var[] h1 = Scalars.map(Scalars.affine(data, slice(theta, W1, H * IN), slice(theta, B1, H), BATCH, IN, H),
            Var::tanh);
        Var[] h2 = Scalars.map(Scalars.affine(h1, slice(theta, W2, H * H), slice(theta, B2, H), BATCH, H, H), Var::tanh);
        Var[] z = Scalars.affine(h2, slice(theta, W3, CLASSES * H), slice(theta, B3, CLASSES), BATCH, H, CLASSES);
        return Scalars.softmaxCrossEntropy(z, labels, BATCH, CLASSES);
    }

    /** The loss as plain double code with the same kernels as the vector tape. */
    double plainLoss(double[] theta) {
        double[] h1 = new double[BATCH * H];
        double[] h2 = new double[BATCH * H];
        double[] z = new double[BATCH * CLASSES];
        Plain.affine(x, 0, theta, W1, theta, B1, h1, 0, BATCH, IN, H);
        Plain.apply(Elementary.TANH, h1, 0, h1, 0, h1.length);
        Plain.affine(h1, 0, theta, W2, theta, B2, h2, 0, BATCH, H, H);
        Plain.apply(Elementary.TANH, h2, 0, h2, 0, h2.length);
        Plain.affine(h2, 0, theta, W3, theta, B3, z, 0, BATCH, H, CLASSES);
        return LossRules.softmaxCrossEntropy(z, 0, labels, 0, BATCH, CLASSES, null, 0);
    }

    private static Var[] slice(Var[] a, int from, int n) {
        return java.util.Arrays.copyOfRange(a, from, from + n);
    }

    @Test
    void vectorTapeGradientEqualsScalarTapeGradient() {
        Random random = new Random(SEED);
        for (int n = 0; n < 10; n++) {
            double[] theta = VectorNodeTest.gaussian(random, P);
            Tape tape = new Tape();
            VarMatrix th = VarMatrix.variable(tape, theta, 1, P);
            Var loss = vectorLoss(tape, th);
            tape.reverse(loss);
            ValueAndGradient scalar = Reverse.valueAndGradient(this::scalarLoss, theta);
            assertEquals(scalar.value(), loss.value(), RELATIVE * Math.abs(scalar.value()));
            assertArrayEquals(scalar.gradient(), th.adjoint(), RELATIVE * VectorNodeTest.norm(scalar.gradient()));
            VarVersusDerivativeStructureTest.assertBitwise(plainLoss(theta), loss.value(), "plain loss, same kernels");
        }
    }

    @Test
    void replayEqualsFreshRecordingAtOneHundredPoints() {
        Random random = new Random(SEED);
        Tape tape = new Tape();
        VarMatrix th = VarMatrix.variable(tape, VectorNodeTest.gaussian(random, P), 1, P);
        Replay replay = Replay.of(vectorLoss(tape, th), th);
        double[] g = new double[P];
        for (int n = 0; n < POINTS; n++) {
            double[] theta = VectorNodeTest.gaussian(random, P);
            Tape fresh = new Tape();
            VarMatrix freshTheta = VarMatrix.variable(fresh, theta, 1, P);
            Var freshLoss = vectorLoss(fresh, freshTheta);
            fresh.reverse(freshLoss);
            double value = replay.valueAndGradient(theta, g);
            VarVersusDerivativeStructureTest.assertBitwise(freshLoss.value(), value, "loss");
            assertArrayEquals(freshTheta.adjoint(), g, 0);
        }
    }

    @Test
    void recordingAgainAfterClearGivesTheSameGradient() {
        Random random = new Random(SEED);
        double[] theta = VectorNodeTest.gaussian(random, P);
        Tape tape = new Tape();
        double[] first = null;
        for (int n = 0; n < 3; n++) {
            tape.clear();
            VarMatrix th = VarMatrix.variable(tape, theta, 1, P);
            tape.reverse(vectorLoss(tape, th));
            double[] g = th.adjoint();
            if (first == null) {
                first = g;
            }
            assertArrayEquals(first, g, 0);
        }
    }
}
