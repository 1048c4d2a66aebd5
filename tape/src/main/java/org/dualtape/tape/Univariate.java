package org.dualtape.tape;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.dualtape.dual.Dual;
import org.dualtape.dual.Forward;

/**
 * A function of one variable as Commons Math's {@link UnivariateDifferentiableFunction}: orders
 * 0 and 1 by one evaluation on a {@link Dual}, higher orders on the {@link DerivativeStructure}
 * itself when the function is generic.
 */
final class Univariate implements UnivariateDifferentiableFunction {

    private final UnaryOperator<Dual> onDual;
    /** The generic function, or null when only the {@code Dual} form was given. */
    private final CommonsMath.GenericUnivariateFunction generic;

    Univariate(UnaryOperator<Dual> onDual, CommonsMath.GenericUnivariateFunction generic) {
        this.onDual = onDual;
        this.generic = generic;
    }

    @Override
    public double value(double x) {
        Dual y = onDual.apply(Dual.constant(x));
        return Objects.requireNonNull(y, "f returned null; it must return a Dual").value();
    }

    @Override
    public DerivativeStructure value(DerivativeStructure t) {
        Objects.requireNonNull(t, "t");
        int order = t.getOrder();
        if (order <= 1) {
            Dual y = Forward.valueAndDerivative(onDual, t.getValue());
            return order == 0 ? t.compose(y.value()) : t.compose(y.value(), y.tangent());
        }
        if (generic == null) {
            throw new IllegalArgumentException("this function, written on Dual, gives derivatives up to order 1, but"
                + " the DerivativeStructure asks for order " + order + ": write it generically and adapt it with"
                + " CommonsMath.univariate for every order");
        }
        return generic.value(t);
    }
}
