package org.dualtape.tape;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.analysis.MultivariateMatrixFunction;
import org.apache.commons.math3.analysis.MultivariateVectorFunction;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.dualtape.dual.Dual;
import org.dualtape.dual.Forward;
import org.dualtape.dual.ValueAndJacobian;

/**
 * Adapters from functions written once over Commons Math's {@link RealFieldElement}, and from a
 * recorded {@link Replay}, to the function interfaces of Commons Math 3.6.1's optimizers, fitters
 * and solvers: {@link MultivariateJacobianFunction} (least squares: values and Jacobian from one
 * evaluation), {@link MultivariateVectorFunction} (a gradient), {@link MultivariateMatrixFunction}
 * (a Jacobian), {@link UnivariateDifferentiableFunction} (Newton-type solvers) and the deprecated
 * {@code DifferentiableMultivariateVectorFunction} of the {@code optimization} package.
 *
 * <h2>Functions</h2>
 * Write the function once as a generic method and pass a method reference, which fits
 * {@link GenericVectorFunction} and the other generic interfaces here (Java lambdas cannot be
 * generic: write a method or an anonymous class):
 * <pre>{@code
 * static <T extends RealFieldElement<T>> T[] residuals(T[] p) {
 *     T[] r = MathArrays.buildArray(p[0].getField(), 50);     // an array of the caller's number type
 *     ...
 * }
 * MultivariateJacobianFunction model = CommonsMath.jacobianFunction(MyModel::residuals);
 * }</pre>
 * Constants come from the field: {@code p[0].getField().getZero().add(2.5)}.
 *
 * <h2>Mode</h2>
 * Each adapter differentiates by {@link Mode#AUTO} unless told otherwise: forward mode
 * ({@link Forward}, dual numbers, no tape) for few inputs, reverse mode ({@link Reverse}, one
 * recording) for many. For a scalar function of n inputs, forward when
 * {@code n <= FORWARD_INPUTS}; for a vector function of m outputs, forward when
 * {@code n <= FORWARD_INPUTS} or {@code n <= m}, the m its first evaluation found (that first
 * evaluation, m still unknown, records when {@code n > FORWARD_INPUTS}). Pass {@link Mode#FORWARD} or
 * {@link Mode#REVERSE} to choose. Both give the same values bitwise and derivatives equal to
 * rounding; the mode only changes the cost.
 *
 * <h2>Shape</h2>
 * An adapter serves one problem: the first evaluation fixes the number of inputs n and of outputs
 * m, and a later point of another length, or a function whose number of outputs changes, throws
 * {@link IllegalArgumentException} naming both sizes (before the function runs, for the point).
 * An adapter of a {@link Replay} takes n from the replay, which checks every point.
 *
 * <h2>Exceptions</h2>
 * Nothing is wrapped: what the function throws, and the library's own exceptions
 * ({@link BranchChangeException} from a replay whose recorded branch no longer holds,
 * {@link IllegalArgumentException} for a wrong shape, {@link IllegalStateException} for numbers of
 * another call), reach the caller of the optimizer as they were thrown.
 *
 * <h2>Allocation</h2>
 * Commons Math keeps the vectors and matrices an adapter returns, so every evaluation returns new
 * arrays (wrapped without copying); the differentiation allocates as the {@link Forward} and
 * {@link Reverse} methods it calls say. An adapter of a generic function may be used from several
 * threads; one of a {@link Replay} as its replay allows (an interpreted one by one thread at a time,
 * a compiled one by many).
 */
public final class CommonsMath {

    /**
     * The most inputs for which {@link Mode#AUTO} differentiates by forward mode regardless of
     * the outputs. A forward gradient costs up to about n + 1 evaluations (one pass of n
     * tangents), a reverse one a recording and a sweep, a few evaluations whatever n.
     * {@code GradientModeBenchmark} (module jmh; Rosenbrock, JMH sample mode, 1 fork, 6 × 0.5 s,
     * medians, on a 2-core machine at load average 29, so trust the order of magnitude) timed
     * forward against reverse: 100 / 190 ns at n = 2, 331 / 461 ns at n = 4, 2824 / 882 ns at
     * n = 8, 10368 / 2812 ns at n = 16. Forward pays up to 4 inputs.
     */
    public static final int FORWARD_INPUTS = 4;

    private CommonsMath() {
    }

    /** How an adapter differentiates. */
    public enum Mode {
        /** Forward for few inputs or at least as many outputs as inputs, reverse otherwise (see the class). */
        AUTO,
        /** Always forward mode: {@link Forward} on multi-dual numbers, in chunks. */
        FORWARD,
        /** Always reverse mode: one recording on a tape, one reverse sweep per output. */
        REVERSE
    }

    /** A scalar function R^n → R written once for every number type. */
    @FunctionalInterface
    public interface GenericFunction {
        /**
         * Evaluates the function.
         *
         * @param <T> the number type
         * @param x the inputs, not to be modified or kept
         * @return f(x)
         */
        <T extends RealFieldElement<T>> T value(T[] x);
    }

    /** A vector function R^n → R^m written once for every number type. */
    @FunctionalInterface
    public interface GenericVectorFunction {
        /**
         * Evaluates the function.
         *
         * @param <T> the number type
         * @param x the inputs, not to be modified or kept
         * @return the m outputs ({@code MathArrays.buildArray(x[0].getField(), m)} makes the array)
         */
        <T extends RealFieldElement<T>> T[] value(T[] x);
    }

    /** A function R → R written once for every number type. */
    @FunctionalInterface
    public interface GenericUnivariateFunction {
        /**
         * Evaluates the function.
         *
         * @param <T> the number type
         * @param x the input
         * @return f(x)
         */
        <T extends RealFieldElement<T>> T value(T x);
    }

    /**
     * A least-squares model for {@code LeastSquaresBuilder.model}: values and Jacobian from one
     * evaluation, by {@link Mode#AUTO}.
     *
     * @param f the model, m residual predictions of n parameters
     * @return the adapter
     */
    public static MultivariateJacobianFunction jacobianFunction(GenericVectorFunction f) {
        return jacobianFunction(f, Mode.AUTO);
    }

    /**
     * A least-squares model for {@code LeastSquaresBuilder.model}: values and Jacobian from one
     * evaluation, by the given mode.
     *
     * @param f the model
     * @param mode how to differentiate
     * @return the adapter
     */
    public static MultivariateJacobianFunction jacobianFunction(GenericVectorFunction f, Mode mode) {
        Adapted a = new Adapted(f, mode);
        return point -> pair(a.valueAndJacobian(point.toArray()));
    }

    /**
     * A least-squares model from a recorded vector function ({@link Reverse#recordVector}, or
     * {@link Replay#compile() compiled}): values and Jacobian from one replay
     * ({@link Replay#valueAndJacobian(double[], double[], double[][])}), the function not run again.
     *
     * @param replay the recording, of n inputs and m outputs
     * @return the adapter
     */
    public static MultivariateJacobianFunction jacobianFunction(Replay replay) {
        Objects.requireNonNull(replay, "replay");
        return point -> {
            double[] values = new double[replay.outputCount()];
            double[][] jacobian = new double[values.length][replay.inputCount()];
            replay.valueAndJacobian(point.toArray(), values, jacobian);
            return pair(new ValueAndJacobian(values, jacobian));
        };
    }

    /**
     * The gradient of a scalar function (for {@code ObjectiveFunctionGradient}), by
     * {@link Mode#AUTO}.
     *
     * @param f the function
     * @return the adapter, returning ∇f(x), of length n
     */
    public static MultivariateVectorFunction gradient(GenericFunction f) {
        return gradient(f, Mode.AUTO);
    }

    /**
     * The gradient of a scalar function, by the given mode.
     *
     * @param f the function
     * @param mode how to differentiate
     * @return the adapter, returning ∇f(x)
     */
    public static MultivariateVectorFunction gradient(GenericFunction f, Mode mode) {
        Adapted a = new Adapted(f, mode);
        return a::gradient;
    }

    /**
     * The gradient of a recorded scalar function ({@link Reverse#record}), by replay.
     *
     * @param replay the recording, of one output
     * @return the adapter, returning ∇f(x)
     */
    public static MultivariateVectorFunction gradient(Replay replay) {
        Objects.requireNonNull(replay, "replay");
        return replay::gradient;
    }

    /**
     * The value of a scalar function (for {@code ObjectiveFunction}), evaluated on constant dual
     * numbers: bitwise what plain {@code double} code computes.
     *
     * @param f the function
     * @return the adapter, returning f(x)
     */
    public static MultivariateFunction objective(GenericFunction f) {
        Objects.requireNonNull(f, "f");
        return x -> f.value(Adapted.constants(x)).value();
    }

    /**
     * The Jacobian of a vector function, by {@link Mode#AUTO}.
     *
     * @param f the function
     * @return the adapter, returning J(x) as {@code [m][n]}
     */
    public static MultivariateMatrixFunction jacobian(GenericVectorFunction f) {
        return jacobian(f, Mode.AUTO);
    }

    /**
     * The Jacobian of a vector function, by the given mode.
     *
     * @param f the function
     * @param mode how to differentiate
     * @return the adapter, returning J(x) as {@code [m][n]}
     */
    public static MultivariateMatrixFunction jacobian(GenericVectorFunction f, Mode mode) {
        Adapted a = new Adapted(f, mode);
        return x -> a.valueAndJacobian(x).jacobian();
    }

    /**
     * The Jacobian of a recorded vector function, by replay.
     *
     * @param replay the recording
     * @return the adapter, returning J(x) as {@code [m][n]}
     */
    public static MultivariateMatrixFunction jacobian(Replay replay) {
        Objects.requireNonNull(replay, "replay");
        return replay::jacobian;
    }

    /**
     * A differentiable function of one variable for Commons Math's solvers
     * ({@code NewtonRaphsonSolver}, ...). A {@link DerivativeStructure} of order 0 or 1 (any number
     * of free parameters) costs one evaluation on a {@link Dual}; one of order 2 or more runs the
     * generic function on the {@code DerivativeStructure} itself, which gives every order exactly.
     *
     * @param f the function
     * @return the adapter
     */
    public static UnivariateDifferentiableFunction univariate(GenericUnivariateFunction f) {
        Objects.requireNonNull(f, "f");
        return new Univariate(f::value, f);
    }

    /**
     * A differentiable function of one variable written on {@link Dual} (a lambda will do), for
     * Commons Math's solvers: it gives derivatives up to order 1.
     *
     * @param f the function
     * @return the adapter; its {@code value(DerivativeStructure)} throws
     *     {@link IllegalArgumentException} for a structure of order 2 or more
     */
    public static UnivariateDifferentiableFunction univariateDual(UnaryOperator<Dual> f) {
        Objects.requireNonNull(f, "f");
        return new Univariate(f, null);
    }

    /**
     * A vector function with its Jacobian for the deprecated {@code optimization} package of
     * Commons Math 3.6.1 (its {@code LevenbergMarquardtOptimizer}, {@code GaussNewtonOptimizer}
     * and {@code CurveFitter} still take this interface), by {@link Mode#AUTO}.
     *
     * @param f the function
     * @return the adapter: values on constant dual numbers, the Jacobian as {@link #jacobian}
     */
    @SuppressWarnings("deprecation")
    public static org.apache.commons.math3.analysis.DifferentiableMultivariateVectorFunction differentiable(
            GenericVectorFunction f) {
        return differentiable(f, Mode.AUTO);
    }

    /**
     * A vector function with its Jacobian for the deprecated {@code optimization} package, by the
     * given mode.
     *
     * @param f the function
     * @param mode how to differentiate the Jacobian
     * @return the adapter
     */
    @SuppressWarnings("deprecation")
    public static org.apache.commons.math3.analysis.DifferentiableMultivariateVectorFunction differentiable(
            GenericVectorFunction f, Mode mode) {
        Adapted a = new Adapted(f, mode);
        MultivariateMatrixFunction jacobian = x -> a.valueAndJacobian(x).jacobian();
        return new org.apache.commons.math3.analysis.DifferentiableMultivariateVectorFunction() {
            @Override
            public double[] value(double[] x) {
                return a.values(x);
            }

            @Override
            public MultivariateMatrixFunction jacobian() {
                return jacobian;
            }
        };
    }

    /**
     * A recorded vector function with its Jacobian, by replay, for the deprecated
     * {@code optimization} package.
     *
     * @param replay the recording
     * @return the adapter
     */
    @SuppressWarnings("deprecation")
    public static org.apache.commons.math3.analysis.DifferentiableMultivariateVectorFunction differentiable(
            Replay replay) {
        Objects.requireNonNull(replay, "replay");
        return new org.apache.commons.math3.analysis.DifferentiableMultivariateVectorFunction() {
            @Override
            public double[] value(double[] x) {
                return replay.values(x);
            }

            @Override
            public MultivariateMatrixFunction jacobian() {
                return replay::jacobian;
            }
        };
    }

    private static Pair<RealVector, RealMatrix> pair(ValueAndJacobian r) {
        return new Pair<>(new ArrayRealVector(r.values(), false), new Array2DRowRealMatrix(r.jacobian(), false));
    }
}
