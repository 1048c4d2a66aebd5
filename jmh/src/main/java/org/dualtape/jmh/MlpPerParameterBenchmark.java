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

/**
 * Question 4, continued: the comparison's methods that take one pass per parameter (or per chunk
 * of the default size) on the standard MLP loss at h = 16 only (970 parameters), where a full
 * gradient still takes well under a second; {@link MlpGradientBenchmark} has the constant-pass
 * methods at every size.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MlpPerParameterBenchmark {
    /** The hidden width: the small size of the MLP question. */
    static final int WIDTH = 16;

    /** The comparison's name of the method. */
    @Param({"forward-dual", "forward-chunked", "forward-difference", "central-difference", "richardson",
            "complex-step", "commons-math-ds", "commons-math-sparse"})
    String method;

    private SweepProblem problem;
    /** The parameters; non-final so the JIT cannot treat them as constants. */
    double[] w;
    /** The gradient buffer. */
    double[] gradient;
    private Evaluator evaluator;

    /** Builds the width-16 problem (constant seeds) and prepares the method. */
    @Setup
    public void setUp() {
        problem = new StandardMlpFamily().create(WIDTH);
        w = problem.initialParameters();
        gradient = new double[w.length];
        evaluator = Method.byLabel(method).prepare(problem, ChunkPolicy.chunkSize(w.length));
    }

    /**
     * The baseline: one plain loss evaluation (the same for every {@code method}).
     *
     * @return the loss
     */
    @Benchmark
    public double plainDouble() {
        return problem.loss(w);
    }

    /**
     * One full gradient by the method.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] gradient() {
        evaluator.gradient(w, gradient);
        return gradient;
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar MlpPerParameterBenchmark -p method=forward-chunked,commons-math-ds
