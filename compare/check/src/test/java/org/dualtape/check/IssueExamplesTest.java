package org.dualtape.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;
import org.junit.jupiter.api.Test;

/**
 * The wrong gradients that issue 10's probe found reported as PASSED, each checked the ways a user
 * would: now every one fails (or, where the check cannot resolve the error, says so and does not
 * pass). Also the failure diagnoses of the "why" column.
 */
class IssueExamplesTest {
    static <T extends RealFieldElement<T>> T expMinusOne(T[] x) {
        return x[0].exp().subtract(1).subtract(x[0]);
    }

    static <T extends RealFieldElement<T>> T expm1MinusX(T[] x) {
        return x[0].expm1().subtract(x[0]);
    }

    static <T extends RealFieldElement<T>> T product(T[] x) {
        return x[0].multiply(x[1]).multiply(x[2]);
    }

    static <T extends RealFieldElement<T>> T sqrtPlus(T[] x) {
        return x[0].sqrt().add(x[1]);
    }

    static <T extends RealFieldElement<T>> T mixedScales(T[] x) {
        return x[0].multiply(x[0]).multiply(1e8).add(x[1].multiply(x[1]).multiply(1e-8));
    }

    /** One-sided derivatives -0.7 and 1.3 at 0. */
    static <T extends RealFieldElement<T>> T asymmetricAbs(T[] x) {
        return x[0].abs().add(x[0].multiply(0.3));
    }

    private static double plain(ScalarFieldFunction f, double[] x) {
        return f.value(Suite.decimal(x)).doubleValue();
    }

    /** Not passed, through plain code (values and a function) and exact AD, and no entry relabelled. */
    private static void assertFailsEveryWay(ScalarFieldFunction f, double[] x, double[] wrong) {
        ToDoubleFunction<double[]> p = y -> plain(f, y);
        for (CheckReport r : new CheckReport[] {GradientCheck.of(p).at(x).claimed(wrong).run(),
            GradientCheck.of(p).at(x).claimed(y -> wrong.clone()).run(), GradientCheck.ofGeneric(f).at(x).claimed(wrong).run()}) {
            assertFalse(r.passed(), r::table);
            assertTrue(r.entries().stream().noneMatch(e -> e.status() == Status.KINK || e.status() == Status.UNCHECKED), r::table);
        }
    }

    @Test
    void tinyCurvatureWithCancellation() {
        double x = 1e-4;
        double g = Math.expm1(x);
        assertFailsEveryWay(IssueExamplesTest::expMinusOne, new double[] {x}, new double[] {2 * g});
        assertFailsEveryWay(IssueExamplesTest::expMinusOne, new double[] {x}, new double[] {0});
        assertFailsEveryWay(IssueExamplesTest::expm1MinusX, new double[] {x}, new double[] {1.01 * g});
        // and the right gradient passes against exact AD, whose cancellation error (4e-13
        // relative) is in its bound
        CheckReport right = GradientCheck.ofGeneric(IssueExamplesTest::expMinusOne).at(x).claimed(g).run();
        assertTrue(right.passed(), right::table);
    }

    @Test
    void mixedMagnitudesAndADomainEdge() {
        double[] x = {1e5, 1e-5, 3};
        assertFailsEveryWay(IssueExamplesTest::product, x, new double[] {x[1] * x[2] * (1 + 1e-3), x[0] * x[2], x[0] * x[1]});
        double[] y = {1e-6, 1};
        assertFailsEveryWay(IssueExamplesTest::sqrtPlus, y, new double[] {0.5 / Math.sqrt(y[0]), 1.01});
    }

    /** ∂/∂x1 = 6e-9 drowns in the rounding of values of 5e7: the check says it cannot resolve it. */
    @Test
    void anEntryBelowTheReferencesResolutionIsNotPassed() {
        double[] x = {0.7, 0.3};
        ToDoubleFunction<double[]> p = y -> plain(IssueExamplesTest::mixedScales, y);
        double[] wrong = {2e8 * x[0], 1.5 * 2e-8 * x[1]};
        CheckReport r = GradientCheck.of(p).at(x).claimed(wrong).run();
        assertFalse(r.passed(), r::table);
        assertEquals(Status.UNRESOLVED, r.entries().get(1).status(), r::table);
        assertFalse(r.canResolve(0.5), r::table);
        assertTrue(r.table().contains("1 of 2 entries not checked (1 that the reference cannot resolve)"), r::table);
        CheckReport allowed = GradientCheck.of(p).at(x).claimed(wrong).allowUnchecked().run();
        assertTrue(allowed.passed(), allowed::table);
        assertFalse(allowed.canResolve(0.5), allowed::table);
        // exact AD resolves it
        CheckReport exact = GradientCheck.ofGeneric(IssueExamplesTest::mixedScales).at(x).claimed(wrong).run();
        assertFalse(exact.passed(), exact::table);
        assertEquals(Status.FAIL, exact.entries().get(1).status(), exact::table);
    }

    /** An exact zero of the gradient: claimed and reference 0, its resolution absolute and stated so. */
    @Test
    void zeroEntriesHaveAnAbsoluteResolution() {
        CheckReport r = GradientCheck.of(y -> y[0] * y[0] + 0 * y[1]).at(1.5, 2).claimed(3, 0).run();
        assertTrue(r.passed(), r::table);
        CheckReport.Entry zero = r.entries().get(1);
        assertEquals(0, zero.reference());
        assertTrue(zero.absolute(), zero::toString);
        assertEquals(zero.tolerance() + zero.referenceError(), zero.resolution());
        assertTrue(r.canResolve(1e-6), r::table);
        assertFalse(r.entries().get(0).absolute());
        // a claim of 1e-3 there is caught: the resolution is what it says
        assertFalse(GradientCheck.of(y -> y[0] * y[0] + 0 * y[1]).at(1.5, 2).claimed(3, 1e-3).run().passed());
    }

    /** At the kink of abs: a claim of 11.8 fails as values and as a function; 0.5 is a kink. */
    @Test
    void aClaimOutsideTheKinkFailsAsValuesAndAsAFunction() {
        ToDoubleFunction<double[]> f = y -> plain(IssueExamplesTest::asymmetricAbs, y);
        assertFalse(GradientCheck.of(f).at(0).claimed(11.8).run().passed());
        assertThrows(AssertionError.class, () -> GradientCheck.assertGradient(f, y -> new double[] {11.8}, 0));
        // a claimed function that jumps at the kink is judged by its value there
        Function<double[], double[]> jumping = y -> new double[] {y[0] > 0 ? 1.3 : y[0] < 0 ? -0.7 : 11.8};
        assertThrows(AssertionError.class, () -> GradientCheck.assertGradient(f, jumping, 0));
        CheckReport inside = GradientCheck.of(f).at(0).claimed(y -> new double[] {0.5}).run();
        assertTrue(inside.passed(), inside::table);
        assertEquals(Status.KINK, inside.entries().get(0).status());
        assertEquals(-0.7, inside.kinks().get(0).left(), 1e-6);
        assertEquals(1.3, inside.kinks().get(0).right(), 1e-6);
        // its stated resolution covers the whole interval between the one-sided derivatives
        CheckReport.Entry e = inside.entries().get(0);
        assertTrue(e.tolerance() + e.referenceError() >= 2.0, e::toString);
    }

    /** A generic vector function that returns 2 values on its first call and 3 afterwards. */
    static final class Growing implements VectorFieldFunction {
        private int calls;

        @Override
        public <T extends RealFieldElement<T>> T[] value(T[] x) {
            int m = calls++ == 0 ? 2 : 3;
            T[] out = MathArrays.buildArray(x[0].getField(), m);
            for (int k = 0; k < m; k++) {
                out[k] = x[0].multiply(k + 1);
            }
            return out;
        }
    }

    @Test
    void aChangeInTheNumberOfOutputsIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JacobianCheck.ofGeneric(new Growing()).at(1.0).claimed(new double[][] {{1}, {2}}).run());
        assertTrue(e.getMessage().contains("returned 3 values") && e.getMessage().contains("but 2 at the check point"),
                e.getMessage());
    }

    private static String why(CheckReport r, String label) {
        return r.entries().stream().filter(e -> e.label().equals(label)).findFirst().orElseThrow().why();
    }

    /** f = sum (i + 1) x_i^2 on 8 inputs: gradient 2 (i + 1) x_i. */
    private static CheckReport quadratic(double[] claimed) {
        double[] x = {0.3, -0.5, 0.8, 1.1, -0.2, 0.6, -0.9, 0.4};
        return GradientCheck.of(y -> {
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                s += (i + 1) * y[i] * y[i];
            }
            return s;
        }).at(x).claimed(claimed).run();
    }

    private static double[] quadraticGradient() {
        double[] x = {0.3, -0.5, 0.8, 1.1, -0.2, 0.6, -0.9, 0.4};
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = 2 * (i + 1) * x[i];
        }
        return g;
    }

    @Test
    void failuresAreDiagnosed() {
        double[] g = quadraticGradient();
        double[] half = g.clone();
        for (int i = 0; i < half.length; i++) {
            half[i] /= 4;
        }
        CheckReport quarter = quadratic(half);
        assertTrue(why(quarter, "df/dx[3]").contains("every entry is 1/4 x the reference (a missing factor 4?)"), quarter::table);
        double[] flipped = g.clone();
        flipped[2] = -flipped[2];
        assertTrue(why(quadratic(flipped), "df/dx[2]").startsWith("sign: claimed = -reference"));
        double[] zero = g.clone();
        zero[5] = 0;
        assertTrue(why(quadratic(zero), "df/dx[5]").startsWith("claimed 0 where the reference is not"));
        double[] swapped = g.clone();
        swapped[1] = g[6];
        swapped[6] = g[1];
        CheckReport s = quadratic(swapped);
        assertTrue(why(s, "df/dx[1]").contains("swapped with df/dx[6]"), s::table);
        assertTrue(why(s, "df/dx[6]").contains("swapped with df/dx[1]"), s::table);
        double[] shifted = g.clone();
        for (int i = 3; i <= 5; i++) {
            shifted[i] = g[i] * 1.5;
        }
        CheckReport range = quadratic(shifted);
        assertTrue(why(range, "df/dx[4]").contains("wrong only at inputs 3..5 of 0..7"), range::table);
        double[] third = g.clone();
        third[4] /= 3;
        assertTrue(why(quadratic(third), "df/dx[4]").startsWith("claimed is 1/3 x the reference (a missing factor 3?)"));
        double[] off = g.clone();
        off[7] *= 1.01;
        assertTrue(why(quadratic(off), "df/dx[7]").startsWith("off by"), quadratic(off)::table);
    }

    /**
     * 100 inputs of about 1e-8, f varying on that scale: along random directions the steps follow
     * the inputs' size, so the right gradient passes and a factor 2 fails.
     */
    @Test
    void randomDirectionsAtTinyInputs() {
        int n = 100;
        double[] x = new double[n];
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1e-8 * Math.sin(i + 1);
        }
        ToDoubleFunction<double[]> f = y -> {
            double s = 0;
            for (double yi : y) {
                s += Math.cos(yi * 1e8);
            }
            return s;
        };
        for (int i = 0; i < n; i++) {
            g[i] = -1e8 * Math.sin(x[i] * 1e8);
        }
        CheckReport right = GradientCheck.of(f).at(x).claimed(g).run();
        assertTrue(right.passed(), right::table);
        double[] doubled = g.clone();
        for (int i = 0; i < n; i++) {
            doubled[i] *= 2;
        }
        CheckReport wrong = GradientCheck.of(f).at(x).claimed(doubled).run();
        assertFalse(wrong.passed(), wrong::table);
        assertTrue(wrong.failures().get(0).why().contains("every entry is 2 x the reference"), wrong::table);
    }

    @Test
    void aTransposedJacobianIsNamed() {
        Function<double[], double[]> f = y -> new double[] {y[0] * y[1], y[0] + 3 * y[1]};
        double[][] transposed = {{0.5, 1}, {2, 3}}; // J = {{x1, x0}, {1, 3}} at (2, 0.5)
        CheckReport r = JacobianCheck.of(f).at(2, 0.5).claimed(transposed).run();
        assertFalse(r.passed(), r::table);
        assertTrue(why(r, "J[0][1]").contains("swapped with J[1][0] (a transposed Jacobian?)"), r::table);
    }
}
