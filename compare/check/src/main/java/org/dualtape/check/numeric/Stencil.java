package org.dualtape.check.numeric;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A finite-difference formula for one partial derivative: forward difference, central difference,
 * or Richardson extrapolation of two central differences.
 *
 * <h2>Formulas</h2>
 * With {@code e_i} the i-th unit vector and {@code h} the step:
 * <ul>
 *   <li>{@link #FORWARD}: {@code (f(x + h e_i) - f(x)) / h}, error {@code O(h)}, 1 extra evaluation;</li>
 *   <li>{@link #CENTRAL}: {@code D(h) = (f(x + h e_i) - f(x - h e_i)) / 2h}, error {@code O(h²)},
 *       2 evaluations;</li>
 *   <li>{@link #RICHARDSON}: {@code (4 D(h/2) - D(h)) / 3}, which cancels the {@code h²} term of the
 *       central difference: error {@code O(h⁴)}, 4 evaluations (at {@code x ± h}, {@code x ± h/2}).
 *       It is the 5-point stencil {@code (f(-h) - 8 f(-h/2) + 8 f(h/2) - f(h)) / 6h} with the
 *       unused centre weight 0.</li>
 * </ul>
 * The step actually taken is the representable one, {@code (x + h) - x}, not {@code h}: this
 * removes the rounding of the step itself from the error (a standard trick; Numerical Recipes
 * §5.7). The Richardson weights use those actual steps, so the extrapolation stays exact when
 * {@code x ± h/2} rounds differently from {@code x ± h}.
 *
 * <h2>Step rule and accuracy</h2>
 * {@link #defaultStep(double)} is {@code c · max(1, |x|)} with {@code c} from
 * {@link #relativeStep()}, chosen to balance truncation against rounding for a function whose
 * derivatives are of the order of its value:
 * <table>
 *   <caption>step constants and measured errors at the default step</caption>
 *   <tr><th>stencil</th><th>c</th><th>truncation</th><th>exp</th><th>sin</th><th>log</th><th>atan</th><th>1/(1+x²)</th></tr>
 *   <tr><td>FORWARD</td><td>√ε ≈ 1.5e-8</td><td>h f''/2</td><td>2.5e-8</td><td>1.9e-8</td><td>1.1e-8</td><td>1.5e-8</td><td>2.6e-8</td></tr>
 *   <tr><td>CENTRAL</td><td>∛ε ≈ 6.1e-6</td><td>h² f'''/6</td><td>5.5e-11</td><td>5.5e-11</td><td>1.8e-11</td><td>1.7e-11</td><td>4.8e-11</td></tr>
 *   <tr><td>RICHARDSON</td><td>ε^(1/5) ≈ 7.4e-4</td><td>h⁴ f⁽⁵⁾/480</td><td>3.1e-13</td><td>2.6e-13</td><td>1.7e-13</td><td>3.9e-13</td><td>4.7e-13</td></tr>
 * </table>
 * (ε = 2⁻⁵², so √ε ≈ 1.5e-8, ε^(2/3) ≈ 3.7e-11, ε^(4/5) ≈ 3.0e-13. Each entry is the worst of 200
 * points with seed 42 in [-3, 3] ([1, 6] for log) of {@code |error| / max(|f'|, |f|)}; see
 * {@code StencilTest#defaultStepsReachTheirAccuracy}. The rule scales with {@code |x|} only, so a
 * function that varies on a smaller scale does worse: {@code log} on [0.1, 6] gives 3.6e-10 for
 * CENTRAL and 1.3e-11 for RICHARDSON.) Error against step for {@code exp} at {@code x = 1}
 * (relative):
 * <table>
 *   <caption>error against step, exp at 1</caption>
 *   <tr><th>h</th><th>1e-1</th><th>1e-2</th><th>1e-3</th><th>1e-4</th><th>1e-5</th><th>1e-6</th><th>1e-8</th><th>1e-10</th><th>1e-12</th></tr>
 *   <tr><td>FORWARD</td><td>5.2e-2</td><td>5.0e-3</td><td>5.0e-4</td><td>5.0e-5</td><td>5.0e-6</td><td>5.0e-7</td><td>3.6e-9</td><td>4.9e-7</td><td>7.0e-5</td></tr>
 *   <tr><td>CENTRAL</td><td>1.7e-3</td><td>1.7e-5</td><td>1.7e-7</td><td>1.7e-9</td><td>2.1e-11</td><td>3.3e-11</td><td>1.9e-9</td><td>3.3e-7</td><td>4.4e-5</td></tr>
 *   <tr><td>RICHARDSON</td><td>2.1e-7</td><td>2.1e-11</td><td>1.9e-14</td><td>1.1e-12</td><td>1.3e-11</td><td>1.5e-12</td><td>5.5e-9</td><td>7.6e-7</td><td>1.4e-4</td></tr>
 * </table>
 * (halving h divides the truncation error by 2, 4 and 16: observed in {@code StencilTest}.)
 *
 * <h2>Evaluation</h2>
 * {@link #partial} perturbs {@code x[i]} in place and restores it bit-exactly before it returns,
 * also when {@code f} throws, so a gradient costs no array copies.
 *
 * <h2>Non-finite values</h2>
 * Function values are used as they come: a NaN or infinite value gives a NaN or infinite
 * partial, as plain double code would. A non-finite {@code x[i]} or step is rejected.
 */
public enum Stencil {
    /** Forward difference {@code (f(x + h) - f(x)) / h}: first order, one extra evaluation. */
    FORWARD(1, Math.sqrt(0x1p-52)) {
        @Override
        double difference(ToDoubleFunction<double[]> f, double[] x, int i, double h, double fx) {
            double xi = x[i];
            double up = xi + h;
            double fUp = at(f, x, i, up);
            return (fUp - fx) / (up - xi);
        }
    },
    /** Central difference {@code (f(x + h) - f(x - h)) / 2h}: second order, two evaluations. */
    CENTRAL(2, Math.cbrt(0x1p-52)) {
        @Override
        double difference(ToDoubleFunction<double[]> f, double[] x, int i, double h, double fx) {
            double xi = x[i];
            double up = xi + h;
            double down = xi - h;
            return (at(f, x, i, up) - at(f, x, i, down)) / (up - down);
        }
    },
    /**
     * Central differences at {@code h} and {@code h/2} extrapolated to step 0 (Richardson): fourth
     * order, four evaluations.
     */
    RICHARDSON(4, Math.pow(0x1p-52, 0.2)) {
        @Override
        double difference(ToDoubleFunction<double[]> f, double[] x, int i, double h, double fx) {
            double xi = x[i];
            double wide = (xi + h) - (xi - h);
            double narrow = (xi + h / 2) - (xi - h / 2);
            double dWide = (at(f, x, i, xi + h) - at(f, x, i, xi - h)) / wide;
            double dNarrow = (at(f, x, i, xi + h / 2) - at(f, x, i, xi - h / 2)) / narrow;
            // D(s) = f' + c s² + O(s⁴): eliminate c using the actual widths (ratio 2 up to rounding).
            double n2 = narrow * narrow;
            return dNarrow + (dNarrow - dWide) * (n2 / (wide * wide - n2));
        }
    };

    private final int evaluations;
    private final double relativeStep;

    Stencil(int evaluations, double relativeStep) {
        this.evaluations = evaluations;
        this.relativeStep = relativeStep;
    }

    /**
     * Returns the number of function evaluations per partial derivative, not counting {@code f(x)}
     * (which {@link #FORWARD} needs once per gradient).
     *
     * @return 1, 2 or 4
     */
    public int evaluations() {
        return evaluations;
    }

    /**
     * Returns the constant {@code c} of the default step rule {@code h = c · max(1, |x|)}:
     * {@code √ε}, {@code ∛ε} and {@code ε^(1/5)} for forward, central and Richardson.
     *
     * @return the relative step constant
     */
    public double relativeStep() {
        return relativeStep;
    }

    /**
     * Returns the default step at a coordinate: {@code relativeStep() · max(1, |x|)}, which
     * balances truncation against rounding (see the class table for measured errors).
     *
     * @param x the coordinate's value, finite
     * @return the step, positive
     * @throws IllegalArgumentException if {@code x} is not finite
     */
    public double defaultStep(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be finite, was " + x);
        }
        return relativeStep * Math.max(1.0, Math.abs(x));
    }

    /**
     * Approximates the partial derivative {@code ∂f/∂x_i} at {@code x} with absolute step {@code h}.
     *
     * @param f the function; it must not keep or modify its argument
     * @param x the point; {@code x[i]} is modified during the call and restored bit-exactly before
     *     it returns (also if {@code f} throws); other entries are not modified
     * @param i the coordinate, {@code 0 <= i < x.length}
     * @param h the absolute step, finite and positive, large enough that {@code x[i] ± h} (and
     *     {@code x[i] ± h/2} for Richardson) differ from {@code x[i]}
     * @param fx {@code f(x)}; used by {@link #FORWARD} only, ignored by the others
     * @return the finite-difference approximation
     * @throws NullPointerException if {@code f} or {@code x} is null
     * @throws IllegalArgumentException if {@code i} is out of range, {@code x[i]} is not finite, or
     *     {@code h} is not finite and positive or vanishes against {@code x[i]}
     */
    public double partial(ToDoubleFunction<double[]> f, double[] x, int i, double h, double fx) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(x, "x");
        if (i < 0 || i >= x.length) {
            throw new IllegalArgumentException("coordinate i=" + i + " out of range for x of length " + x.length);
        }
        double xi = x[i];
        if (!Double.isFinite(xi)) {
            throw new IllegalArgumentException("x[" + i + "] must be finite, was " + xi);
        }
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("step h must be finite and > 0, was " + h);
        }
        double smallest = this == RICHARDSON ? h / 2 : h;
        if (xi + smallest == xi || xi - smallest == xi) {
            throw new IllegalArgumentException("step " + smallest + " vanishes against x[" + i + "]=" + xi
                    + ": x + h == x; the step must exceed half of Math.ulp(x) = " + Math.ulp(xi) / 2);
        }
        return difference(f, x, i, h, fx);
    }

    /** The formula; arguments already checked. */
    abstract double difference(ToDoubleFunction<double[]> f, double[] x, int i, double h, double fx);

    /** Evaluates f with x[i] set to {@code xi}, restoring the old x[i] afterwards. */
    static double at(ToDoubleFunction<double[]> f, double[] x, int i, double xi) {
        double saved = x[i];
        x[i] = xi;
        try {
            return f.applyAsDouble(x);
        } finally {
            x[i] = saved;
        }
    }
}
