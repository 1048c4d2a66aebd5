package org.dualtape.compare.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MlpProblemTest {
    /** A straightforward re-implementation sums in another order: a few ulps of a loss near 1. */
    private static final double NAIVE_TOLERANCE = 1e-14;

    static java.util.stream.Stream<MlpSpec> smallSpecs() {
        return MlpFixtures.allKinds(5, new int[] {4, 3}, 3).stream();
    }

    @Test
    void zeroParametersGiveTheTextbookValues() {
        // all logits 0: quadratic ½·1 per sample; softmax log 10; binary cross-entropy 10·log 2
        for (LossKind kind : LossKind.values()) {
            MlpSpec spec = new MlpSpec(32, new int[] {4, 4}, 10, Activation.TANH, kind);
            MlpProblem p = new MlpProblem(spec, Dataset.synthetic(32, 10, 32, 1), 32, 2);
            double expected = kind == LossKind.QUADRATIC ? 0.5
                    : kind == LossKind.SOFTMAX_CROSS_ENTROPY ? Math.log(10) : 10 * Math.log(2);
            double[] zero = new double[p.parameterCount()];
            // 32 sums of 10 terms each round: a few ulps
            assertEquals(expected, p.loss(zero), NAIVE_TOLERANCE * expected, kind.name());
            assertEquals(expected, p.lossAndGradient(zero, new double[p.parameterCount()]),
                    NAIVE_TOLERANCE * expected);
        }
    }

    @ParameterizedTest
    @MethodSource("smallSpecs")
    void lossEqualsANaiveImplementation(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = p.initialParameters();
        double naive = naiveLoss(spec, p.inputs(), p.labels(), w);
        assertEquals(naive, p.loss(w), NAIVE_TOLERANCE * Math.abs(naive));
    }

    @ParameterizedTest
    @MethodSource("smallSpecs")
    void backpropValueIsTheDoubleLossBitwise(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = MlpFixtures.perturbed(p, 3);
        double[] g = new double[p.parameterCount()];
        assertEquals(Double.doubleToRawLongBits(p.loss(w)),
                Double.doubleToRawLongBits(p.lossAndGradient(w, g)));
    }

    @Test
    void singleOutputUsesTheLabelAsTarget() {
        MlpSpec spec = new MlpSpec(2, new int[] {3}, 1, Activation.TANH, LossKind.BINARY_CROSS_ENTROPY);
        MlpProblem p = new MlpProblem(spec, Dataset.circle(20, 5), 20, 6);
        for (int s = 0; s < 20; s++) {
            assertEquals(p.labels()[s], p.target(s, 0));
        }
        double[] w = p.initialParameters();
        assertEquals(naiveLoss(spec, p.inputs(), p.labels(), w), p.loss(w), NAIVE_TOLERANCE);
    }

    @Test
    void initialParametersAreFreshCopiesWithTheDocumentedScale() {
        MlpProblem p = MlpProblem.standard(256);
        double[] w = p.initialParameters();
        assertNotSame(w, p.initialParameters());
        w[0] = 1e9;
        assertTrue(p.initialParameters()[0] != 1e9);
        MlpSpec s = p.spec();
        // layer 1's weights: 256 x 256 normals of standard deviation 1/16
        double sum = 0;
        int n = 0;
        for (int k = s.weightOffset(1); k < s.biasOffset(1); k++, n++) {
            sum += w[k] * w[k];
        }
        assertEquals(1 / 16.0, Math.sqrt(sum / n), 0.001);
    }

    @Test
    void arraysOfTheWrongLengthAreRejectedBeforeAnythingChanges() {
        MlpProblem p = MlpProblem.standard(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.loss(new double[201]));
        assertTrue(e.getMessage().contains("w has length 201, expected 202"), e.getMessage());
        double[] g = {7, 7, 7};
        e = assertThrows(IllegalArgumentException.class, () -> p.lossAndGradient(p.initialParameters(), g));
        assertTrue(e.getMessage().contains("gradient has length 3, expected 202"), e.getMessage());
        assertArrayEquals(new double[] {7, 7, 7}, g);
    }

    @Test
    void dataThatDoNotFitAreRejected() {
        MlpSpec spec = MlpSpec.standard(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MlpProblem(spec, Dataset.circle(40, 1), 32, 1));
        assertTrue(e.getMessage().contains("2 inputs per sample"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MlpProblem(spec, Dataset.synthetic(32, 10, 20, 1), 32, 1));
        assertTrue(e.getMessage().contains("batch must be in [1, 20]"), e.getMessage());
        MlpSpec three = new MlpSpec(32, new int[] {4}, 3, Activation.TANH, LossKind.QUADRATIC);
        e = assertThrows(IllegalArgumentException.class,
                () -> new MlpProblem(three, Dataset.synthetic(32, 10, 32, 1), 32, 1));
        assertTrue(e.getMessage().contains("does not fit 3 output(s)"), e.getMessage());
    }

    @Test
    void digitsFitA64InputNetwork() {
        MlpSpec spec = new MlpSpec(64, new int[] {16}, 10, Activation.RELU, LossKind.SOFTMAX_CROSS_ENTROPY);
        MlpProblem p = new MlpProblem(spec, Dataset.digits(), 100, 3);
        double[] w = p.initialParameters();
        assertEquals(naiveLoss(spec, p.inputs(), p.labels(), w), p.loss(w), NAIVE_TOLERANCE * 3);
    }

    /** The loss written as directly as possible from its definition, without the package's code. */
    static double naiveLoss(MlpSpec spec, double[] inputs, int[] labels, double[] w) {
        int batch = labels.length;
        double total = 0;
        for (int s = 0; s < batch; s++) {
            double[] a = java.util.Arrays.copyOfRange(inputs, s * spec.inputs(), (s + 1) * spec.inputs());
            int offset = 0;
            for (int l = 0; l < spec.layers(); l++) {
                int nIn = a.length;
                int nOut = l < spec.layers() - 1 ? spec.hidden()[l] : spec.outputs();
                double[] z = new double[nOut];
                for (int j = 0; j < nOut; j++) {
                    double acc = 0;
                    for (int i = 0; i < nIn; i++) {
                        acc += w[offset + j * nIn + i] * a[i];
                    }
                    z[j] = acc + w[offset + nIn * nOut + j];
                }
                offset += (nIn + 1) * nOut;
                if (l < spec.layers() - 1) {
                    for (int j = 0; j < nOut; j++) {
                        switch (spec.activation()) {
                            case TANH: z[j] = Math.tanh(z[j]); break;
                            case SIGMOID: z[j] = 1 / (1 + Math.exp(-z[j])); break;
                            default: z[j] = Math.max(0, z[j]);
                        }
                    }
                }
                a = z;
            }
            int n = a.length;
            double loss = 0;
            for (int k = 0; k < n; k++) {
                double y = n == 1 ? labels[s] : k == labels[s] ? 1 : 0;
                switch (spec.loss()) {
                    case QUADRATIC: loss += 0.5 * (a[k] - y) * (a[k] - y); break;
                    case BINARY_CROSS_ENTROPY:
                        double p = 1 / (1 + Math.exp(-a[k]));
                        loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
                        break;
                    default: loss += Math.exp(a[k]);
                }
            }
            total += spec.loss() == LossKind.SOFTMAX_CROSS_ENTROPY ? Math.log(loss) - a[labels[s]] : loss;
        }
        return total / batch;
    }
}
