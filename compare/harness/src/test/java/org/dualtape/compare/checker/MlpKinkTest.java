package org.dualtape.compare.checker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.dualtape.check.CheckReport;
import org.dualtape.check.GradientCheck;
import org.dualtape.check.Status;
import org.dualtape.compare.mlp.Activation;
import org.dualtape.compare.mlp.Dataset;
import org.dualtape.compare.mlp.LossKind;
import org.dualtape.compare.mlp.MlpProblem;
import org.dualtape.compare.mlp.MlpSpec;
import org.junit.jupiter.api.Test;

/** The gradient checker on the comparison's own losses, where kinks of relu networks meet. */
class MlpKinkTest {
    /** Seed of the network's weights and minibatch: constant, so every run checks the same case. */
    private static final long SEED = 11;

    /**
     * The digits MLP (64 -> 4 -> 10, relu) with its first layer set to 0: every relu unit of every
     * sample sits at 0, so along every direction 128 kinks meet at the point. The hand-written
     * backprop (relu'(0) = 0) has no failed entry: entries are PASS, KINK (the claim between the
     * one-sided derivatives along its line) or UNCHECKED (several kinks meet, so no line bounds the
     * claim). Unchecked entries keep the report from passing unless the check allows them, and the
     * first line says how many and why.
     */
    @Test
    void reluNetworkWithEveryUnitAtZero() {
        MlpProblem problem = new MlpProblem(new MlpSpec(64, new int[] {4}, 10, Activation.RELU,
                LossKind.SOFTMAX_CROSS_ENTROPY), Dataset.digits(), 32, SEED);
        double[] w = problem.initialParameters();
        Arrays.fill(w, 0, 64 * 4 + 4, 0.0);
        GradientCheck check = GradientCheck.of(problem::loss).at(w).claimed(v -> {
            double[] gradient = new double[v.length];
            problem.lossAndGradient(v, gradient);
            return gradient;
        });
        CheckReport strict = check.run();
        assertTrue(strict.failures().isEmpty(), strict::table);
        assertTrue(strict.entries().stream().anyMatch(e -> e.status() == Status.KINK), strict::table);
        long unchecked = strict.entries().stream().filter(e -> e.status() == Status.UNCHECKED).count();
        assertTrue(unchecked > 0, strict::table);
        assertFalse(strict.passed(), strict::table);
        assertTrue(strict.table().contains(unchecked + " of " + strict.entries().size() + " entries not checked ("
                + unchecked + " where several kinks meet)"), strict::table);
        CheckReport allowed = check.allowUnchecked().run();
        assertTrue(allowed.passed(), allowed::table);
        assertTrue(allowed.table().contains("allowed by allowUnchecked()"), allowed::table);
    }

}
