package org.dualtape.check;

import org.apache.commons.math3.RealFieldElement;

/**
 * A vector function written once for every number type, {@code <T extends RealFieldElement<T>>
 * T[] value(T[] x)}, so the checker can differentiate it exactly.
 *
 * <p>As for {@link ScalarFieldFunction}, implement it with a method reference to a generic static
 * method; build the result with {@code org.apache.commons.math3.util.MathArrays.buildArray(
 * x[0].getField(), m)}.
 */
@FunctionalInterface
public interface VectorFieldFunction {
    /**
     * Evaluates the function.
     *
     * @param <T> the number type
     * @param x the point, not modified
     * @return the values, a new array of the same length at every point
     */
    <T extends RealFieldElement<T>> T[] value(T[] x);
}
