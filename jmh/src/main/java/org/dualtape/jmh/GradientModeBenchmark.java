package org.dualtape.jmh;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.dualtape.dual.Forward;
import org.dualtape.dual.MultiDual;
import org.dualtape.tape.CommonsMath;
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
 * Up to how many inputs is a forward gradient cheaper than a reverse one? The answer sets
 * {@link CommonsMath#FORWARD_INPUTS}, the threshold of {@code CommonsMath.Mode.AUTO}.
 *
 * <p>Rosenbrock ({@link Functions#rosenbrock(double[])}), whose operations each depend on at most
 * two inputs, and against the plain evaluation.
 *
 * <p>On 2026-12-02 (shared 2-core machine, load average 29; sample mode, medians, forward /
 * reverse): 100 / 190 ns at n = 2, 331 / 461 ns at n = 4, 2824 / 882 ns at n = 8, 10368 /
 * 2812 ns at n = 16, 31648 / 5616 ns at n = 32: forward pays up to 4 inputs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class GradientModeBenchmark {
    /** Number of inputs. */
    @Param({"2", "4", "8", "16", "32"})
    int n;

    /** The point; non-final so the JIT cannot treat it as a constant. */
    double[] x;

    private Function<MultiDual[], MultiDual> forwardFunction;
    private Function<Var[], Var> reverseFunction;

    /** The point: fixed values, the same every run. */
    @Setup
    public void setUp() {
        x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 + 0.01 * i;
        }
        forwardFunction = Functions::rosenbrock;
        reverseFunction = Functions::rosenbrock;
    }

    /**
     * The baseline: one plain evaluation.
     *
     * @return f(x)
     */
    @Benchmark
    public double plainDouble() {
        return Functions.rosenbrock(x);
    }

    /**
     * Forward mode, in chunks of the chunk policy's width.
     *
     * @return ∇f(x)
     */
    @Benchmark
    public double[] forwardGradient() {
        return Forward.gradient(forwardFunction, x);
    }

    /**
     * Reverse mode: one recording, one sweep.
     *
     * @return ∇f(x)
     */
    @Benchmark
    public double[] reverseGradient() {
        return Reverse.gradient(reverseFunction, x);
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar GradientModeBenchmark -f 1 -wi 3 -i 6 -w 500ms -r 500ms -bm sample
