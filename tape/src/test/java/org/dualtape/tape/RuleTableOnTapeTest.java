package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.dualtape.dual.Elementary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rule table on a one-entry tape: the adjoint and the tangent are exactly the rule's {@code df}. */
class RuleTableOnTapeTest {
    /** Points per function. */
    private static final int POINTS = 40;
    /** A constant seed, so a failure names a reproducible point. */
    private static final long SEED = 7L;
    /** Where the domain is unbounded, sample this far from zero. */
    private static final double REACH = 4;

    @ParameterizedTest
    @EnumSource(Elementary.class)
    void adjointAndTangentEqualTheRuleExactly(Elementary e) {
        Random random = new Random(SEED);
        double low = Math.max(e.low(), -REACH);
        double high = Math.min(e.high(), REACH);
        for (int n = 0; n < POINTS; n++) {
            double x = low + (high - low) * random.nextDouble();
            Tape tape = new Tape();
            Var v = tape.variable(x);
            Var y = v.apply(e);
            assertEquals(2, tape.entries());
            tape.reverse(y);
            tape.forward(new Var[] {v}, new double[] {1});
            double fx = e.f(x);
            double df = e.df(x, fx);
            String at = e + " at " + x;
            VarVersusDerivativeStructureTest.assertBitwise(fx, y.value(), at + " (value)");
            VarVersusDerivativeStructureTest.assertBitwise(df, v.adjoint(), at + " (adjoint)");
            VarVersusDerivativeStructureTest.assertBitwise(df, y.tangent(), at + " (tangent)");
        }
    }
}
