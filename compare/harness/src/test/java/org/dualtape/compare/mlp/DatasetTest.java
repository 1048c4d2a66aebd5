package org.dualtape.compare.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatasetTest {
    /** Any constant: the tests compare two generations from one seed. */
    private static final long SEED = 123;
    /** Samples for the balance checks: enough that a fair coin lands within ±10 %. */
    private static final int LARGE = 4000;

    @Test
    void generatedSetsAreDeterministicPerSeed() {
        assertArrayEquals(Dataset.synthetic(32, 10, 50, SEED).features(50),
                Dataset.synthetic(32, 10, 50, SEED).features(50));
        assertArrayEquals(Dataset.synthetic(32, 10, 50, SEED).labels(50),
                Dataset.synthetic(32, 10, 50, SEED).labels(50));
        assertArrayEquals(Dataset.circle(50, SEED).features(50), Dataset.circle(50, SEED).features(50));
        assertArrayEquals(Dataset.cross(50, SEED).labels(50), Dataset.cross(50, SEED).labels(50));
        assertFalse(Arrays.equals(Dataset.synthetic(32, 10, 50, SEED).features(50),
                Dataset.synthetic(32, 10, 50, SEED + 1).features(50)));
    }

    @Test
    void standardDataFollowTheDocumentedRecipe() {
        // Recomputed here from java.util.Random, whose sequence the Java specification fixes:
        // 10 x 32 standard-normal centres, then per sample a class and 32 noisy coordinates.
        java.util.Random r = new java.util.Random(MlpProblem.STANDARD_DATA_SEED);
        double[] centres = new double[10 * 32];
        for (int k = 0; k < centres.length; k++) {
            centres[k] = r.nextGaussian();
        }
        int label = r.nextInt(10);
        double x0 = centres[label * 32] + 0.5 * r.nextGaussian();
        MlpProblem p = MlpProblem.standard(4);
        assertEquals(label, p.labels()[0]);
        assertEquals(x0, p.inputs()[0]);
        assertArrayEquals(p.initialParameters(), MlpProblem.standard(4).initialParameters());
    }

    @Test
    void syntheticSamplesClusterAroundTheirClassCentre() {
        Dataset d = Dataset.synthetic(8, 3, LARGE, SEED);
        assertEquals(8, d.inputs());
        assertEquals(3, d.classes());
        double[][] mean = new double[3][8];
        int[] count = new int[3];
        for (int s = 0; s < d.size(); s++) {
            count[d.label(s)]++;
            for (int i = 0; i < 8; i++) {
                mean[d.label(s)][i] += d.feature(s, i);
            }
        }
        // the spread about each class mean is the stated noise, 0.5
        double spread = 0;
        for (int s = 0; s < d.size(); s++) {
            for (int i = 0; i < 8; i++) {
                double c = d.feature(s, i) - mean[d.label(s)][i] / count[d.label(s)];
                spread += c * c;
            }
        }
        assertEquals(Dataset.SYNTHETIC_NOISE, Math.sqrt(spread / (8.0 * d.size())), 0.02);
        for (int c = 0; c < 3; c++) {
            assertEquals(LARGE / 3.0, count[c], LARGE * 0.05);
        }
    }

    @Test
    void circleLabelsTheDiscAndHalfThePoints() {
        Dataset d = Dataset.circle(LARGE, SEED);
        int inside = 0;
        for (int s = 0; s < d.size(); s++) {
            double x = d.feature(s, 0);
            double y = d.feature(s, 1);
            assertTrue(Math.abs(x) <= 1 && Math.abs(y) <= 1);
            boolean disc = Math.hypot(x, y) < Math.sqrt(2 / Math.PI);
            assertEquals(disc ? 1 : 0, d.label(s), "sample " + s);
            inside += d.label(s);
        }
        assertEquals(LARGE / 2.0, inside, LARGE * 0.05);
    }

    @Test
    void crossLabelsTheBarsAndHalfThePoints() {
        Dataset d = Dataset.cross(LARGE, SEED);
        double w = 1 - Math.sqrt(0.5);
        int inside = 0;
        for (int s = 0; s < d.size(); s++) {
            double x = d.feature(s, 0);
            double y = d.feature(s, 1);
            assertEquals(Math.min(Math.abs(x), Math.abs(y)) < w ? 1 : 0, d.label(s), "sample " + s);
            inside += d.label(s);
        }
        assertEquals(LARGE / 2.0, inside, LARGE * 0.05);
        // the area of the cross is half the square: 4w (two bars of width 2w, length 2) minus the overlap 4w²
        assertEquals(2.0, 8 * w - 4 * w * w, 1e-15);
    }

    @Test
    void digitsAreTheRealFile() {
        Dataset d = Dataset.digits();
        assertEquals(1797, d.size());
        assertEquals(64, d.inputs());
        assertEquals(10, d.classes());
        // first line of the file: 0,0,5,13,9,1,0,0,... label 0; third line ends with label 2
        assertEquals(5 / 16.0, d.feature(0, 2));
        assertEquals(13 / 16.0, d.feature(0, 3));
        assertEquals(0, d.label(0));
        assertEquals(2, d.label(2));
        // class counts, from `zcat digits.csv.gz | cut -d, -f65 | sort | uniq -c`
        int[] expected = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};
        int[] count = new int[10];
        for (int s = 0; s < d.size(); s++) {
            count[d.label(s)]++;
            for (int i = 0; i < 64; i++) {
                assertTrue(d.feature(s, i) >= 0 && d.feature(s, i) <= 1);
            }
        }
        assertArrayEquals(expected, count);
    }

    @Test
    void customDataAreCheckedAndCopied() {
        double[][] x = {{1, 2}, {3, 4}};
        int[] y = {0, 1};
        Dataset d = Dataset.of(x, y, 2);
        x[0][0] = 99;
        y[0] = 1;
        assertEquals(1, d.feature(0, 0));
        assertEquals(0, d.label(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new double[][] {{1, 2}, {3}}, new int[] {0, 1}, 2));
        assertTrue(e.getMessage().contains("sample 1 has 1 features, expected 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(x, new int[] {0, 2}, 2));
        assertTrue(e.getMessage().contains("label of sample 1 is 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(x, new int[] {0}, 2));
        assertTrue(e.getMessage().contains("one label per sample (2), got 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.synthetic(0, 2, 5, SEED));
        assertThrows(IllegalArgumentException.class, () -> Dataset.circle(0, SEED));
    }
}
