package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The losses' second-order rules in {@link LossRules} against central differences of their
 * first-order rules: binary cross-entropy's second partial, and the tangent of softmax
 * cross-entropy's adjoint (the softmax Jacobian applied to a direction).
 */
class LossSecondDerivativeTest {
    /** Step of the central differences. */
    private static final double STEP = 1e-6;
    /** The differences' O(h²) bias and ε/h rounding: about 1e-10 here. */
    private static final double TOLERANCE = 1e-8;
    /** A constant seed, so a failure names reproducible logits. */
    private static final long SEED = 77L;

    @Test
    void binaryCrossEntropySecondPartialIsTheDerivativeOfTheFirst() {
        Random random = new Random(SEED);
        for (int n = 0; n < 50; n++) {
            double z = -15 + 30 * random.nextDouble();
            double t = random.nextDouble();
            double fd = (LossRules.binaryCrossEntropyPartial(z + STEP, t) - LossRules.binaryCrossEntropyPartial(z - STEP, t))
                / (2 * STEP);
            assertEquals(fd, LossRules.binaryCrossEntropySecondPartial(z), TOLERANCE, "at z = " + z);
        }
        // σ(z)σ(-z) ≈ e^-|z|, where σ(z)(1 - σ(z)) would be 0
        assertEquals(Math.exp(-40), LossRules.binaryCrossEntropySecondPartial(40), 1e-15 * Math.exp(-40));
        assertEquals(Math.exp(-40), LossRules.binaryCrossEntropySecondPartial(-40), 1e-15 * Math.exp(-40));
    }

    @Test
    void softmaxAdjointTangentIsTheDerivativeOfTheAdjoint() {
        Random random = new Random(SEED);
        int batch = 3;
        int classes = 4;
        int[] labels = {2, 0, 3};
        double[] z = VectorNodeTest.gaussian(random, batch * classes);
        double[] dz = VectorNodeTest.gaussian(random, batch * classes);
        double scale = 0.7;
        double scaleTangent = -0.3;
        double[] expected = new double[z.length];
        double[] plus = adjoint(step(z, dz, STEP), labels, batch, classes, scale + STEP * scaleTangent);
        double[] minus = adjoint(step(z, dz, -STEP), labels, batch, classes, scale - STEP * scaleTangent);
        for (int i = 0; i < z.length; i++) {
            expected[i] = (plus[i] - minus[i]) / (2 * STEP);
        }
        double[] probs = new double[z.length];
        LossRules.softmaxCrossEntropy(z, 0, labels, 0, batch, classes, probs, 0);
        double[] actual = new double[z.length];
        LossRules.addSoftmaxCrossEntropyAdjointTangent(probs, 0, labels, 0, batch, classes, scale, scaleTangent, dz, 0,
            actual, 0);
        for (int i = 0; i < z.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE, "logit " + i);
        }
    }

    private static double[] adjoint(double[] z, int[] labels, int batch, int classes, double scale) {
        double[] probs = new double[z.length];
        LossRules.softmaxCrossEntropy(z, 0, labels, 0, batch, classes, probs, 0);
        double[] adjoint = new double[z.length];
        LossRules.addSoftmaxCrossEntropyAdjoint(probs, 0, labels, 0, batch, classes, scale, adjoint, 0);
        return adjoint;
    }

    private static double[] step(double[] x, double[] v, double h) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += h * v[i];
        }
        return y;
    }
}
