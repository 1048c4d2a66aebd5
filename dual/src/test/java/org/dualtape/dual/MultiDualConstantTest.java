package org.dualtape.dual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The constant shortcut of {@link MultiDual} (all tangents one shared zero, computed once) changes
 * no bit: every operation on constants, and on a constant together with a number carrying
 * tangents, gives bitwise what the tangent loops give for the same numbers built with
 * {@link MultiDual#of}, which never takes the shortcut.
 */
class MultiDualConstantTest {

    /** Fixed so that a failure reproduces; any seed works. */
    private static final long SEED = 0xC0457L;
    private static final int WIDTH = 4;
    /** Points where zero signs, NaN and infinite partials decide the tangent's bits. */
    private static final double[] POINTS = {0.0, -0.0, 1, -1, 0.5, -2, 3, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    /** Tangents of a number that is not a constant, both zeros included. */
    private static final double[] TANGENTS = {1, -0.0, 0.0, -2.5};

    /** How an operand is built. */
    enum Kind {
        POSITIVE_ZEROS, NEGATIVE_ZEROS, TANGENTS;

        /** The operand as operations see it in a chunked pass (constants take the shortcut). */
        MultiDual shortcut(double value) {
            switch (this) {
                case POSITIVE_ZEROS:
                    return MultiDual.constant(value, WIDTH);
                case NEGATIVE_ZEROS:
                    return MultiDual.constant(-value, WIDTH).negate(); // -(+0.0) = -0.0
                default:
                    return MultiDual.of(value, MultiDualConstantTest.TANGENTS);
            }
        }

        /** The same bits, built so that every operation runs its tangent loop. */
        MultiDual loops(MultiDual shortcut) {
            return MultiDual.of(shortcut.value(), shortcut.tangents());
        }
    }

    @Test
    void constantsAreRecognised() {
        assertTrue(Kind.POSITIVE_ZEROS.shortcut(2).isConstant());
        assertTrue(Kind.NEGATIVE_ZEROS.shortcut(2).isConstant());
        assertEquals(-0.0, Kind.NEGATIVE_ZEROS.shortcut(2).tangent(3), 0.0);
        assertTrue(Double.doubleToRawLongBits(Kind.NEGATIVE_ZEROS.shortcut(2).tangent(3)) < 0);
        assertFalse(Kind.NEGATIVE_ZEROS.loops(Kind.NEGATIVE_ZEROS.shortcut(2)).isConstant());
        assertTrue(MultiDualField.of(WIDTH).getOne().isConstant());
        // width 0 has no tangent to compute once: no shortcut
        assertFalse(MultiDual.constant(1, 0).isConstant());
    }

    @Test
    void operationsOnConstantsShareTheZerosOfTheirWidth() {
        MultiDual a = MultiDual.constant(-2, WIDTH);
        MultiDual b = MultiDual.constant(3, WIDTH);
        MultiDual product = a.multiply(b).sin().add(b); // tangents -0.0, +0.0, +0.0
        assertTrue(product.isConstant());
        assertSame(a.tangentsNoCopy(), product.tangentsNoCopy());
        MultiDual negated = a.negate();
        assertSame(MultiDualField.of(WIDTH).zeros(-0.0), negated.tangentsNoCopy());
    }

    @Test
    void addingAnInertZeroSharesTheTangents() {
        MultiDual x = MultiDual.variable(2, 1, WIDTH);
        MultiDual minusZeros = Kind.NEGATIVE_ZEROS.shortcut(5);
        assertSame(x.tangentsNoCopy(), x.add(minusZeros).tangentsNoCopy());
        assertSame(x.tangentsNoCopy(), minusZeros.add(x).tangentsNoCopy());
        assertSame(x.tangentsNoCopy(), x.subtract(MultiDual.constant(5, WIDTH)).tangentsNoCopy());
    }

    @Test
    void aConstantDividedByZeroHasNaNTangents() {
        MultiDual q = MultiDual.constant(1, WIDTH).divide(MultiDual.constant(0, WIDTH));
        assertFalse(q.isConstant());
        for (int i = 0; i < WIDTH; i++) {
            assertEquals(Double.NaN, q.tangent(i));
        }
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void shortcutsGiveBitwiseTheLoopsTangents(Op op) {
        Random random = new Random(SEED + op.ordinal());
        for (Kind ka : Kind.values()) {
            for (Kind kb : Kind.values()) {
                for (double a : POINTS) {
                    for (double b : POINTS) {
                        double c = 6 * random.nextDouble() - 3;
                        int n = random.nextInt(9) - 4;
                        MultiDual x = ka.shortcut(a);
                        MultiDual y = kb.shortcut(b);
                        MultiDual fast = op.on(x, y, c, n);
                        MultiDual slow = op.on(ka.loops(x), kb.loops(y), c, n);
                        // no delta: JUnit then compares the bits (0.0 and -0.0 differ, NaN equals NaN)
                        String where = op + " on " + ka + " " + a + ", " + kb + " " + b + ": ";
                        assertEquals(slow.value(), fast.value(), () -> where + "value");
                        for (int i = 0; i < WIDTH; i++) {
                            int component = i;
                            assertEquals(slow.tangent(i), fast.tangent(i),
                                    () -> where + "tangent " + component + " " + Arrays.toString(fast.tangents()));
                        }
                    }
                }
            }
        }
    }
}
