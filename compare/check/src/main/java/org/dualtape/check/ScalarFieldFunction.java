package org.dualtape.check;

import org.apache.commons.math3.RealFieldElement;

/**
 * A scalar function written once for every number type, {@code <T extends RealFieldElement<T>> T
 * value(T[] x)}, so the checker can differentiate it exactly.
 *
 * <p>A lambda cannot implement a generic method; a method reference to a generic static method
 * can: {@code ScalarFieldFunction f = MyFunctions::rosenbrock} where
 * {@code static <T extends RealFieldElement<T>> T rosenbrock(T[] x)}. The same reference also fits
 * {@code org.dualtape.dual.Forward} and {@code org.dualtape.tape.Reverse}.
 */
@FunctionalInterface
public interface ScalarFieldFunction {
    /**
     * Evaluates the function.
     *
     * @param <T> the number type
     * @param x the point, not modified
     * @return the value
     */
    <T extends RealFieldElement<T>> T value(T[] x);
}
