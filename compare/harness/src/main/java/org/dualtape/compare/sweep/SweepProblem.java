package org.dualtape.compare.sweep;

import org.apache.commons.math3.RealFieldElement;

/**
 * One loss, in every form the sweep's gradient methods need, at one network size.
 *
 * <p>The loss is a function of one flat parameter vector. It exists as plain {@code double} code
 * (the baseline of ω and the function numerical differences evaluate), as one generic method that
 * runs on every {@link RealFieldElement} (the forward modes, the scalar tape, Commons Math's
 * types), and with a hand-written gradient. A high-precision reference gives the partials that
 * every method's error is measured against.
 *
 * <p>Implementations must be safe to call repeatedly; methods never modify the parameter arrays
 * passed in unless they say so.
 */
public interface SweepProblem {

    /**
     * Returns the number of parameters, the length of every parameter vector.
     *
     * @return the parameter count, at least 1
     */
    int parameterCount();

    /**
     * Returns the point at which gradients are taken, as a fresh copy.
     *
     * @return the parameters (a new array the caller may modify)
     */
    double[] initialParameters();

    /**
     * Evaluates the loss in plain {@code double} arithmetic.
     *
     * @param w parameters, length {@link #parameterCount()}; not modified
     * @return the loss value
     */
    double loss(double[] w);

    /**
     * Evaluates the loss on any real field element type.
     *
     * @param <T> the number type
     * @param w parameters, length {@link #parameterCount()}; not modified
     * @return the loss
     */
    <T extends RealFieldElement<T>> T loss(T[] w);

    /**
     * Evaluates the loss and its gradient by hand-written code (backpropagation for an MLP).
     *
     * @param w parameters, length {@link #parameterCount()}; not modified
     * @param gradient receives the gradient, length {@link #parameterCount()}; modified
     * @return the loss value
     */
    double lossAndGradient(double[] w, double[] gradient);

    /**
     * Returns the reference partials of the loss at {@code w}, far more accurate than 1e-16
     * relative.
     *
     * @param w parameters, length {@link #parameterCount()}; not modified
     * @param coordinates indices of the partials wanted, each in [0, parameterCount()); not
     *     modified
     * @return the partials, {@code result[j] = ∂L/∂w[coordinates[j]]}
     */
    double[] referencePartials(double[] w, int[] coordinates);

    /**
     * Returns the loss's gradient by a tape of vector nodes ({@code reverse-vector-tape}), for
     * problems that have such a form.
     *
     * @return the evaluator
     * @throws UnsupportedOperationException if the problem has no vector-tape form (the default)
     */
    default Evaluator vectorTape() {
        throw new UnsupportedOperationException("this loss has no vector-tape form");
    }

    /**
     * Returns a seeded sample of coordinates for checking accuracy on a large problem. The
     * default is {@link Coordinates#sample}: one coordinate from each of {@code count} equal
     * strata of the parameter vector; an MLP overrides it to take an equal share from every layer.
     *
     * @param count how many, in [1, parameterCount()]
     * @param seed the random seed
     * @return distinct increasing coordinates
     */
    default int[] sampleCoordinates(int count, long seed) {
        return Coordinates.sample(parameterCount(), count, seed);
    }

    /**
     * Says in a few words how {@link #referencePartials} computes its values, for the report.
     *
     * @return a short description, such as "generic loss in Dfp (40 digits), reverse mode"
     */
    String referenceDescription();
}
