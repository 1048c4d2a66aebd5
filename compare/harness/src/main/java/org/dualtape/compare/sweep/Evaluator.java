package org.dualtape.compare.sweep;

/**
 * One gradient method prepared for one {@link SweepProblem} ({@link Method#prepare}): the
 * gradient of the loss, or some of its components, by the library call a user would make.
 *
 * <p>Methods that need one pass per coordinate (forward mode, numerical differences) compute only
 * the coordinates asked for, by the same passes as a whole gradient, so the sweep can time part
 * of a gradient and extrapolate. Methods that produce the whole gradient at once (reverse mode,
 * hand-written backpropagation) compute it and copy out the coordinates asked for.
 */
public interface Evaluator {

    /**
     * Computes some components of the gradient of the loss.
     *
     * @param w parameters; not modified (methods that perturb it restore it before returning)
     * @param coordinates the parameters to differentiate by, distinct, each in [0, parameter
     *     count); not modified
     * @param out receives {@code out[j] = ∂L/∂w[coordinates[j]]}, length at least
     *     {@code coordinates.length}; modified
     */
    void gradient(double[] w, int[] coordinates, double[] out);

    /**
     * Computes the full gradient of the loss.
     *
     * @param w parameters; not modified
     * @param gradient receives the gradient, length parameter count; modified
     */
    void gradient(double[] w, double[] gradient);

    /**
     * Returns the number of entries on the tape after the last gradient, or -1 if there is no
     * tape.
     *
     * @return tape entries, or -1
     */
    default long tapeEntries() {
        return -1;
    }

    /**
     * Returns the bytes held by the tape's arrays after the last gradient, or -1 if there is no
     * tape.
     *
     * @return tape bytes, or -1
     */
    default long tapeBytes() {
        return -1;
    }
}
