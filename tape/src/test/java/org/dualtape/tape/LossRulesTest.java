package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.util.Decimal64;
import org.dualtape.dual.Elementary;
import org.junit.jupiter.api.Test;

/**
 * The loss rules swept as {@code ElementaryTest} sweeps the rule table: at logits across the
 * range and every target, each derivative agrees with a central difference of its loss (loosely),
 * the generic forms on {@code Decimal64} are bitwise the {@code double} ones, and the stable forms
 * hold where the naive ones cancel.
 */
class LossRulesTest {
    /** Logits from deep in the tails to 0. */
    private static final double[] LOGITS = {-40, -12.5, -3, -1, -0.25, 0, 0.25, 1, 3, 12.5, 40};
    private static final double[] TARGETS = {0, 0.25, 0.5, 1};
    /** Central difference: step and tolerance (the error is O(h²) times the third derivative, at most about 1). */
    private static final double STEP = 1e-5;
    private static final double LOOSE = 1e-8;

    @Test
    void binaryCrossEntropyPartialIsTheDerivativeOfItsLoss() {
        for (double z : LOGITS) {
            for (double t : TARGETS) {
                double fd = (bce(z + STEP, t) - bce(z - STEP, t)) / (2 * STEP);
                assertEquals(fd, LossRules.binaryCrossEntropyPartial(z, t), LOOSE, "z = " + z + ", t = " + t);
                Decimal64 s = new Decimal64(Elementary.sigmoid(z));
                Decimal64 sm = new Decimal64(Elementary.sigmoid(-z));
                assertEquals(LossRules.binaryCrossEntropyPartial(z, t),
                    LossRules.binaryCrossEntropyPartial(s, sm, t).doubleValue(), 0, "generic, z = " + z + ", t = " + t);
            }
        }
        // the stable form: at t = 1 it is -σ(-z), not σ(z) - 1, which is 0 once σ(z) rounds to 1
        assertEquals(-Elementary.sigmoid(-40), LossRules.binaryCrossEntropyPartial(40, 1), 0);
        assertTrue(LossRules.binaryCrossEntropyPartial(40, 1) < 0);
        assertEquals(Elementary.sigmoid(-40), LossRules.binaryCrossEntropyPartial(-40, 0), 0);
    }

    @Test
    void softmaxCrossEntropyPartialsAreTheDerivativesOfTheLoss() {
        double[] z = {0.5, -1.25, 3, 0};
        int label = 2;
        double[] probs = new double[z.length];
        double loss = LossRules.softmaxCrossEntropy(z, 0, new int[] {label}, 0, 1, z.length, probs, 0);
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            double[] up = z.clone();
            double[] down = z.clone();
            up[k] += STEP;
            down[k] -= STEP;
            double fd = (sce(up, label) - sce(down, label)) / (2 * STEP);
            double partial = LossRules.softmaxCrossEntropyPartial(probs[k], k == label);
            assertEquals(fd, partial, LOOSE, "logit " + k);
            sum += partial;
        }
        assertEquals(0, sum, 1e-15, "the partials of a row sum to 0");
        assertEquals(LossRules.logSumExp(z, 0, z.length, null, 0) - z[label], loss, 0, "one log-sum-exp");
        Decimal64[] zd = new Decimal64[z.length];
        Decimal64[] pd = new Decimal64[z.length];
        for (int k = 0; k < z.length; k++) {
            zd[k] = new Decimal64(z[k]);
        }
        assertEquals(LossRules.logSumExp(z, 0, z.length, null, 0), LossRules.logSumExp(zd, pd).doubleValue(), 0);
        for (int k = 0; k < z.length; k++) {
            assertEquals(probs[k], pd[k].doubleValue(), 0, "generic probability " + k);
            assertEquals(LossRules.softmaxCrossEntropyPartial(probs[k], k == label),
                LossRules.softmaxCrossEntropyPartial(pd[k], k == label).doubleValue(), 0);
        }
        // no overflow at huge logits: the shift keeps every exponential at most 1
        assertEquals(1000 + Math.log(2), LossRules.logSumExp(new double[] {1000, 1000}, 0, 2, null, 0), 1e-12);
    }

    @Test
    void squaredErrorPartialIsTheDerivativeOfHalfTheSquare() {
        for (double z : LOGITS) {
            for (double t : TARGETS) {
                double fd = (half(z + STEP, t) - half(z - STEP, t)) / (2 * STEP);
                assertEquals(fd, LossRules.squaredErrorPartial(z, t), LOOSE * Math.max(1, Math.abs(z)));
                assertEquals(LossRules.squaredErrorPartial(z, t),
                    LossRules.squaredErrorPartial(new Decimal64(z), t).doubleValue(), 0);
            }
        }
        double[] p = {1, 2, 4};
        double[] t = {0, 2, 1};
        assertEquals((1 + 0 + 9) / 3.0, LossRules.meanSquaredError(p, 0, t, 0, 3), 0);
    }

    private static double bce(double z, double t) {
        return LossRules.binaryCrossEntropyWithLogits(new double[] {z}, 0, new double[] {t}, 0, 1);
    }

    private static double sce(double[] z, int label) {
        return LossRules.softmaxCrossEntropy(z, 0, new int[] {label}, 0, 1, z.length, null, 0);
    }

    private static double half(double z, double t) {
        return (z - t) * (z - t) / 2;
    }
}
