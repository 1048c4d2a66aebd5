package org.dualtape.jmh;

import java.util.concurrent.TimeUnit;
import org.dualtape.compare.sweep.Evaluator;
import org.dualtape.compare.sweep.Method;
import org.dualtape.compare.sweep.StandardMlpFamily;
import org.dualtape.compare.sweep.SweepProblem;
import org.dualtape.dual.ChunkPolicy;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Question 4: what does one gradient of the comparison's standard MLP loss (32 → h → h → 10,
 * tanh, softmax cross-entropy, batch 32) cost by each method of the comparison, relative to one
 * plain {@code double} loss evaluation?
 *
 * <p>The methods that take a constant number of passes run at h ∈ {16, 64, 256, 1024} (the
 * widths of the PyTorch peer, {@code jmh/pytorch/mlp_gradient.py}); those that
 * take one pass per parameter or per chunk (forward mode, differences, complex step, Commons
 * Math's types) only at h = 16, in {@link MlpPerParameterBenchmark}, so that one slow method
 * cannot take the whole run. Every method is the comparison sweep's own {@link Evaluator}, so the two measure the
 * same code. The forks have {@code --add-modules jdk.incubator.vector}, so the matrix kernels
 * are the Vector API's ({@code DenseKernelBenchmark}); the values do not depend on it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g", "--add-modules=jdk.incubator.vector"}) // the scalar tape at h = 1024 peaks near 8 GB while growing
@State(Scope.Benchmark)
public class MlpGradientBenchmark {
    /** Hidden width h. */
    @Param({"16", "64", "256", "1024"})
    int width;

    private SweepProblem problem;
    /** The parameters; non-final so the JIT cannot treat them as constants. */
    double[] w;
    /** The gradient buffer every method fills. */
    double[] gradient;
    private Evaluator vectorTape;
    private Evaluator replay;
    private Evaluator backprop;
    private Evaluator scalarTape;

    /**
     * Builds the standard problem (constant seeds) and prepares only the method about to run: at
     * h = 1024 the scalar tape and its replay hold about 70 million entries each, and a fork that
     * prepared both (or prepared them to time the plain loss) could run out of heap.
     *
     * @param params which benchmark method this fork runs
     */
    @Setup
    public void setUp(BenchmarkParams params) {
        problem = new StandardMlpFamily().create(width);
        w = problem.initialParameters();
        gradient = new double[w.length];
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        switch (method) {
            case "reverseVectorTape" -> vectorTape = Method.REVERSE_VECTOR_TAPE.prepare(problem, 1);
            case "reverseReplay" -> replay = Method.REVERSE_REPLAY.prepare(problem, 1);
            case "backpropByHand" -> backprop = Method.BACKPROP_BY_HAND.prepare(problem, 1);
            case "reverseScalarTape" -> scalarTape = Method.REVERSE_SCALAR_TAPE.prepare(problem, 1);
            default -> {
                // plainDouble needs the problem only
            }
        }
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
     * {@code reverse-vector-tape}: one tape entry per layer operation.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] reverseVectorTape() {
        vectorTape.gradient(w, gradient);
        return gradient;
    }

    /**
     * {@code backprop-by-hand}: the hand-written reverse pass, the limit for the tape.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] backpropByHand() {
        backprop.gradient(w, gradient);
        return gradient;
    }

    /**
     * {@code reverse-replay}: the scalar tape recorded once in setup, replayed.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] reverseReplay() {
        replay.gradient(w, gradient);
        return gradient;
    }

    /**
     * {@code reverse-scalar-tape}: one tape entry per scalar operation, recorded every time.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] reverseScalarTape() {
        scalarTape.gradient(w, gradient);
        return gradient;
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar MlpGradientBenchmark -p width=16,1024 -prof gc
