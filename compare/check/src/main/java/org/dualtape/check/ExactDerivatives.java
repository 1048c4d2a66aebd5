package org.dualtape.check;

import java.util.function.Function;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * Exact derivatives (forward-mode AD) of a generic function: the reference when the function is
 * written once for every number type. One implementation per AD engine; the checker uses
 * {@link #DEFAULT}.
 */
interface ExactDerivatives {
    /** The engine the checker uses. */
    ExactDerivatives DEFAULT = new ForwardDerivatives();

    /** A short name for reports, e.g. "forward-mode AD (Commons Math DerivativeStructure)". */
    String name();

    /** The Jacobian {@code [m][n]} at {@code x} (not modified). */
    double[][] jacobian(VectorFieldFunction f, double[] x);

    /** {@code J d} at {@code x} in one forward pass ({@code x}, {@code d} not modified). */
    double[] directional(VectorFieldFunction f, double[] x, double[] d);

    /** The plain double values, for kink probes and Taylor tests. */
    double[] values(VectorFieldFunction f, double[] x);

    /** A scalar generic function as a vector one of length 1. */
    static VectorFieldFunction asVector(ScalarFieldFunction f) {
        return new VectorFieldFunction() {
            @Override
            public <T extends RealFieldElement<T>> T[] value(T[] x) {
                T v = f.value(x);
                T[] out = MathArrays.buildArray(v.getField(), 1);
                out[0] = v;
                return out;
            }
        };
    }

    /** Calls {@code body}, reporting an exception of the user's function with the point. */
    static <R> R guarded(String what, double[] x, Function<double[], R> body) {
        try {
            return body.apply(x);
        } catch (FunctionFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FunctionFailedException(what, x, e);
        }
    }
}
