package org.dualtape.check;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the user claims about the derivative at the point: a Jacobian (values, or a function giving
 * them; a gradient is a Jacobian with one row), or a JVP {@code (x, v) -> J v} and/or a VJP
 * {@code (x, u) -> uᵀ J}. Exactly one of the Jacobian forms, or at least one of jvp and vjp.
 */
record Claim(double[][] jacobian, Function<double[], double[][]> jacobianFunction,
        BiFunction<double[], double[], double[]> jvp, BiFunction<double[], double[], double[]> vjp) {

    boolean isJacobian() {
        return jacobian != null || jacobianFunction != null;
    }
}
