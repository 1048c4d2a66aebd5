package org.dualtape.compare.mlp;

import static org.dualtape.compare.mlp.GradientTest.assertBitwise;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.dualtape.compare.complex.ComplexNumber;
import org.dualtape.compare.complex.ComplexStep;
import org.dualtape.dual.Dual;
import org.dualtape.dual.Elementary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The generic activations and softplus: the composed path and the number types' own methods. */
class ActivationTest {
    /** Edge and ordinary points: signed zeros, tiny, ordinary, saturating, overflowing, NaN. */
    private static final double[] POINTS = {0.0, -0.0, 1e-300, -1e-300, 0.3, -0.7, 2.5, -4, 40, -40, 800, -800, Double.NaN};
    /**
     * The derivative of the composition against the rule table's: the table's {@code y(1 − y)}
     * and {@code (1 − y)(1 + y)} lose up to ~1e-14 relative to cancellation where the activation
     * saturates (and round to 0 beyond |x| ≈ 37), so relative 1e-13 plus absolute 1e-16 (these
     * derivatives are at most 1).
     */
    private static final double DERIVATIVE_TOLERANCE = 1e-13;
    private static final double DERIVATIVE_FLOOR = 1e-16;

    @ParameterizedTest
    @EnumSource(Activation.class)
    void composedValuesAreTheDoubleValuesBitwise(Activation f) {
        // ComplexNumber has no own sigmoid/relu: it takes the composition of field operations,
        // and its real part computes exactly as Math does
        for (double x : POINTS) {
            assertBitwise(f.apply(x), f.apply(ComplexNumber.real(x)).re());
            assertBitwise(f.apply(x), f.apply(ComplexNumber.of(x, ComplexStep.DEFAULT_STEP)).re());
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void composedDerivativesAreTheRuleTable(Activation f) {
        for (double x : POINTS) {
            if (Double.isNaN(x) || x == 0) {
                continue; // relu'(0) is a convention, checked below
            }
            double expected = f.derivative(x, f.apply(x));
            double actual = ComplexStep.derivative(f::apply, x);
            assertEquals(expected, actual, DERIVATIVE_TOLERANCE * Math.abs(expected) + DERIVATIVE_FLOOR, "at " + x);
        }
        if (f == Activation.RELU) {
            assertEquals(0.0, ComplexStep.derivative(f::apply, 0.0));
            assertEquals(0.0, new DerivativeStructure(1, 1, 0, 0.0).getField().getZero().getPartialDerivative(1));
            assertEquals(0.0, Activation.relu(new DerivativeStructure(1, 1, 0, 0.0)).getPartialDerivative(1));
            assertBitwise(0.0, Activation.relu(new DerivativeStructure(1, 1, 0, -0.0)).getValue());
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void ownMethodsOfTheProjectsTypesAreTheRuleTable(Activation f) {
        for (double x : POINTS) {
            Dual y = f.apply(Dual.variable(x));
            assertBitwise(f.apply(x), y.value());
            if (!Double.isNaN(x)) {
                assertBitwise(f.derivative(x, f.apply(x)), y.tangent());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void softplusComposedAndOwnAreTheRuleTable() {
        for (double x : POINTS) {
            double expected = Elementary.softplus(x);
            assertBitwise(expected, Activation.softplus(ComplexNumber.real(x)).re());
            assertBitwise(expected, Activation.softplus(Dual.variable(x)).value());
            if (!Double.isNaN(x)) {
                assertEquals(Elementary.sigmoid(x), ComplexStep.derivative(Activation::softplus, x),
                        DERIVATIVE_TOLERANCE * Elementary.sigmoid(x) + DERIVATIVE_FLOOR, "at " + x);
            }
        }
    }
}
