package org.dualtape.jmh;

import java.util.concurrent.TimeUnit;
import org.dualtape.compare.mlp.MlpProblem;
import org.dualtape.compare.mlp.VectorTapeLoss;
import org.dualtape.tape.Replay;
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
 * Question 8: what does one Hessian-vector product of the comparison's standard MLP loss
 * (32 → h → h → 10, tanh, softmax cross-entropy, batch 32) cost against one gradient, both
 * replayed from the same vector tape?
 *
 * <p>The gradient costs about three matrix products per layer (forward, and the two adjoint
 * products); the HVP adds the tangent sweep's two products per layer and the adjoint tangents'
 * four, so about three times the gradient, whatever the number of parameters. The HVP is the true
 * Hessian's (softmax's full curvature), not a Gauss–Newton product.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MlpSecondOrderBenchmark {
    /** Hidden width h. */
    @Param({"64"})
    int width;

    private MlpProblem problem;
    /** The parameters; non-final so the JIT cannot treat them as constants. */
    double[] w;
    /** The seed of the HVP. */
    double[] v;
    /** Receives the gradient. */
    double[] gradient;
    private Replay replay;

    /** Builds the standard problem (constant seeds) and records its vector tape once. */
    @Setup
    public void setUp() {
        problem = MlpProblem.standard(width);
        w = problem.initialParameters();
        v = Functions.randomPoint(w.length, 1);
        gradient = new double[w.length];
        replay = new VectorTapeLoss(problem).replay(w);
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
     * One gradient replayed from the vector tape.
     *
     * @return the loss
     */
    @Benchmark
    public double replayGradient() {
        return replay.valueAndGradient(w, gradient);
    }

    /**
     * One Hessian-vector product replayed from the same vector tape.
     *
     * @return {@code H·v}
     */
    @Benchmark
    public double[] replayHvp() {
        return replay.hvp(w, v);
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar MlpSecondOrderBenchmark -f 1 -wi 3 -i 5 -w 500ms -r 500ms
