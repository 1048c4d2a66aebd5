package org.dualtape.jmh;

import java.util.concurrent.TimeUnit;
import org.dualtape.compare.sweep.Evaluator;
import org.dualtape.compare.sweep.Method;
import org.dualtape.compare.sweep.StandardMlpFamily;
import org.dualtape.compare.sweep.SweepProblem;
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
 * Does the comparison sweep time the library? Its forward rows against a direct call of
 * {@code Forward}, on the standard MLP loss at h = 16 (970 parameters).
 *
 * <p>{@code direct} is the call a user makes ({@code Forward.gradient(loss, w, k)} or
 * {@code Forward.gradientByDuals(loss, w)}); {@code sweepWhole} is the sweep's evaluator for a
 * whole gradient; {@code sweepPart} is what an estimated row times: the gradient at about one
 * eighth of the passes (whole chunks, spread over every layer, as the sweep spreads them). The
 * sweep extrapolates {@code sweepPart} by {@code Method.cost(n, k) / Method.cost(m, k)}: 31 / 3
 * passes for {@code forward-chunked} (k = 32), 970 / 121 for {@code forward-dual}. That product,
 * and {@code sweepWhole}, should match {@code direct} within the error columns.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SweepFidelityBenchmark {
    /** The timed part of an estimated row: one eighth of the passes. */
    static final int PART = 8;

    /** The hidden width: 16 is 970 parameters. */
    @Param({"16"})
    int width;

    /** The sweep's forward method. */
    @Param({"forward-chunked", "forward-dual"})
    String method;

    private SweepProblem problem;
    private Evaluator evaluator;
    private int chunk;
    /** The parameters; non-final so the JIT cannot treat them as constants. */
    double[] w;
    double[] gradient;
    int[] part;
    double[] partOut;

    /** Builds the problem (constant seeds) and prepares the method as the sweep does. */
    @Setup
    public void setUp() {
        problem = new StandardMlpFamily().create(width);
        w = problem.initialParameters();
        gradient = new double[w.length];
        Method m = Method.byLabel(method);
        chunk = m == Method.FORWARD_CHUNKED ? ChunkPolicy.chunkSize(w.length) : 1; // the sweep's default
        evaluator = m.prepare(problem, chunk);
        int count = (int) m.passes(w.length, chunk) / PART * m.unit(chunk);
        part = new int[count];
        for (int j = 0; j < count; j++) {
            part[j] = (int) ((long) j * w.length / count); // spread over every layer, as the sweep does
        }
        partOut = new double[count];
    }

    /**
     * The baseline: one plain loss evaluation.
     *
     * @return the loss
     */
    @Benchmark
    public double plainDouble() {
        return problem.loss(w);
    }

    /**
     * The user's call.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] direct() {
        return method.equals("forward-dual") ? Forward.gradientByDuals(problem::loss, w)
                : Forward.gradient(problem::loss, w, chunk);
    }

    /**
     * The sweep's whole gradient.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] sweepWhole() {
        evaluator.gradient(w, gradient);
        return gradient;
    }

    /**
     * The sweep's timed part of an estimated row: one eighth of the passes.
     *
     * @return the components
     */
    @Benchmark
    public double[] sweepPart() {
        evaluator.gradient(w, part, partOut);
        return partOut;
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar SweepFidelityBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
