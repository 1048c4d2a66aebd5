package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The lecture notes' worked examples of reverse mode, checked against values computed by hand. */
class LectureExamplesTest {
    /** Hand-checked values are small integers or simple fractions: a few ulps cover rounding. */
    private static final double ULPS = 1e-14;

    @Test
    void sumTimesSquareHasTheLectureGradient() {
        // L = (a + 3b) c² at (2, 3, 4): ∂L/∂a = c² = 16, ∂L/∂b = 3c² = 48, ∂L/∂c = 2c(a + 3b) = 88
        double[] g = Reverse.gradient(x -> x[0].add(x[1].multiply(3)).multiply(x[2].multiply(x[2])),
            new double[] {2, 3, 4});
        assertArrayEquals(new double[] {16, 48, 88}, g, 0);
    }

    @Test
    void aValueUsedTwiceAddsItsAdjoints() {
        // a = x², b = 5a, c = log a, L = -(b c): dL/da = -(5 log a + 5a / a) = -5 (log a + 1), dL/dx = 2x dL/da
        Tape tape = new Tape();
        Var x = tape.variable(1.5);
        Var a = x.multiply(x);
        Var b = a.multiply(5);
        Var c = a.log();
        Var l = b.multiply(c).negate();
        tape.reverse(l);
        double av = 2.25;
        assertEquals(-5 * (Math.log(av) + 1), a.adjoint(), ULPS);
        assertEquals(2 * 1.5 * -5 * (Math.log(av) + 1), x.adjoint(), ULPS);
        assertEquals(-Math.log(av), b.adjoint(), ULPS);
        assertEquals(-5 * av, c.adjoint(), ULPS);
        assertEquals(1, l.adjoint(), 0);
    }

    @Test
    void rosenbrockHasTheKnownGradient() {
        // Σ 100 (x_{i+1} - x_i²)² + (1 - x_i)² at (0.1, 0.2, 0.3): gradient (-9.4, 15.6, 52.0)
        double[] g = Reverse.gradient(x -> {
            Var s = x[0].getField().getZero();
            for (int i = 0; i + 1 < x.length; i++) {
                Var d = x[i + 1].subtract(x[i].multiply(x[i]));
                Var e = x[i].negate().add(1);
                s = s.add(d.multiply(d).multiply(100)).add(e.multiply(e));
            }
            return s;
        }, new double[] {0.1, 0.2, 0.3});
        assertArrayEquals(new double[] {-9.4, 15.6, 52.0}, g, 1e-12);
    }
}
