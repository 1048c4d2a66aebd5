package org.dualtape.compare.complex;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Derivatives by the complex step: {@code f'(x) ≈ Im f(x + ih) / h}, exact to working precision
 * for a real-analytic {@code f} written generically over {@link ComplexNumber}, because no
 * difference of nearby values is ever taken.
 *
 * <h2>Cost</h2>
 * One complex evaluation of {@code f} per input: a gradient of {@code n} inputs costs {@code n}
 * passes (like forward mode with one tangent), each a few times a {@code double} evaluation.
 *
 * <h2>Accuracy and the step</h2>
 * The error of the method is {@code O(h²)} relative, so any {@code h} below about
 * {@code 1e-8 · |x|} leaves only rounding; {@link #DEFAULT_STEP} {@code = 1e-200} is far below
 * that and still far above the smallest normal {@code double} ({@code 2.2e-308}): derivatives
 * down to about {@code 1e-100} in size keep full precision (the imaginary parts
 * {@code h · ∂/∂x} stay normal), products of two imaginary parts underflow to 0, and the real
 * part of every pass equals the {@code double} value of {@code f}. Functions that are not
 * analytic (abs, max, relu, comparisons) are differentiated by their branch at the real part, as
 * {@link ComplexNumber} documents.
 */
public final class ComplexStep {
    /** The default imaginary step. */
    public static final double DEFAULT_STEP = 1e-200;

    private ComplexStep() {
    }

    /**
     * The derivative of a function of one variable, with the default step.
     *
     * @param f the function, written over complex numbers
     * @param x the point
     * @return {@code f'(x)}
     */
    public static double derivative(UnaryOperator<ComplexNumber> f, double x) {
        return derivative(f, x, DEFAULT_STEP);
    }

    /**
     * The derivative of a function of one variable.
     *
     * @param f the function, written over complex numbers
     * @param x the point
     * @param h the imaginary step, positive and finite
     * @return {@code Im f(x + ih) / h}
     * @throws IllegalArgumentException if {@code h} is not positive and finite
     */
    public static double derivative(UnaryOperator<ComplexNumber> f, double x, double h) {
        checkStep(h);
        return f.apply(ComplexNumber.of(x, h)).im() / h;
    }

    /**
     * The gradient of a scalar function, one pass per input, with the default step.
     *
     * @param f the function, written over complex numbers
     * @param x the point (not modified)
     * @return a fresh array with {@code ∂f/∂x_k} at position {@code k}
     */
    public static double[] gradient(Function<ComplexNumber[], ComplexNumber> f, double[] x) {
        return gradient(f, x, DEFAULT_STEP);
    }

    /**
     * The gradient of a scalar function, one pass per input.
     *
     * @param f the function, written over complex numbers; it must not keep or modify its
     *     argument array, which is reused between passes
     * @param x the point (not modified)
     * @param h the imaginary step, positive and finite
     * @return a fresh array with {@code Im f(x + ih e_k) / h} at position {@code k}
     * @throws IllegalArgumentException if {@code h} is not positive and finite
     */
    public static double[] gradient(Function<ComplexNumber[], ComplexNumber> f, double[] x, double h) {
        Objects.requireNonNull(x, "x");
        return passes(f, x, h, null);
    }

    /**
     * Some components of the gradient: one pass for each chosen input only, the others staying
     * real, for timing part of the passes or checking a sample of coordinates.
     *
     * @param f the function, written over complex numbers; it must not keep or modify its
     *     argument array, which is reused between passes
     * @param x the point (not modified)
     * @param h the imaginary step, positive and finite
     * @param coordinates the inputs to differentiate by, each in {@code [0, x.length)}, in any
     *     order (not modified)
     * @return a fresh array with {@code Im f(x + ih e_c) / h} at position {@code j} for
     *     {@code c = coordinates[j]}
     * @throws IllegalArgumentException if {@code h} is not positive and finite, or a coordinate
     *     is outside {@code [0, x.length)}
     */
    public static double[] gradient(Function<ComplexNumber[], ComplexNumber> f, double[] x, double h,
                                    int[] coordinates) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(coordinates, "coordinates");
        for (int j = 0; j < coordinates.length; j++) {
            if (coordinates[j] < 0 || coordinates[j] >= x.length) {
                throw new IllegalArgumentException("coordinates[" + j + "] = " + coordinates[j]
                        + " is not an input: x has length " + x.length);
            }
        }
        return passes(f, x, h, coordinates.clone());
    }

    /** One pass per coordinate (every input in order if null), on one reused argument array. */
    private static double[] passes(Function<ComplexNumber[], ComplexNumber> f, double[] x, double h,
                                   int[] coordinates) {
        Objects.requireNonNull(f, "f");
        checkStep(h);
        ComplexNumber[] z = new ComplexNumber[x.length];
        for (int k = 0; k < x.length; k++) {
            z[k] = ComplexNumber.real(x[k]);
        }
        int m = coordinates == null ? x.length : coordinates.length;
        double[] g = new double[m];
        for (int j = 0; j < m; j++) {
            int k = coordinates == null ? j : coordinates[j];
            z[k] = ComplexNumber.of(x[k], h);
            g[j] = f.apply(z).im() / h;
            z[k] = ComplexNumber.real(x[k]);
        }
        return g;
    }

    private static void checkStep(double h) {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("the step h must be positive and finite, got " + h);
        }
    }
}
