package org.dualtape.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.dfp.Dfp;
import org.apache.commons.math3.dfp.DfpField;
import org.apache.commons.math3.util.Decimal64;
import org.dualtape.check.PlantedFunctions.Case;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's planted-mistake suite: every function of {@link PlantedFunctions} with its correct
 * gradient and with planted mistakes (one component off by 1e-2, 1e-4 and 1e-6 relative in the
 * largest and in the smallest nonzero component, a sign flip, everything times 2, two components
 * swapped, a zero where the value is not), each claimed five ways: values and a gradient function
 * to {@code GradientCheck.of}, values to {@code GradientCheck.ofGeneric}, and one-row Jacobians
 * to {@code JacobianCheck.of} and {@code JacobianCheck.ofGeneric}.
 *
 * <h2>What is counted</h2>
 * <ul>
 *   <li>a false failure: a correct claim with a {@code FAIL} entry or a first-order Taylor
 *       remainder;</li>
 *   <li>declared blind: a correct claim not passed only because entries were not checked (their
 *       own verdict), counted apart;</li>
 *   <li>a false pass: a planted mistake reported as passed, unless at every entry it changed the
 *       report declares a resolution ({@code tolerance + referenceError}) at least as coarse as
 *       the change ("passed below the stated resolution", counted apart).</li>
 * </ul>
 * Targets: no false failure, no false pass. The counts go to {@code target/planted-suite.txt}.
 */
class PlantedSuiteTest {
    /** A planted mistake: its kind and what it does to a correct gradient (a new array). */
    record Mistake(String kind, UnaryOperator<double[]> apply) {
    }

    /** The ways a claim reaches the checker. */
    enum Route { VALUES, FUNCTION, GENERIC, JACOBIAN, JACOBIAN_GENERIC }

    static List<Mistake> mistakes(double[] g) {
        int largest = -1;
        int smallest = -1;
        for (int i = 0; i < g.length; i++) {
            if (g[i] != 0 && (largest < 0 || Math.abs(g[i]) > Math.abs(g[largest]))) {
                largest = i;
            }
            if (g[i] != 0 && (smallest < 0 || Math.abs(g[i]) < Math.abs(g[smallest]))) {
                smallest = i;
            }
        }
        List<Mistake> list = new ArrayList<>();
        if (largest < 0) {
            return list;
        }
        for (double r : new double[] {1e-2, 1e-4, 1e-6}) {
            list.add(new Mistake("largest off by " + r, scale(largest, 1 + r)));
            if (smallest != largest) {
                list.add(new Mistake("smallest nonzero off by " + r, scale(smallest, 1 + r)));
            }
        }
        list.add(new Mistake("sign flip of the largest", scale(largest, -1)));
        list.add(new Mistake("everything x 2", v -> {
            double[] w = v.clone();
            for (int i = 0; i < w.length; i++) {
                w[i] *= 2;
            }
            return w;
        }));
        int other = -1;
        for (int i = 0; i < g.length; i++) {
            if (i != largest && (other < 0 || Math.abs(g[i] - g[largest]) > Math.abs(g[other] - g[largest]))) {
                other = i;
            }
        }
        if (other >= 0) {
            int a = largest;
            int b = other;
            list.add(new Mistake("two components swapped", v -> {
                double[] w = v.clone();
                w[a] = v[b];
                w[b] = v[a];
                return w;
            }));
        }
        list.add(new Mistake("zero where the value is not (smallest nonzero)", scale(smallest, 0)));
        return list;
    }

    private static UnaryOperator<double[]> scale(int i, double factor) {
        return v -> {
            double[] w = v.clone();
            w[i] *= factor;
            return w;
        };
    }

    static double plain(Case c, double[] x) {
        Decimal64[] d = new Decimal64[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = new Decimal64(x[i]);
        }
        return c.f().value(d).doubleValue();
    }

    static CheckReport run(Case c, Route route, Function<double[], double[]> claim) {
        double[] x = c.x();
        double[] values = claim.apply(x.clone());
        return switch (route) {
            case VALUES -> GradientCheck.of(y -> plain(c, y)).at(x).claimed(values).run();
            case FUNCTION -> GradientCheck.of(y -> plain(c, y)).at(x).claimed(claim).run();
            case GENERIC -> GradientCheck.ofGeneric(c.f()).at(x).claimed(values).run();
            case JACOBIAN -> JacobianCheck.of(y -> new double[] {plain(c, y)}).at(x).claimed(new double[][] {values}).run();
            case JACOBIAN_GENERIC -> JacobianCheck.ofGeneric(ExactDerivatives.asVector(c.f())).at(x)
                    .claimed(new double[][] {values}).run();
        };
    }

    /** Whether an entry's verdict is its own "not checked" one (neither passed nor failed). */
    static boolean blind(CheckReport.Entry e) {
        String s = e.status().name();
        return !s.equals("PASS") && !s.equals("FAIL") && !s.equals("KINK");
    }

    static boolean failed(CheckReport r) {
        boolean taylor = r.taylor() != null && r.taylor().verdict() == CheckReport.Taylor.Verdict.FIRST_ORDER;
        return taylor || r.entries().stream().anyMatch(e -> e.status() == Status.FAIL);
    }

    /** Whether every changed entry declares a resolution at least as coarse as the change. */
    static boolean belowStatedResolution(CheckReport r, double[] correct, double[] planted) {
        for (int j = 0; j < correct.length; j++) {
            if (planted[j] == correct[j]) {
                continue;
            }
            CheckReport.Entry e = entry(r, j);
            if (e == null || !(blind(e) || Math.abs(planted[j] - correct[j]) <= e.tolerance() + e.referenceError())) {
                return false;
            }
        }
        return true;
    }

    private static CheckReport.Entry entry(CheckReport r, int j) {
        for (CheckReport.Entry e : r.entries()) {
            if (e.label().equals("df/dx[" + j + "]") || e.label().equals("J[0][" + j + "]")) {
                return e;
            }
        }
        return null;
    }

    /** Counts per kind: planted, caught, false passes, passed below the stated resolution. */
    static final class Tally {
        int correct;
        int falseFailures;
        int declaredBlind;
        int blindEntries;
        final Map<String, int[]> kinds = new TreeMap<>();
        final List<String> notes = new ArrayList<>();

        int total(int column) {
            return kinds.values().stream().mapToInt(a -> a[column]).sum();
        }

        String summary() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "correct claims %d: false failures %d, declared blind %d (%d entries not checked);%n"
                            + "planted mistakes %d: caught %d, false passes %d, passed below the stated resolution %d%n",
                    correct, falseFailures, declaredBlind, blindEntries, total(0), total(1), total(2), total(3)));
            kinds.forEach((kind, c) -> s.append(String.format(Locale.ROOT,
                    "    %-48s planted %4d, caught %4d, false passes %3d, below resolution %3d%n", kind, c[0], c[1], c[2], c[3])));
            return s.toString();
        }
    }

    @Test
    void handGradientsAgreeWithDfp() {
        DfpField field = new DfpField(100);
        List<String> problems = new ArrayList<>();
        for (Case c : PlantedFunctions.cases()) {
            double[] at = c.smoothAt();
            double[] hand = c.f().gradient(at);
            double[] dfp = dfpGradient(c, at, field);
            double largest = 0;
            for (double v : dfp) {
                largest = Math.max(largest, Math.abs(v));
            }
            for (int i = 0; i < at.length; i++) {
                if (!(Math.abs(hand[i] - dfp[i]) <= 1e-9 * Math.abs(dfp[i]) + 1e-14 * largest)) {
                    problems.add(c.name() + " df/dx[" + i + "]: hand " + hand[i] + ", Dfp " + dfp[i]);
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertTrue(PlantedFunctions.cases().stream().filter(c -> !c.kink()).count() >= 60, "at least 60 smooth functions");
        assertTrue(PlantedFunctions.cases().stream().filter(Case::kink).count() >= 10, "at least 10 with kinks");
    }

    /** Central differences in 100 digits with a step of 1e-20 of the coordinate's scale. */
    private static double[] dfpGradient(Case c, double[] x, DfpField field) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            Dfp h = field.newDfp(1e-20 * Math.max(Math.abs(x[i]), 1e-8));
            Dfp[] up = new Dfp[x.length];
            Dfp[] down = new Dfp[x.length];
            for (int k = 0; k < x.length; k++) {
                up[k] = field.newDfp(x[k]);
                down[k] = field.newDfp(x[k]);
            }
            up[i] = up[i].add(h);
            down[i] = down[i].subtract(h);
            g[i] = c.f().value(up).subtract(c.f().value(down)).divide(h.multiply(2)).toDouble();
        }
        return g;
    }

    @Test
    void noFalsePassNoFalseFailure() throws IOException {
        Tally tally = new Tally();
        for (Case c : PlantedFunctions.cases()) {
            double[] g = c.f().gradient(c.x());
            for (Route route : Route.values()) {
                String where = c.name() + " via " + route;
                tally.correct++;
                CheckReport correct = run(c, route, y -> c.f().gradient(y));
                if (!correct.passed()) {
                    if (failed(correct)) {
                        tally.falseFailures++;
                        tally.notes.add("false failure: " + where + "\n" + correct.table());
                    } else {
                        tally.declaredBlind++;
                        tally.blindEntries += (int) correct.entries().stream().filter(PlantedSuiteTest::blind).count();
                        tally.notes.add("declared blind: " + where + "\n" + correct.table());
                    }
                }
                for (Mistake m : mistakes(g)) {
                    int[] counts = tally.kinds.computeIfAbsent(m.kind(), k -> new int[4]);
                    counts[0]++;
                    CheckReport r = run(c, route, y -> m.apply().apply(c.f().gradient(y)));
                    if (!r.passed()) {
                        counts[1]++;
                    } else if (belowStatedResolution(r, g, m.apply().apply(g))) {
                        counts[3]++;
                        tally.notes.add(String.format(Locale.ROOT, "below the stated resolution (%s): %s, resolution %.1e",
                                m.kind(), where, r.resolution()));
                    } else {
                        counts[2]++;
                        tally.notes.add("false pass (" + m.kind() + "): " + where + "\n" + r.table());
                    }
                }
            }
        }
        String summary = tally.summary();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "planted-suite.txt"), summary + "\n" + String.join("\n", tally.notes));
        System.out.print(summary);
        assertEquals(0, tally.falseFailures, summary);
        assertEquals(0, tally.total(2), summary);
    }
}
