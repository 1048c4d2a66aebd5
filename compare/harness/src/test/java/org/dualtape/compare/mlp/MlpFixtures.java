package org.dualtape.compare.mlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small problems shared by the tests. */
final class MlpFixtures {
    /** Data seed of the small test problems; any constant, fixed so failures reproduce. */
    static final long DATA_SEED = 11;
    /** Parameter seed of the small test problems; fixed for the same reason. */
    static final long PARAMETER_SEED = 12;
    /** Batch of the small test problems: more than one pass of four samples plus a remainder. */
    static final int BATCH = 7;

    private MlpFixtures() {
    }

    /** Every activation × loss on one small shape. */
    static List<MlpSpec> allKinds(int inputs, int[] hidden, int outputs) {
        List<MlpSpec> specs = new ArrayList<>();
        for (Activation a : Activation.values()) {
            for (LossKind k : LossKind.values()) {
                specs.add(new MlpSpec(inputs, hidden, outputs, a, k));
            }
        }
        return specs;
    }

    /** A small problem on synthetic data for the spec. */
    static MlpProblem problem(MlpSpec spec) {
        int classes = Math.max(2, spec.outputs());
        return new MlpProblem(spec, Dataset.synthetic(spec.inputs(), classes, BATCH, DATA_SEED), BATCH,
                PARAMETER_SEED);
    }

    /** The initial parameters plus a seeded perturbation, so the tests do not see only one point. */
    static double[] perturbed(MlpProblem p, long seed) {
        double[] w = p.initialParameters();
        Random r = new Random(seed);
        for (int k = 0; k < w.length; k++) {
            w[k] += 0.3 * r.nextGaussian();
        }
        return w;
    }
}
