package org.dualtape.jmh;

import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.SparseGradient;
import org.dualtape.check.numeric.FiniteDifferences;
import org.dualtape.check.numeric.Stencil;
import org.dualtape.dual.Forward;
import org.dualtape.tape.Replay;
import org.dualtape.tape.Reverse;
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
 * Question 3: how does the cost of a full gradient grow with the number of inputs n, by each
 * method, for the extended Rosenbrock function ({@link Functions#rosenbrock(double[])})?
 *
 * <p>Reverse mode should stay a constant multiple of the plain function; forward mode and
 * differences grow as n passes; Commons Math's {@code DerivativeStructure} carries n tangents
 * through every operation (O(n²)); {@code SparseGradient} merges maps whose size grows along the
 * sum. {@code reverseVectorized} and {@code replayVectorized} run the same function written on
 * vector nodes, as a user of the tape would write it where speed matters.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RosenbrockGradientBenchmark {
    /** Number of inputs. */
    @Param({"10", "100", "1000", "10000"})
    int n;

    /** The point; non-final so the JIT cannot treat it as a constant. */
    double[] x;
    /** The function recorded once, for {@link #replay()}. */
    Replay replay;
    /** The vectorised function recorded once, for {@link #replayVectorized()}. */
    Replay vectorizedReplay;
    /** Receives the replayed gradient. */
    double[] gradient;
    /** The recorded function compiled to JVM code, for {@link #compiled()}. */
    Replay compiledReplay;

    /** Draws the point from a constant seed (same point every run); records the replay. */
    @Setup
    public void setUp() {
        x = Functions.randomPoint(n, 2);
        replay = Reverse.record(Functions::rosenbrock, x);
        vectorizedReplay = Reverse.recordMatrix(Functions::rosenbrock, x);
        compiledReplay = replay.compile();
        gradient = new double[n];
    }

    /**
     * The baseline: one plain evaluation.
     *
     * @return the value
     */
    @Benchmark
    public double plainDouble() {
        return Functions.rosenbrock(x);
    }

    /**
     * Forward mode with {@code MultiDual} chunks of the default size.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] forwardChunked() {
        return Forward.gradient(Functions::rosenbrock, x);
    }

    /**
     * Reverse mode: record and one reverse sweep.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] reverse() {
        return Reverse.gradient(Functions::rosenbrock, x);
    }

    /**
     * Reverse mode from a tape recorded once in setup: values, partials and one reverse sweep at
     * the point, without running the function (into a gradient array owned by the benchmark).
     *
     * @return the value
     */
    @Benchmark
    public double replay() {
        return replay.valueAndGradient(x, gradient);
    }

    /**
     * The tape recorded once in setup, compiled to JVM code: value and gradient into the
     * benchmark's array.
     *
     * @return the value
     */
    @Benchmark
    public double compiled() {
        return compiledReplay.valueAndGradient(x, gradient);
    }

    /**
     * The gradient written by hand (the floor), into the benchmark's array.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] handWritten() {
        HandWritten.rosenbrockGradient(x, gradient);
        return gradient;
    }

    /** The largest n for which {@link #hipparchusGradient()} runs: it carries n partials through every operation. */
    static final int HIPPARCHUS_GRADIENT_LIMIT = 1000;

    /**
     * Hipparchus 4's {@code Gradient}: n partials per number (O(n²) per gradient).
     *
     * @return the gradient
     * @throws UnsupportedOperationException above {@link #HIPPARCHUS_GRADIENT_LIMIT} inputs (one
     *     call would take seconds)
     */
    @Benchmark
    public double[] hipparchusGradient() {
        if (n > HIPPARCHUS_GRADIENT_LIMIT) {
            throw new UnsupportedOperationException("Hipparchus Gradient at n = " + n + " carries " + n
                    + " partials through each of about 9n operations");
        }
        org.hipparchus.analysis.differentiation.Gradient[] v = new org.hipparchus.analysis.differentiation.Gradient[n];
        for (int i = 0; i < n; i++) {
            v[i] = org.hipparchus.analysis.differentiation.Gradient.variable(n, i, x[i]);
        }
        return HandWritten.rosenbrock(v).getGradient();
    }

    /**
     * Hipparchus 4's {@code SparseGradient}.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] hipparchusSparseGradient() {
        org.hipparchus.analysis.differentiation.SparseGradient[] v =
                new org.hipparchus.analysis.differentiation.SparseGradient[n];
        for (int i = 0; i < n; i++) {
            v[i] = org.hipparchus.analysis.differentiation.SparseGradient.createVariable(i, x[i]);
        }
        org.hipparchus.analysis.differentiation.SparseGradient y = HandWritten.rosenbrock(v);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = y.getDerivative(i);
        }
        return g;
    }

    /**
     * Reverse mode on the function written with vector nodes ({@link Functions#rosenbrock(
     * org.dualtape.tape.VarMatrix)}): nine tape entries whatever n is, each a loop over n - 1
     * elements, instead of about nine entries per term.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] reverseVectorized() {
        return Reverse.matrixGradient(Functions::rosenbrock, x);
    }

    /**
     * The vectorised function's tape recorded once in setup, replayed at the point (values, then
     * one reverse sweep, into a gradient array owned by the benchmark).
     *
     * @return the value
     */
    @Benchmark
    public double replayVectorized() {
        return vectorizedReplay.valueAndGradient(x, gradient);
    }

    /**
     * The largest n for which {@link #derivativeStructure()} runs. Commons Math 3.6.1 builds and
     * caches a {@code DSCompiler} for every number of variables up to n, each holding index tables
     * of about p² ints, so its memory grows as n³: 177 MB retained at n = 500 and 1.36 GB at
     * n = 1000 (measured on this project's machine), about 1.4 TB at n = 10000.
     */
    static final int DERIVATIVE_STRUCTURE_LIMIT = 2000;

    /**
     * Commons Math's {@code DerivativeStructure} with n variables, order 1.
     *
     * @return the gradient
     * @throws UnsupportedOperationException above {@link #DERIVATIVE_STRUCTURE_LIMIT} variables,
     *     at once, instead of running the fork out of memory
     */
    @Benchmark
    public double[] derivativeStructure() {
        if (n > DERIVATIVE_STRUCTURE_LIMIT) {
            throw new UnsupportedOperationException("DerivativeStructure cannot hold " + n + " variables: the"
                    + " DSCompiler cache of Commons Math 3.6.1 needs memory growing as n³ (1.36 GB at n = 1000)");
        }
        DerivativeStructure[] v = new DerivativeStructure[n];
        for (int i = 0; i < n; i++) {
            v[i] = new DerivativeStructure(n, 1, i, x[i]);
        }
        double[] all = Functions.rosenbrock(v).getAllDerivatives();
        return java.util.Arrays.copyOfRange(all, 1, n + 1);
    }

    /**
     * Commons Math's {@code SparseGradient}.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] sparseGradient() {
        SparseGradient[] v = new SparseGradient[n];
        for (int i = 0; i < n; i++) {
            v[i] = SparseGradient.createVariable(i, x[i]);
        }
        SparseGradient y = Functions.rosenbrock(v);
        double[] gradient = new double[n];
        for (int i = 0; i < n; i++) {
            gradient[i] = y.getDerivative(i);
        }
        return gradient;
    }

    /**
     * Central differences with the default step (2n evaluations).
     *
     * @return the approximate gradient
     */
    @Benchmark
    public double[] centralDifference() {
        return FiniteDifferences.gradient(Stencil.CENTRAL, Functions::rosenbrock, x);
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar RosenbrockGradientBenchmark -p n=10,1000 -prof gc
