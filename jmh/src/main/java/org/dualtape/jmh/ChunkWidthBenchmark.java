package org.dualtape.jmh;

import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.RealFieldElement;
import org.dualtape.dual.ChunkPolicy;
import org.dualtape.dual.Forward;
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
 * The question behind {@link ChunkPolicy}: which chunk width k makes the chunked forward gradient
 * fastest, as n grows, for a sparse and for a dense function?
 *
 * <p>A gradient takes ⌈n / k⌉ passes. In a sparse function (extended Rosenbrock: a sum of terms
 * that each read two inputs) most operations of a pass read only unseeded inputs, which
 * {@code MultiDual} handles as constants at a cost independent of k; a pass then costs about
 * {@code n·c₀ + k·c₁·k}, and the best k grows like √n. In a dense function (here every term reads
 * the mean of all inputs) every operation of every pass carries k tangents; a gradient then costs
 * about {@code ops·n·(a / k + b)}, which falls with k until the fixed part a per operation is
 * paid off. The baseline is one plain evaluation of each function; k = 0 stands for the policy's
 * own choice.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ChunkWidthBenchmark {
    /**
     * Number of inputs. The default is one size only, so that the quick profile of all benchmarks
     * stays short; the sweep quoted in the README (Performance, Chunk width) is in the HOW TO RUN line.
     */
    @Param({"10000"})
    int n;

    /** Chunk width; 0 means {@link ChunkPolicy#chunkSize(int)} (100 at n = 10000; 24 was the old rule). */
    @Param({"0", "24"})
    int k;

    /** The point; non-final so the JIT cannot treat it as a constant. */
    double[] x;

    /** Draws the point from a constant seed (same point every run, as the Rosenbrock benchmark). */
    @Setup
    public void setUp() {
        x = Functions.randomPoint(n, 2);
    }

    private int chunk() {
        return k == 0 ? ChunkPolicy.chunkSize(n) : k;
    }

    /**
     * A dense function: Σ sin(x[i]·m) with m the mean of x, so every term reads every input.
     *
     * @param x the point, not modified
     * @return the value
     */
    static double dense(double[] x) {
        double s = 0;
        for (double xi : x) {
            s += xi;
        }
        double m = s / x.length;
        double sum = 0;
        for (double xi : x) {
            sum += Math.sin(xi * m);
        }
        return sum;
    }

    /**
     * The dense function, generic (same operations in the same order).
     *
     * @param x the point, not modified
     * @param <T> the number type
     * @return the value
     */
    static <T extends RealFieldElement<T>> T dense(T[] x) {
        T s = x[0].getField().getZero();
        for (T xi : x) {
            s = s.add(xi);
        }
        T m = s.divide(x.length);
        T sum = x[0].getField().getZero();
        for (T xi : x) {
            sum = sum.add(xi.multiply(m).sin());
        }
        return sum;
    }

    /**
     * Baseline of the sparse function: one plain evaluation.
     *
     * @return the value
     */
    @Benchmark
    public double rosenbrockPlain() {
        return Functions.rosenbrock(x);
    }

    /**
     * The forward gradient of the sparse function with chunk width k.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] rosenbrockForward() {
        return Forward.gradient(Functions::rosenbrock, x, chunk());
    }

    /**
     * Baseline of the dense function: one plain evaluation.
     *
     * @return the value
     */
    @Benchmark
    public double densePlain() {
        return dense(x);
    }

    /**
     * The forward gradient of the dense function with chunk width k.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] denseForward() {
        return Forward.gradient(ChunkWidthBenchmark::dense, x, chunk());
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar 'ChunkWidthBenchmark.*Forward' -p n=1000,10000 -p k=0,24,48,96,192 -f 1 -wi 2 -i 5 -w 500ms -r 500ms -prof gc
