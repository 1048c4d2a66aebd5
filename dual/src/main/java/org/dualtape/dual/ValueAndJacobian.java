package org.dualtape.dual;

/**
 * A vector function's values together with its Jacobian at one point, both from one evaluation:
 * what {@code Forward.valueAndJacobian} and {@code Reverse.valueAndJacobian} return.
 *
 * <p>The arrays belong to the caller: the methods that return a {@code ValueAndJacobian} keep no
 * reference to them, and the record neither copies nor checks them.
 *
 * @param values the outputs f(x), of length m, each bitwise what plain {@code double} code computes
 * @param jacobian J(x) as {@code [m][n]}: row i is the gradient of output i
 */
public record ValueAndJacobian(double[] values, double[][] jacobian) {
}
