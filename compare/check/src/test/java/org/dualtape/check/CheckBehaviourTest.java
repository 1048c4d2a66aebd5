package org.dualtape.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/** Kinks, the Taylor test, random directions and their stated probability, the report, determinism. */
class CheckBehaviourTest {
    /** One-sided derivatives are first-order differences with a step of about 1.6e-6. */
    private static final double ONE_SIDED = 1e-6;

    private static double rosenbrock(double[] x) {
        return Suite.rosenbrock(Suite.decimal(x)).doubleValue();
    }

    private static double[] rosenbrockGradient(double[] x) {
        return new DerivativeStructureDerivatives().jacobian(ExactDerivatives.asVector(Suite::rosenbrock), x)[0];
    }

    @Test
    void absAtZeroIsAKinkNotAFailure() {
        CheckReport r = GradientCheck.of(x -> Math.abs(x[0]) + x[1] * x[1]).at(0, 1).claimed(1, 2).run();
        assertTrue(r.passed(), r::table);
        assertEquals(Status.KINK, r.entries().get(0).status());
        assertEquals(Status.PASS, r.entries().get(1).status());
        assertEquals(1, r.kinks().size());
        CheckReport.Kink k = r.kinks().get(0);
        assertEquals("df/dx[0]", k.label());
        assertEquals("x[0] = 0.0", k.where());
        assertEquals(-1, k.left(), ONE_SIDED);
        assertEquals(1, k.right(), ONE_SIDED);
        assertTrue(k.claimedBetween());
        assertTrue(r.table().contains("Kink: df/dx[0] is not differentiable at x[0] = 0.0"), r::table);
    }

    @Test
    void reluAndMaxAtATie() {
        assertTrue(GradientCheck.of(x -> Math.max(0, x[0])).at(0).claimed(0).run().passed());
        ToDoubleFunction<double[]> max = x -> Math.max(x[0], x[1]);
        CheckReport tie = GradientCheck.of(max).at(2, 2).claimed(1, 0).run();
        assertTrue(tie.passed(), tie::table);
        assertEquals(2, tie.kinks().size());
        CheckReport outside = GradientCheck.of(max).at(2, 2).claimed(2, 0).run();
        assertFalse(outside.passed());
        assertEquals(Status.FAIL, outside.entries().get(0).status());
        assertFalse(outside.kinks().get(0).claimedBetween());
        assertTrue(outside.table().contains("lies outside them: a failure"), outside::table);
    }

    static <T extends RealFieldElement<T>> T absPlusSquare(T[] x) {
        return x[0].abs().add(x[1].multiply(x[1]));
    }

    /** Exact AD picks one convention (abs'(0) = 1); a claim with the other is a kink, not a failure. */
    @Test
    void genericKinkWithTheOtherConvention() {
        CheckReport r = GradientCheck.ofGeneric(CheckBehaviourTest::absPlusSquare).at(0, 1).claimed(-1, 2).run();
        assertTrue(r.passed(), r::table);
        assertEquals(Status.KINK, r.entries().get(0).status());
    }

    @Test
    void smoothFunctionsHaveNoKinks() {
        CheckReport r = GradientCheck.of(CheckBehaviourTest::rosenbrock).at(0.1, 0.2, 0.3).claimed(-9.4, 15.6, 50).run();
        assertFalse(r.passed());
        assertTrue(r.kinks().isEmpty());
    }

    @Test
    void taylorRemainderIsSecondOrderForARightClaimAndFirstOrderForAWrongOne() {
        double[] x = {0.3, -0.7, 1.2};
        CheckReport right = GradientCheck.of(CheckBehaviourTest::rosenbrock).at(x).claimed(rosenbrockGradient(x)).run();
        assertEquals(CheckReport.Taylor.Verdict.SECOND_ORDER, right.taylor().verdict(), right::table);
        assertEquals(2, right.taylor().slope(), 0.25);
        double[] wrong = rosenbrockGradient(x);
        wrong[1] += 1;
        CheckReport r = GradientCheck.of(CheckBehaviourTest::rosenbrock).at(x).claimed(wrong).run();
        assertEquals(CheckReport.Taylor.Verdict.FIRST_ORDER, r.taylor().verdict(), r::table);
        assertEquals(1, r.taylor().slope(), 0.25);
        assertEquals(TaylorTest.STEPS, r.taylor().steps().length);
    }

    @Test
    void taylorIsInconclusiveOnALinearFunctionAndCanBeTurnedOff() {
        CheckReport linear = GradientCheck.of(x -> 2 * x[0] - 3 * x[1]).at(1, 1).claimed(2, -3).run();
        assertTrue(linear.passed(), linear::table);
        assertEquals(CheckReport.Taylor.Verdict.INCONCLUSIVE, linear.taylor().verdict());
        assertNull(GradientCheck.of(x -> x[0]).at(1).claimed(1).taylor(false).run().taylor());
    }

    /** A claimed JVP that is wrong only in the Taylor sense: the test alone says so. */
    @Test
    void taylorCatchesAJvpThatIsNotLinear() {
        CheckReport r = JacobianCheck.of(x -> new double[] {x[0] * x[0]}).at(1)
                .claimedJvp((x, v) -> new double[] {2 * x[0] * v[0] + v[0] * v[0]}).run();
        assertFalse(r.passed(), r::table);
    }

    @Test
    void manyInputsUseRandomDirectionsWithAStatedProbability() {
        int n = 200;
        double[] x = new double[n];
        double[] g = new double[n];
        Random random = new Random(3); // constant: a fixed point
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble();
        }
        ToDoubleFunction<double[]> f = y -> {
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                s += (i + 1) * y[i] * y[i];
            }
            return s;
        };
        for (int i = 0; i < n; i++) {
            g[i] = 2 * (i + 1) * x[i];
        }
        CheckReport r = GradientCheck.of(f).at(x).claimed(g).run();
        assertTrue(r.passed(), r::table);
        assertEquals(Options.DEFAULT_DIRECTIONS, r.entries().size());
        CheckReport.Coverage c = r.coverage().get(0);
        assertEquals(Options.DEFAULT_DIRECTIONS, c.directions());
        assertEquals(1e-6, c.missProbability());
        assertTrue(c.relative() < 1e-8, r::table);
        assertTrue(r.table().contains("caught with probability >= 1 - 1e-06"), r::table);
        // An error of norm well above the stated size is caught.
        double[] wrong = g.clone();
        wrong[17] += 1e3 * c.errorNorm();
        assertFalse(GradientCheck.of(f).at(x).claimed(wrong).run().passed());
        // A smaller budget states a larger size.
        CheckReport few = GradientCheck.of(f).at(x).claimed(g).directions(4).run();
        assertEquals(4, few.entries().size());
        assertTrue(few.coverage().get(0).errorNorm() > c.errorNorm());
    }

    /** The stated size solves erf(a / (S sqrt 2))^k = p when every direction allows a. */
    @Test
    void detectableSizeSolvesTheMissProbability() {
        double a = 1e-9;
        int k = 8;
        double p = 1e-6;
        double s = Checker.detectable(new double[] {a, a, a, a, a, a, a, a}, p);
        assertEquals(p, Math.pow(Erf.erf(a / (s * Math.sqrt(2))), k), 1e-6 * p);
        assertEquals(p, Checker.missProbability(new double[] {a, a, a, a, a, a, a, a}, s), 1e-6 * p);
        assertTrue(Checker.detectable(new double[] {a, a}, p) > s, "fewer directions, larger size");
        assertEquals(Double.POSITIVE_INFINITY, Checker.detectable(new double[] {Double.NaN}, p));
    }

    @Test
    void sameVerdictAndTableOnEveryRun() {
        double[] x = new double[80];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i);
        }
        double[] g = rosenbrockGradient(x);
        String first = GradientCheck.of(CheckBehaviourTest::rosenbrock).at(x).claimed(g).run().table();
        assertEquals(first, GradientCheck.of(CheckBehaviourTest::rosenbrock).at(x).claimed(g).run().table());
        assertTrue(GradientCheck.of(CheckBehaviourTest::rosenbrock).at(x).claimed(g).seed(99).run().passed());
    }

    @Test
    void reportListsTheWorstEntriesAndItsResolution() {
        double[] x = {0.1, 0.2, 0.3};
        CheckReport r = GradientCheck.of(CheckBehaviourTest::rosenbrock).at(x).claimed(-9.4, 15.6 * (1 + 1e-3), 52 * 2).run();
        List<CheckReport.Entry> failures = r.failures();
        assertEquals(2, failures.size());
        assertEquals("df/dx[2]", failures.get(0).label(), "worst first");
        assertEquals(52, failures.get(0).reference(), 1e-9);
        assertEquals(52, failures.get(0).error(), 1e-9);
        assertTrue(failures.get(0).why().startsWith("claimed is 2 x the reference (a spurious factor 2?)"), failures.get(0).why());
        assertTrue(failures.get(1).why().startsWith("off by 1.56e-02 (relative 1.0e-03)"), failures.get(1).why());
        assertEquals(3, r.worst(10).size());
        assertTrue(r.canResolve(1e-9) && !r.canResolve(1e-14), () -> "resolution " + r.resolution());
        assertThrows(UnsupportedOperationException.class, () -> r.entries().clear());
        String table = r.table();
        assertTrue(table.startsWith("Gradient check at x = [0.1, 0.2, 0.3] (n = 3): FAILED (2 of 3 entries wrong)"), table);
        assertTrue(table.contains("Method: central differences extrapolated by Ridders"), table);
        assertTrue(table.contains("cannot resolve smaller errors"), table);
    }

    @Test
    void assertionMessageIsTheTable() {
        AssertionError e = assertThrows(AssertionError.class, () -> GradientCheck.assertGradient(CheckBehaviourTest::rosenbrock,
                y -> new double[] {-9.4, 15.6, 26}, 0.1, 0.2, 0.3));
        assertTrue(e.getMessage().contains("FAILED") && e.getMessage().contains("df/dx[2]"), e.getMessage());
        GradientCheck.assertGradient(CheckBehaviourTest::rosenbrock, CheckBehaviourTest::rosenbrockGradient, 0.1, 0.2, 0.3);
        JacobianCheck.assertJacobian(y -> new double[] {y[0] * y[1], Math.sin(y[0])},
                y -> new double[][] {{y[1], y[0]}, {Math.cos(y[0]), 0}}, 0.4, -1.3);
    }

    @Test
    void jvpAndVjpByTheDotProductIdentity() {
        java.util.function.Function<double[], double[]> f = y -> new double[] {y[0] * y[1], Math.exp(y[1]) - y[2], y[2] * y[2]};
        double[][] j = {{-0.5, 0.3, 0}, {0, Math.exp(-0.5), -1}, {0, 0, 1.4}};
        double[] x = {0.3, -0.5, 0.7};
        CheckReport right = JacobianCheck.of(f).at(x).claimedJvp((y, v) -> Planted.times(j, v))
                .claimedVjp((y, u) -> Planted.times(Planted.transpose(j), u)).run();
        assertTrue(right.passed(), right::table);
        assertEquals(2 * Options.DEFAULT_PAIRS, right.entries().size());
        assertEquals(2, right.coverage().size());
        assertTrue(right.method().startsWith("dot-product identity"), right.method());
        CheckReport transposedVjp = JacobianCheck.of(f).at(x).claimedVjp((y, u) -> Planted.times(j, u)).directions(3).run();
        assertFalse(transposedVjp.passed(), transposedVjp::table);
        assertEquals(3, transposedVjp.entries().size());
    }
}
