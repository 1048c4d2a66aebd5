package org.dualtape.compare.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's proof: the suite's correct gradients and Jacobians pass at seeded random points, and
 * every planted mistake fails at every point (a 1e-6 relative error wherever the report says it
 * can resolve it), compared with a PyTorch-gradcheck-style fixed-tolerance baseline.
 */
class ProofSuiteTest {
    /** Seed of the sample points; constant so the counts below are reproducible. */
    private static final long SEED = 5;
    private static final int POINTS = 5;

    /** Counts for one checker over the suite. */
    static final class Tally {
        int correct;
        int falseFailures;
        int planted;
        int missed;
        int unresolvable;
        final List<String> notes = new ArrayList<>();

        String line(String name) {
            return String.format(Locale.ROOT, "%-28s correct %4d, false failures %3d; planted %4d, missed %3d%s", name, correct,
                    falseFailures, planted, missed, unresolvable > 0 ? "; " + unresolvable
                            + " more passed where the report said it cannot resolve an error that small" : "");
        }
    }

    @Test
    void scalarSuiteOursAgainstFixedToleranceBaseline() throws IOException {
        Tally ours = new Tally();
        Tally baseline = new Tally();
        for (Suite.Scalar c : Suite.scalars()) {
            Random random = new Random(SEED);
            for (int p = 0; p < POINTS; p++) {
                double[] x = c.sampler().apply(random);
                double[] g = c.gradient(x);
                String where = c.name() + " at point " + p;
                // Correct gradient.
                ours.correct++;
                baseline.correct++;
                CheckReport correct = GradientCheck.of(c::value).at(x).claimed(g).run();
                if (!correct.passed()) {
                    ours.falseFailures++;
                    ours.notes.add("false failure: " + where + "\n" + correct.table());
                }
                if (!Baseline.passes(c::value, x, g)) {
                    baseline.falseFailures++;
                }
                // Planted mistakes.
                for (Planted mistake : Planted.scalar(g, c, x, random)) {
                    ours.planted++;
                    baseline.planted++;
                    CheckReport r = GradientCheck.of(c::value).at(x).claimed(mistake.gradient()).run();
                    if (r.passed()) {
                        if (mistake.subtle() && belowResolution(r, g, mistake.gradient())) {
                            ours.unresolvable++;
                            ours.notes.add("below the stated resolution (" + mistake.name() + "): " + where + "\n" + r.table());
                        } else {
                            ours.missed++;
                            ours.notes.add("missed " + mistake.name() + ": " + where + "\n" + r.table());
                        }
                    }
                    if (Baseline.passes(c::value, x, mistake.gradient())) {
                        baseline.missed++;
                    }
                }
            }
        }
        String summary = ours.line("ours (scalar suite)") + "\n" + baseline.line("fixed-tolerance baseline") + "\n";
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "checker-proof-scalar.txt"), summary + String.join("\n", ours.notes));
        System.out.print(summary);
        assertEquals(0, ours.falseFailures, () -> String.join("\n", ours.notes));
        assertEquals(0, ours.missed, () -> String.join("\n", ours.notes));
        assertTrue(ours.correct >= 100 && Suite.scalars().size() >= 20);
        assertTrue(baseline.falseFailures + baseline.missed > ours.falseFailures + ours.missed + ours.unresolvable,
                summary);
    }

    /**
     * Whether a passed planted mistake was below what the report says it can resolve: at every
     * entry the planted error is within tolerance + reference error, and the table says so.
     */
    static boolean belowResolution(CheckReport r, double[] correct, double[] planted) {
        for (int j = 0; j < correct.length; j++) {
            CheckReport.Entry e = r.entries().get(j);
            if (Math.abs(planted[j] - correct[j]) > e.tolerance() + e.referenceError()) {
                return false;
            }
        }
        return r.table().contains("cannot resolve");
    }
}
