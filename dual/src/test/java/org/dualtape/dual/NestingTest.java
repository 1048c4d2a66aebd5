package org.dualtape.dual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Perturbation confusion: {@link Forward} called inside a function being differentiated gives
 * the right answer when the inner function does not use the outer argument, and otherwise throws
 * {@link IllegalStateException}; it never returns a silently wrong number.
 */
class NestingTest {

    @Test
    void theClassicCaseThrowsInsteadOfAnsweringWrongly() {
        // d/dx [x · d/dy (x + y) at y = 1] at x = 1. The answer is 1, but the inner derivative comes
        // back as a double, which cannot carry its dependence on x (here none, for d/dy (x·y) it
        // would be x): the inner call mixes its y with the captured outer x, and that is refused.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Forward.derivative(x -> x.multiply(Forward.derivative(y -> x.add(y), 1)), 1));
        assertTrue(e.getMessage().contains("Perturbation confusion"), e.getMessage());
        assertTrue(e.getMessage().contains("Forward"), e.getMessage());
    }

    @Test
    void theCaseThatWouldBeWrongThrowsToo() {
        // d/dx [x · d/dy (x·y)] = d/dx x² = 2x; dropping the inner dependence on x would give x.
        assertThrows(IllegalStateException.class,
                () -> Forward.derivative(x -> x.multiply(Forward.derivative(y -> x.multiply(y), 1)), 3));
    }

    @Test
    void anInnerFunctionReturningTheOuterArgumentIsCaught() {
        // y -> x: no operation mixes the two calls, but the inner call must not read x's tangent
        // (a derivative with respect to the outer x) as d/dy.
        assertThrows(IllegalStateException.class,
                () -> Forward.derivative(x -> x.multiply(Forward.derivative(y -> x, 1)), 1));
        assertThrows(IllegalStateException.class,
                () -> Forward.gradient(x -> x[0].multiply(Forward.gradient(y -> x[0], new double[] {1})[0]), new double[] {1}));
    }

    @Test
    void mixingVectorCallsIsCaught() {
        double[] point = {1, 2};
        Function<MultiDual[], MultiDual> outer = x -> x[0].multiply(
                Forward.gradient(y -> y[0].multiply(x[1]), point, 2)[0]);
        assertThrows(IllegalStateException.class, () -> Forward.gradient(outer, point, 2));
        Function<Dual[], Dual> outerJvp = x -> x[0].multiply(
                Forward.directionalDerivative(y -> y[0].add(x[1]), point, new double[] {1, 0}));
        assertThrows(IllegalStateException.class, () -> Forward.directionalDerivative(outerJvp, point, new double[] {1, 1}));
    }

    @Test
    void numbersKeptFromAnEarlierPassAreCaught() {
        // Each pass seeds a fresh tag: a function that caches a number across passes cannot
        // return the previous chunk's tangents as this chunk's.
        MultiDual[] cache = new MultiDual[1];
        Function<MultiDual[], MultiDual> caching = x -> {
            if (cache[0] == null) {
                cache[0] = x[0].multiply(x[1]).add(x[2]);
            }
            return cache[0];
        };
        assertThrows(IllegalStateException.class, () -> Forward.gradient(caching, new double[] {1, 2, 3}, 1));
    }

    @Test
    void independentNestedCallsGiveTheRightAnswer() {
        // d/dx [x · d/dy y³ at y = 2] = 12 at any x.
        assertEquals(12, Forward.derivative(x -> x.multiply(Forward.derivative(y -> y.pow(3), 2)), 5), 0.0);
        // ∇ of Σ x_i·g_i, g = ∇rosenbrock at a fixed point, is g itself.
        double[] fixed = {0.1, 0.2, 0.3};
        double[] g = Forward.gradient(Functions::rosenbrock, fixed);
        Function<MultiDual[], MultiDual> outer = x -> x[0].linearCombination(Forward.gradient(Functions::rosenbrock, fixed), x);
        assertArrayEquals(g, Forward.gradient(outer, new double[] {7, 8, 9}, 2), 0.0);
        // Nesting two levels deep, with the outer argument only used outside the inner calls.
        double twoLevels = Forward.derivative(x -> x.sin().multiply(
                Forward.derivative(y -> y.multiply(Forward.derivative(z -> z.square(), 3)), 1)), 0.0);
        assertEquals(6, twoLevels, 0.0);
    }

    @Test
    void anEscapedNumberIsCaughtInALaterCall() {
        Dual[] escaped = new Dual[1];
        Forward.derivative(x -> escaped[0] = x.square(), 2);
        assertThrows(IllegalStateException.class, () -> Forward.derivative(x -> x.add(escaped[0]), 1));
    }
}
