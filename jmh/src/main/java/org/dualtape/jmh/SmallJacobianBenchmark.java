package org.dualtape.jmh;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.dualtape.check.numeric.Stencil;
import org.dualtape.dual.Forward;
import org.dualtape.dual.MultiDual;
import org.dualtape.tape.Replay;
import org.dualtape.tape.Reverse;
import org.dualtape.tape.Var;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question 2: what does the full Jacobian of a small vector function cost, by each method,
 * relative to one plain evaluation of the function?
 *
 * <p>n = 3: spherical to Cartesian coordinates ({@link Functions#spherical(double[], double[])});
 * n = 10: the Lorenz-96 right-hand side ({@link Functions#lorenz96(double[], double[])}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SmallJacobianBenchmark {
    /** Number of inputs (and outputs): 3 picks the coordinate transform, 10 Lorenz-96. */
    @Param({"3", "10"})
    int n;

    /** The point; non-final so the JIT cannot treat it as a constant. */
    double[] x;
    /** Output buffer of the plain evaluation and the differences. */
    double[] y;
    /** Second output buffer for the differences. */
    double[] y2;

    private Function<MultiDual[], MultiDual[]> forwardFunction;
    private Function<Var[], Var[]> reverseFunction;
    private Function<DerivativeStructure[], DerivativeStructure[]> dsFunction;
    /** The function recorded once, for {@link #replay()}. */
    private Replay replay;

    /** Picks the function and its point (fixed values: the same point every run). */
    @Setup
    public void setUp() {
        x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 + 0.25 * i; // (r, θ, φ) = (0.5, 0.75, 1.0) away from the poles for n = 3
        }
        y = new double[n];
        y2 = new double[n];
        if (n == 3) {
            forwardFunction = Functions::spherical;
            reverseFunction = Functions::spherical;
            dsFunction = Functions::spherical;
        } else {
            forwardFunction = Functions::lorenz96;
            reverseFunction = Functions::lorenz96;
            dsFunction = Functions::lorenz96;
        }
        replay = Reverse.recordVector(reverseFunction, x);
    }

    private void plain(double[] in, double[] out) {
        if (n == 3) {
            Functions.spherical(in, out);
        } else {
            Functions.lorenz96(in, out);
        }
    }

    /**
     * The baseline: one plain evaluation.
     *
     * @return the output
     */
    @Benchmark
    public double[] plainDouble() {
        plain(x, y);
        return y;
    }

    /**
     * Forward mode, chunked.
     *
     * @return the Jacobian [m][n]
     */
    @Benchmark
    public double[][] forwardJacobian() {
        return Forward.jacobian(forwardFunction, x);
    }

    /**
     * Reverse mode: one recording, one reverse sweep per output.
     *
     * @return the Jacobian [m][n]
     */
    @Benchmark
    public double[][] reverseJacobian() {
        return Reverse.jacobian(reverseFunction, x);
    }

    /**
     * Reverse mode from a tape recorded once in setup: values and partials re-evaluated at the
     * point, then one reverse sweep per output, without running the function.
     *
     * @return the Jacobian [m][n]
     */
    @Benchmark
    public double[][] replay() {
        return replay.jacobian(x);
    }

    /**
     * Commons Math's {@code DerivativeStructure} with n variables, order 1.
     *
     * @return the Jacobian [m][n]
     */
    @Benchmark
    public double[][] derivativeStructure() {
        DerivativeStructure[] v = new DerivativeStructure[n];
        for (int i = 0; i < n; i++) {
            v[i] = new DerivativeStructure(n, 1, i, x[i]);
        }
        DerivativeStructure[] out = dsFunction.apply(v);
        double[][] jacobian = new double[out.length][];
        for (int r = 0; r < out.length; r++) {
            double[] all = out[r].getAllDerivatives();
            jacobian[r] = java.util.Arrays.copyOfRange(all, 1, n + 1);
        }
        return jacobian;
    }

    /**
     * Central differences with the default step, one column per input (2n evaluations).
     *
     * @return the approximate Jacobian [m][n]
     */
    @Benchmark
    public double[][] centralDifference() {
        double[][] jacobian = new double[n][n];
        for (int j = 0; j < n; j++) {
            double xj = x[j];
            double h = Stencil.CENTRAL.defaultStep(xj);
            x[j] = xj + h;
            plain(x, y);
            x[j] = xj - h;
            plain(x, y2);
            x[j] = xj;
            for (int i = 0; i < n; i++) {
                jacobian[i][j] = (y[i] - y2[i]) / (2 * h);
            }
        }
        return jacobian;
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar SmallJacobianBenchmark -prof gc
