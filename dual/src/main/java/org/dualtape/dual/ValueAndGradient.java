package org.dualtape.dual;

import java.util.Arrays;

/**
 * A function's value together with its gradient at one point, as
 * {@link Forward#valueAndGradient} returns them from one set of passes.
 *
 * <h2>Construction</h2>
 * {@link #of(double, double[])} (copies); package code wraps without copying.
 *
 * <p>Instances are immutable.
 */
public final class ValueAndGradient {

    private final double value;
    private final double[] gradient;

    private ValueAndGradient(double value, double[] gradient) {
        this.value = value;
        this.gradient = gradient;
    }

    /**
     * A value and a gradient.
     *
     * @param value the function's value
     * @param gradient the gradient, not modified (copied)
     * @return the pair
     */
    public static ValueAndGradient of(double value, double[] gradient) {
        return new ValueAndGradient(value, gradient.clone());
    }

    /** Wraps without copying: the caller never modifies {@code gradient} afterwards. */
    static ValueAndGradient wrap(double value, double[] gradient) {
        return new ValueAndGradient(value, gradient);
    }

    /**
     * The function's value, bitwise what plain {@code double} code computes.
     *
     * @return the value
     */
    public double value() {
        return value;
    }

    /**
     * The gradient.
     *
     * @return a copy of the gradient (modifying it does not change this result)
     */
    public double[] gradient() {
        return gradient.clone();
    }

    /** The gradient itself, for package code that hands it over and forgets it. */
    double[] gradientNoCopy() {
        return gradient;
    }

    /**
     * One component of the gradient: the derivative with respect to input {@code i}.
     *
     * @param i the input's index
     * @return ∂f/∂x_i
     * @throws IndexOutOfBoundsException if i is outside [0, n)
     */
    public double gradient(int i) {
        return gradient[i];
    }

    /**
     * The number of inputs.
     *
     * @return the gradient's length
     */
    public int size() {
        return gradient.length;
    }

    /**
     * Equal when value and gradient are equal as by {@link Double#equals}.
     *
     * @param o the object to compare with
     * @return whether {@code o} holds the same value and gradient
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ValueAndGradient
                && Double.doubleToLongBits(value) == Double.doubleToLongBits(((ValueAndGradient) o).value)
                && Arrays.equals(gradient, ((ValueAndGradient) o).gradient);
    }

    /** {@inheritDoc} Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return 31 * Double.hashCode(value) + Arrays.hashCode(gradient);
    }

    /**
     * The value and gradient, e.g. {@code ValueAndGradient[value=1.0, gradient=[2.0, 3.0]]}.
     *
     * @return a description for debugging
     */
    @Override
    public String toString() {
        return "ValueAndGradient[value=" + value + ", gradient=" + Arrays.toString(gradient) + "]";
    }
}
