package org.dualtape.compare.sweep;

import org.apache.commons.math3.RealFieldElement;
import org.dualtape.compare.mlp.DfpReference;
import org.dualtape.compare.mlp.MlpProblem;
import org.dualtape.compare.mlp.MlpSpec;
import org.dualtape.compare.mlp.VectorTapeLoss;

/**
 * The standard sweep's losses: {@link MlpProblem#standard(int)}, 32 → h → h → 10, tanh, softmax
 * cross-entropy, batch 32, for each width h.
 */
public final class StandardMlpFamily implements ProblemFamily {

    /** Creates the family (the worker JVM does so by class name). */
    public StandardMlpFamily() {
    }

    @Override
    public SweepProblem create(int width) {
        return new Problem(MlpProblem.standard(width));
    }

    @Override
    public int parameterCount(int width) {
        return MlpSpec.standard(width).parameterCount();
    }

    @Override
    public String description() {
        return "standard MLP 32 → h → h → 10, tanh, softmax cross-entropy, batch "
                + MlpProblem.STANDARD_BATCH + " (synthetic data, fixed seeds)";
    }

    /** One {@link MlpProblem} seen as a {@link SweepProblem}. */
    private static final class Problem implements SweepProblem {
        private final MlpProblem mlp;

        Problem(MlpProblem mlp) {
            this.mlp = mlp;
        }

        @Override
        public int parameterCount() {
            return mlp.parameterCount();
        }

        @Override
        public double[] initialParameters() {
            return mlp.initialParameters();
        }

        @Override
        public double loss(double[] w) {
            return mlp.loss(w);
        }

        @Override
        public <T extends RealFieldElement<T>> T loss(T[] w) {
            return mlp.loss(w);
        }

        @Override
        public double lossAndGradient(double[] w, double[] gradient) {
            return mlp.lossAndGradient(w, gradient);
        }

        @Override
        public Evaluator vectorTape() {
            return new VectorTapeEvaluator(new VectorTapeLoss(mlp));
        }

        @Override
        public double[] referencePartials(double[] w, int[] coordinates) {
            return new DfpReference(mlp).gradient(w, coordinates);
        }

        @Override
        public int[] sampleCoordinates(int count, long seed) {
            return DfpReference.sample(mlp.spec(), count, seed);
        }

        @Override
        public String referenceDescription() {
            return "the generic loss in " + DfpReference.DEFAULT_DIGITS + "-digit Dfp,"
                    + " differentiated in reverse mode (no step), rounded once to double";
        }
    }
}
