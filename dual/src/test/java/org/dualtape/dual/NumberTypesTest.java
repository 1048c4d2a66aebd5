package org.dualtape.dual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@link Dual} and {@link MultiDual} add beyond the {@code RealFieldElement} contract:
 * construction, the methods outside the interface, width checks, equality, and the promise that
 * tangent i of a {@code MultiDual} is bitwise the tangent of a {@code Dual} seeded with
 * component i.
 */
class NumberTypesTest {

    /** Fixed so that a failure reproduces; any seed works. */
    private static final long SEED = 0xD0A1L;
    /** log10 against DerivativeStructure (FastMath, another formula for the rule). */
    private static final double TOLERANCE = 1e-14;

    @Test
    void dualConstruction() {
        assertEquals(Dual.of(3, 1), Dual.variable(3));
        assertEquals(Dual.of(3, 0), Dual.constant(3));
        assertEquals(2.5, Dual.of(2.5, -1).value(), 0.0);
        assertEquals(-1, Dual.of(2.5, -1).tangent(), 0.0);
        assertEquals(Dual.ZERO, DualField.getInstance().getZero());
        assertEquals(Dual.ONE, DualField.getInstance().getOne());
        assertSame(DualField.getInstance(), Dual.variable(1).getField());
    }

    @Test
    void multiDualConstruction() {
        MultiDual x = MultiDual.variable(2, 1, 3);
        assertEquals(2, x.value(), 0.0);
        assertEquals(3, x.width());
        assertArrayEquals(new double[] {0, 1, 0}, x.tangents(), 0.0);
        assertEquals(MultiDual.of(5, new double[3]), MultiDual.constant(5, 3));
        double[] seed = {1, 2};
        MultiDual y = MultiDual.of(0, seed);
        seed[0] = 99;
        assertEquals(1, y.tangent(0), 0.0, "of copies its tangents");
        y.tangents()[1] = 99;
        assertEquals(2, y.tangent(1), 0.0, "tangents() returns a copy");
        assertEquals(0, MultiDual.constant(1, 0).width(), "width 0 is allowed");
    }

    @Test
    void multiDualRejectsBadWidthsAndIndices() {
        assertThrows(IllegalArgumentException.class, () -> MultiDual.constant(1, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultiDual.variable(1, 3, 3));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MultiDual.variable(1, -1, 3));
        assertThrows(IllegalArgumentException.class, () -> MultiDualField.of(-2));
    }

    @Test
    void mixingWidthsThrowsNamingBoth() {
        MultiDual a = MultiDual.variable(1, 0, 3);
        MultiDual b = MultiDual.variable(1, 0, 13);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("13"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.multiply(b));
        assertThrows(IllegalArgumentException.class, () -> a.pow(b));
        assertThrows(IllegalArgumentException.class, () -> a.atan2(b));
        assertThrows(IllegalArgumentException.class, () -> a.linearCombination(a, b, a, a));
        assertThrows(IllegalArgumentException.class, () -> a.linearCombination(1.0, a, 2.0, b));
        assertThrows(IllegalArgumentException.class, () -> b.linearCombination(new MultiDual[] {a}, new MultiDual[] {a}));
    }

    @Test
    void fieldsAreCachedPerWidth() {
        assertSame(MultiDualField.of(7), MultiDualField.of(7));
        assertSame(MultiDualField.of(7), MultiDual.variable(0, 0, 7).getField());
        assertEquals(7, MultiDualField.of(7).width());
        assertEquals(7, MultiDualField.of(7).getOne().width());
        assertNotEquals(MultiDualField.of(7), MultiDualField.of(8));
    }

    @Test
    void equalityHashAndText() {
        assertEquals(Dual.of(1, 2), Dual.of(1, 2));
        assertEquals(Dual.of(1, 2).hashCode(), Dual.of(1, 2).hashCode());
        assertNotEquals(Dual.of(1, 2), Dual.of(1, 3));
        assertNotEquals(Dual.of(0.0, 0), Dual.of(-0.0, 0));
        assertEquals(Dual.of(Double.NaN, 0), Dual.of(Double.NaN, 0));
        assertEquals("Dual[value=2.0, tangent=1.0]", Dual.variable(2).toString());
        MultiDual m = MultiDual.variable(2, 0, 2);
        assertEquals(m, MultiDual.of(2, new double[] {1, 0}));
        assertEquals(m.hashCode(), MultiDual.of(2, new double[] {1, 0}).hashCode());
        assertNotEquals(m, MultiDual.variable(2, 1, 2));
        assertEquals("MultiDual[value=2.0, tangents=[1.0, 0.0]]", m.toString());
        ValueAndGradient g = ValueAndGradient.of(1, new double[] {2, 3});
        assertEquals(ValueAndGradient.of(1, new double[] {2, 3}), g);
        assertEquals("ValueAndGradient[value=1.0, gradient=[2.0, 3.0]]", g.toString());
    }

    @Test
    void extraMethodsFollowTheirRules() {
        Random random = new Random(SEED);
        for (int p = 0; p < 20; p++) {
            double x = 0.1 + 5 * random.nextDouble();
            DerivativeStructure ds = new DerivativeStructure(1, 1, 0, x).log10();
            Dual d = Dual.variable(x).log10();
            assertEquals(Math.log10(x), d.value(), 0.0);
            assertEquals(ds.getPartialDerivative(1), d.tangent(), TOLERANCE * Math.abs(d.tangent()));
            double s = 6 * random.nextDouble() - 3;
            double sigma = 1 / (1 + Math.exp(-s));
            assertEquals(s * s, Dual.variable(s).square().value(), 0.0);
            assertEquals(2 * s, Dual.variable(s).square().tangent(), 0.0);
            assertEquals(sigma * (1 - sigma), Dual.variable(s).sigmoid().tangent(), TOLERANCE);
            assertEquals(sigma, Dual.variable(s).softplus().tangent(), TOLERANCE);
            assertEquals(1 - sigma, Dual.variable(s).logSigmoid().tangent(), TOLERANCE);
            assertEquals(s > 0 ? 1 : 0, Dual.variable(s).relu().tangent(), 0.0);
        }
        assertEquals(0.0, Dual.variable(0).relu().tangent(), 0.0, "relu'(0) = 0");
    }

    @Test
    void powerOfAConstantBase() {
        // d/dx 2^x = 2^x ln 2
        Dual d = Dual.pow(2, Dual.variable(3));
        assertEquals(8, d.value(), 0.0);
        assertEquals(8 * Math.log(2), d.tangent(), 0.0);
        MultiDual m = MultiDual.pow(2, MultiDual.variable(3, 1, 2));
        assertArrayEquals(new double[] {0, 8 * Math.log(2)}, m.tangents(), 0.0);
        assertEquals(-Double.POSITIVE_INFINITY, Dual.pow(0, Dual.variable(0)).tangent(), 0.0, "as DerivativeStructure");
        assertTrue(Double.isNaN(Dual.pow(0, Dual.variable(-1)).tangent()), "as DerivativeStructure");
        assertTrue(Double.isNaN(Dual.pow(-2, Dual.variable(2)).tangent()), "a negative base has no slope in x");
        assertEquals(0, Dual.pow(-2, Dual.constant(2)).tangent(), 0.0, "zero tangents stay zero");
    }

    @Test
    void sharedTangentsAreNeverExposed() {
        MultiDual x = MultiDual.variable(1, 0, 2);
        MultiDual y = x.add(3.0); // shares x's tangent array internally
        y.tangents()[0] = 42;
        assertEquals(1, x.tangent(0), 0.0);
        assertEquals(1, y.tangent(0), 0.0);
    }

    /** Edge and ordinary points: the zero-tangent convention must act per component too. */
    private static final double[] PARITY_POINTS = {0.0, -0.0, 1, -1, 0.5, -2, 3, Double.NaN, Double.POSITIVE_INFINITY};

    @ParameterizedTest
    @EnumSource(Op.class)
    void multiDualTangentsAreBitwiseDualTangents(Op op) {
        double[] ta = {1, 0, -0.5, 0, 2};
        double[] tb = {0, 1, 0.25, 0, -3};
        Random random = new Random(SEED + op.ordinal());
        for (double a : PARITY_POINTS) {
            for (double b : PARITY_POINTS) {
                double c = 6 * random.nextDouble() - 3;
                int n = random.nextInt(9) - 4;
                MultiDual m = op.on(MultiDual.of(a, ta), MultiDual.of(b, tb), c, n);
                for (int i = 0; i < ta.length; i++) {
                    Dual d = op.on(Dual.of(a, ta[i]), Dual.of(b, tb[i]), c, n);
                    int component = i;
                    // no delta: JUnit then compares the bits (0.0 and -0.0 differ, NaN equals NaN)
                    assertEquals(d.value(), m.value(), () -> op + " at " + a + ", " + b);
                    assertEquals(d.tangent(), m.tangent(i), () -> op + " at " + a + ", " + b + ", tangent " + component);
                }
            }
        }
    }
}
