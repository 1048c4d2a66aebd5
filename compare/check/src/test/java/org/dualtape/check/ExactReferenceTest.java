package org.dualtape.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.RealFieldElement;
import org.junit.jupiter.api.Test;

/**
 * Generic functions: the reference is exact AD ({@link ForwardDerivatives}); claims come from
 * Commons Math's {@code DerivativeStructure} (different code, different rounding) or by hand.
 */
class ExactReferenceTest {
    /** Seed of the sample points; constant so the verdicts are reproducible. */
    private static final long SEED = 11;
    private static final int POINTS = 5;
    /** Forward mode and DerivativeStructure agree to rounding: relative to the row's largest entry. */
    private static final double AGREEMENT = 1e-12;

    @Test
    void forwardModeAgreesWithDerivativeStructureOnTheSuite() {
        for (Suite.Vector c : Suite.vectors()) {
            double[] x = c.sampler().apply(new Random(SEED));
            double[][] ours = ExactDerivatives.DEFAULT.jacobian(c.f(), x);
            double[][] theirs = c.jacobian(x);
            for (int k = 0; k < ours.length; k++) {
                double scale = 0;
                for (double v : theirs[k]) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < x.length; i++) {
                    assertEquals(theirs[k][i], ours[k][i], AGREEMENT * scale, c.name() + " J[" + k + "][" + i + "]");
                }
            }
        }
    }

    @Test
    void everyCorrectGradientPassesAndEveryPlantedMistakeFails() {
        List<String> problems = new ArrayList<>();
        int belowResolution = 0;
        for (Suite.Scalar c : Suite.scalars()) {
            Random random = new Random(SEED);
            for (int p = 0; p < POINTS; p++) {
                double[] x = c.sampler().apply(random);
                double[] g = c.gradient(x);
                CheckReport correct = GradientCheck.ofGeneric(c.f()).at(x).claimed(g).run();
                if (!correct.passed()) {
                    problems.add("false failure " + c.name() + "\n" + correct.table());
                }
                for (Planted mistake : Planted.scalar(g, c, x, random)) {
                    CheckReport r = GradientCheck.ofGeneric(c.f()).at(x).claimed(mistake.gradient()).run();
                    if (r.passed()) {
                        if (mistake.subtle() && ProofSuiteTest.belowResolution(r, new double[][] {g}, new double[][] {mistake.gradient()})) {
                            belowResolution++;
                        } else {
                            problems.add("missed " + mistake.name() + " " + c.name() + "\n" + r.table());
                        }
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        // Exact AD resolves 1e-6 everywhere in the suite: nothing passes as unresolvable.
        assertEquals(0, belowResolution);
    }

    @Test
    void everyCorrectJacobianPassesAndEveryPlantedMistakeFails() {
        List<String> problems = new ArrayList<>();
        for (Suite.Vector c : Suite.vectors()) {
            Random random = new Random(SEED);
            for (int p = 0; p < POINTS; p++) {
                double[] x = c.sampler().apply(random);
                double[][] j = c.jacobian(x);
                CheckReport correct = JacobianCheck.ofGeneric(c.f()).at(x).claimed(j).run();
                CheckReport products = JacobianCheck.ofGeneric(c.f()).at(x).claimedJvp((y, v) -> Planted.times(j, v))
                        .claimedVjp((y, u) -> Planted.times(Planted.transpose(j), u)).run();
                for (CheckReport r : List.of(correct, products)) {
                    if (!r.passed()) {
                        problems.add("false failure " + c.name() + "\n" + r.table());
                    }
                }
                for (Planted.Matrix mistake : Planted.jacobian(j, c, x, random)) {
                    JacobianCheck check = JacobianCheck.ofGeneric(c.f()).at(x);
                    double[][] wrong = mistake.jacobian();
                    switch (mistake.form()) {
                        case JACOBIAN -> check.claimed(wrong);
                        case JVP -> check.claimedJvp((y, v) -> Planted.times(wrong, v));
                        case VJP -> check.claimedVjp((y, u) -> Planted.times(Planted.transpose(wrong), u));
                    }
                    CheckReport r = check.run();
                    if (r.passed()) {
                        problems.add("missed " + mistake.name() + " " + c.name() + "\n" + r.table());
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    static <T extends RealFieldElement<T>> T lecture(T[] x) {
        return x[0].add(x[1].multiply(3)).multiply(x[2].multiply(x[2]));
    }

    /** The lecture notes' L = (a + 3b)c² at (2, 3, 4) has gradient (16, 48, 88), by hand. */
    @Test
    void handWrittenGradientAgainstExactAd() {
        GradientCheck.assertGradientGeneric(ExactReferenceTest::lecture,
                x -> new double[] {x[2] * x[2], 3 * x[2] * x[2], 2 * (x[0] + 3 * x[1]) * x[2]}, 2, 3, 4);
        CheckReport wrong = GradientCheck.ofGeneric(ExactReferenceTest::lecture).at(2, 3, 4).claimed(16, 48, 44).run();
        assertFalse(wrong.passed());
        assertEquals(Status.FAIL, wrong.entries().get(2).status());
        assertEquals(88, wrong.entries().get(2).reference(), 0.0);
        assertTrue(wrong.method().contains("exact forward-mode AD"), wrong.method());
        assertEquals(null, wrong.taylor(), "no Taylor test against an exact reference");
    }

    /** Above 64 inputs the exact reference runs along random directions: one Dual pass each. */
    @Test
    void exactDirectionsForManyInputs() {
        double[] x = new double[300];
        Random random = new Random(SEED);
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() - 0.5;
        }
        Suite.Scalar c = new Suite.Scalar("rosenbrock 300", 300, Suite::rosenbrock, r -> x);
        double[] g = c.gradient(x);
        CheckReport correct = GradientCheck.ofGeneric(c.f()).at(x).claimed(g).run();
        assertTrue(correct.passed(), correct::table);
        assertEquals(Options.DEFAULT_DIRECTIONS, correct.entries().size());
        assertEquals(1, correct.coverage().size());
        double[] wrong = g.clone();
        wrong[123] *= 1.001;
        assertFalse(GradientCheck.ofGeneric(c.f()).at(x).claimed(wrong).run().passed());
    }
}
