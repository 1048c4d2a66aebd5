package org.dualtape.jmh;

import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.dualtape.check.numeric.Stencil;
import org.dualtape.dual.Forward;
import org.dualtape.tape.Reverse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question 1: what does one derivative of a chain of elementary functions cost, by each method,
 * relative to evaluating the chain in plain {@code double}?
 *
 * <p>The chain is the lecture notes' exp(exp(x) + exp(x)²) + sin(exp(x) + exp(x)²)
 * ({@link Functions#chain(double)}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ScalarDerivativeBenchmark {
    /** The point; a non-final field so the JIT cannot fold the benchmark to a constant. */
    double x = 0.3;

    /**
     * The baseline: one plain evaluation.
     *
     * @return the value
     */
    @Benchmark
    public double plainDouble() {
        return Functions.chain(x);
    }

    /**
     * Forward mode: one {@code Dual} pass.
     *
     * @return the derivative
     */
    @Benchmark
    public double dual() {
        return Forward.derivative(Functions::chain, x);
    }

    /**
     * Reverse mode: record on a tape, one reverse sweep.
     *
     * @return the derivative
     */
    @Benchmark
    public double varTape() {
        return Reverse.gradient(v -> Functions.chain(v[0]), new double[] {x})[0];
    }

    /**
     * Commons Math's {@code DerivativeStructure}, one variable, order 1.
     *
     * @return the derivative
     */
    @Benchmark
    public double derivativeStructure() {
        return Functions.chain(new DerivativeStructure(1, 1, 0, x)).getPartialDerivative(1);
    }

    /**
     * A central difference with the comparison's default step (two evaluations).
     *
     * @return the approximate derivative
     */
    @Benchmark
    public double centralDifference() {
        double h = Stencil.CENTRAL.defaultStep(x);
        return (Functions.chain(x + h) - Functions.chain(x - h)) / (2 * h);
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar ScalarDerivativeBenchmark -prof gc
