package org.dualtape.compare.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.math3.dfp.Dfp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DfpReferenceTest {
    /** Digits of the self-check: 20 more than the reference's default. */
    private static final int CHECK_DIGITS = 60;
    /**
     * Step of the Dfp central differences: truncation error ~h² = 1e-40, rounding error
     * ~1e-57 / h = 1e-37 (Dfp's elementary functions keep about 57 of the 60 digits).
     */
    private static final String CHECK_STEP = "1e-20";
    /** What the self-check can resolve, from the two errors above, with margin. */
    private static final double SELF_CHECK_TOLERANCE = 1e-34;
    /** Reference at 40 digits against the 60-digit one: the 40-digit rounding, with margin. */
    private static final double DIGITS_TOLERANCE = 1e-33;
    /** Any constant; fixed so the sampled coordinates are the same on every run. */
    private static final long SAMPLE_SEED = 31;

    static Stream<MlpSpec> tinySpecs() {
        return MlpFixtures.allKinds(3, new int[] {3}, 2).stream();
    }

    static Stream<MlpSpec> smallSpecs() {
        return MlpFixtures.allKinds(5, new int[] {4, 3}, 3).stream();
    }

    private static MlpProblem tiny(MlpSpec spec) {
        return new MlpProblem(spec, Dataset.synthetic(3, 2, 3, MlpFixtures.DATA_SEED), 3, MlpFixtures.PARAMETER_SEED);
    }

    @ParameterizedTest
    @MethodSource("tinySpecs")
    void backpropInDfpEqualsDfpCentralDifferences(MlpSpec spec) {
        MlpProblem p = tiny(spec);
        DfpReference check = new DfpReference(p, CHECK_DIGITS);
        Dfp[] w = check.toDfp(MlpFixtures.perturbed(p, 32));
        Dfp h = check.field().newDfp(CHECK_STEP);
        int[] all = DfpReference.sample(spec, p.parameterCount(), 0);
        assertEquals(p.parameterCount(), all.length);
        Dfp[] exact = check.gradientDfp(w, all);
        double scale = 0;
        double[] diff = new double[all.length];
        for (int k = 0; k < all.length; k++) {
            Dfp keep = w[k];
            w[k] = keep.add(h);
            Dfp up = p.loss(w);
            w[k] = keep.subtract(h);
            Dfp down = p.loss(w);
            w[k] = keep;
            Dfp central = up.subtract(down).divide(h.multiply(2));
            diff[k] = central.subtract(exact[k]).abs().toDouble();
            scale = Math.max(scale, exact[k].abs().toDouble());
        }
        for (int k = 0; k < all.length; k++) {
            assertTrue(diff[k] <= SELF_CHECK_TOLERANCE * scale, "component " + k + ": " + diff[k] / scale);
        }
    }

    @ParameterizedTest
    @MethodSource("tinySpecs")
    void fortyDigitsAgreeWithSixty(MlpSpec spec) {
        MlpProblem p = tiny(spec);
        double[] w = MlpFixtures.perturbed(p, 33);
        int[] all = DfpReference.sample(spec, p.parameterCount(), 0);
        DfpReference fine = new DfpReference(p, CHECK_DIGITS);
        DfpReference normal = new DfpReference(p);
        Dfp[] g60 = fine.gradientDfp(fine.toDfp(w), all);
        Dfp[] g40 = normal.gradientDfp(normal.toDfp(w), all);
        for (int k = 0; k < all.length; k++) {
            double err = fine.field().newDfp(g40[k].toString()).subtract(g60[k]).abs().toDouble();
            assertTrue(err <= DIGITS_TOLERANCE * Math.max(1e-3, Math.abs(g60[k].toDouble())), "component " + k);
        }
    }

    @ParameterizedTest
    @MethodSource("smallSpecs")
    void referenceEqualsBackprop(MlpSpec spec) {
        MlpProblem p = MlpFixtures.problem(spec);
        double[] w = MlpFixtures.perturbed(p, 34);
        double[] g = new double[w.length];
        double value = p.lossAndGradient(w, g);
        DfpReference reference = new DfpReference(p);
        assertEquals(value, reference.loss(w), 1e-14 * Math.abs(value));
        GradientTest.assertGradient(reference.gradient(w), g, GradientTest.GRADIENT_TOLERANCE);
    }

    @Test
    void referenceEqualsBackpropOnTheStandardProblemToTwelveDigits() {
        MlpProblem p = MlpProblem.standard(4);
        double[] w = p.initialParameters();
        double[] g = new double[w.length];
        p.lossAndGradient(w, g);
        double[] ref = new DfpReference(p).gradient(w);
        double scale = GradientTest.maxAbs(ref);
        for (int k = 0; k < w.length; k++) {
            // componentwise relative error, for every component not lost in cancellation
            if (Math.abs(ref[k]) > 1e-3 * scale) {
                assertEquals(ref[k], g[k], 1e-12 * Math.abs(ref[k]), "component " + k);
            }
        }
    }

    @Test
    void aSampleOfCoordinatesGivesTheSameNumbersAsTheWholeGradient() {
        MlpSpec spec = new MlpSpec(4, new int[] {5, 4}, 3, Activation.TANH, LossKind.SOFTMAX_CROSS_ENTROPY);
        MlpProblem p = MlpFixtures.problem(spec);
        DfpReference reference = new DfpReference(p);
        double[] w = MlpFixtures.perturbed(p, 35);
        double[] all = reference.gradient(w);
        // one coordinate per layer alone (exercises each "lowest layer"), then a mixed sample
        int[][] samples = {{3}, {spec.weightOffset(1) + 7}, {spec.biasOffset(2) + 1},
            {spec.biasOffset(0) + 2, spec.weightOffset(2) + 5}, DfpReference.sample(spec, 9, SAMPLE_SEED)};
        for (int[] sample : samples) {
            double[] some = reference.gradient(w, sample);
            for (int m = 0; m < sample.length; m++) {
                assertEquals(all[sample[m]], some[m], "coordinate " + sample[m]);
            }
        }
    }

    @Test
    void samplesAreSortedDistinctAndSharedByLayer() {
        MlpSpec spec = MlpSpec.standard(1024);
        int[] s = DfpReference.sample(spec, 64, SAMPLE_SEED);
        assertEquals(66, s.length); // ceil(64 / 3) = 22 per layer
        int[] perLayer = new int[3];
        for (int m = 0; m < s.length; m++) {
            assertTrue(m == 0 || s[m] > s[m - 1]);
            perLayer[spec.layerOf(s[m])]++;
        }
        assertArrayEquals(new int[] {22, 22, 22}, perLayer);
        assertArrayEquals(s, DfpReference.sample(spec, 64, SAMPLE_SEED));
        // a layer smaller than its share gives all its parameters
        MlpSpec small = new MlpSpec(1, new int[] {1}, 1, Activation.TANH, LossKind.QUADRATIC);
        assertArrayEquals(new int[] {0, 1, 2, 3}, DfpReference.sample(small, 100, SAMPLE_SEED));
    }

    @Test
    void roundingToDoubleIsCorrect() {
        DfpReference reference = new DfpReference(MlpProblem.standard(4));
        Random r = new Random(SAMPLE_SEED);
        for (int t = 0; t < 200; t++) {
            double x = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(600) - 300);
            assertEquals(x, DfpReference.toDouble(reference.toDfp(x)));
        }
        assertEquals(Double.POSITIVE_INFINITY, DfpReference.toDouble(reference.toDfp(Double.POSITIVE_INFINITY)));
        assertTrue(Double.isNaN(DfpReference.toDouble(reference.toDfp(Double.NaN))));
        // a value between two doubles: 0.1 + 2^-60 rounds to the double nearest it
        Dfp between = reference.toDfp(0.1).add(reference.toDfp(Math.scalb(1.0, -60)));
        assertEquals(0.1 + Math.scalb(1.0, -60), DfpReference.toDouble(between));
    }

    @Test
    void badInputIsRejected() {
        MlpProblem p = MlpProblem.standard(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DfpReference(p, 16));
        assertTrue(e.getMessage().contains("digits must be at least 32, got 16"), e.getMessage());
        DfpReference reference = new DfpReference(p);
        e = assertThrows(IllegalArgumentException.class, () -> reference.gradient(new double[3]));
        assertTrue(e.getMessage().contains("w has length 3, expected 202"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> reference.gradient(p.initialParameters(), new int[] {202}));
        assertThrows(IllegalArgumentException.class, () -> DfpReference.sample(p.spec(), 0, 1));
    }
}
