package org.dualtape.dual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Elementary#df(org.apache.commons.math3.RealFieldElement, org.apache.commons.math3.RealFieldElement)},
 * the rule in a field's arithmetic, is the table's {@code df} bitwise on {@code Decimal64} (plain
 * {@code double} arithmetic), for every row at points inside its domain and at NaN: so code written
 * once for every number type cannot drift from the table (relu' at NaN is NaN in both).
 */
class ElementaryFieldDerivativeTest {
    private static final double[] POINTS = {-3.5, -1.25, -0.5, -1e-3, 0, 1e-3, 0.5, 0.75, 1.25, 3.5, 20};

    @ParameterizedTest
    @EnumSource(Elementary.class)
    void theFieldRuleIsTheTableRule(Elementary e) {
        for (double x : POINTS) {
            if (!(x > e.low() && x < e.high())) {
                continue;
            }
            double y = e.f(x);
            assertEquals(e.df(x, y), e.df(new Decimal64(x), new Decimal64(y)).doubleValue(), 0, e + " at " + x);
        }
        double nan = Double.NaN;
        assertEquals(e.df(nan, e.f(nan)), e.df(new Decimal64(nan), new Decimal64(e.f(nan))).doubleValue(), 0,
            e + " at NaN");
    }
}
