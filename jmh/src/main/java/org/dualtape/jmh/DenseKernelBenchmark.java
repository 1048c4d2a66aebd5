package org.dualtape.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.dualtape.tape.Plain;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three matrix products of the standard MLP's hidden layer (batch 32, {@code h × h}
 * weights), each {@code 2 · 32 · h²} floating-point operations: the affine forward
 * {@code y = x·Wᵀ + b} ({@link Plain#affine}), the input's adjoint {@code dx += dy·W}
 * ({@link Plain#addInputAdjoint}) and the weights' adjoint {@code dW += dyᵀ·x}
 * ({@link Plain#addWeightAdjoint}), the kernels of the vector tape's affine node. The score is GFLOP/s: one JMH operation is one
 * floating-point operation, and each call runs the product as many times as make
 * {@value #FLOPS} of them ({@code 2^26}: 256 products at h = 64, 16 at 256, one at 1024), so
 * the time unit (ns) makes {@code ops/ns} read as GFLOP/s. The bytes that {@code -prof gc}
 * reports per operation are per floating-point operation: 0 means the kernels allocate nothing.
 *
 * <p>The forks run with {@code --add-modules jdk.incubator.vector}, so the kernels are the Vector
 * API's; {@code -jvmArgsAppend -Ddualtape.vector=false} measures the plain loops instead (the
 * values are bitwise the same either way).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(DenseKernelBenchmark.FLOPS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@State(Scope.Benchmark)
public class DenseKernelBenchmark {
    /** The batch of the standard MLP. */
    static final int BATCH = 32;
    /** Floating-point operations per call of a benchmark method. */
    static final int FLOPS = 1 << 26;

    /** Hidden width h. */
    @Param({"64", "256", "1024"})
    int width;

    /** Operands; non-final so the JIT cannot treat them as constants. */
    double[] x;
    double[] w;
    double[] b;
    double[] y;
    double[] dy;
    double[] dx;
    double[] dw;
    /** Products per call: {@link #FLOPS} in all. */
    int repeats;

    /** Gaussian operands (constant seed). */
    @Setup
    public void setUp() {
        Random random = new Random(16);
        x = gaussian(random, BATCH * width);
        w = gaussian(random, width * width);
        b = gaussian(random, width);
        y = new double[BATCH * width];
        dy = gaussian(random, BATCH * width);
        dx = new double[BATCH * width];
        dw = new double[width * width];
        repeats = FLOPS / (2 * BATCH * width * width);
    }

    private static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    /**
     * {@code y = x·Wᵀ + b}.
     *
     * @return the output
     */
    @Benchmark
    public double[] affine() {
        for (int k = 0; k < repeats; k++) {
            Plain.affine(x, 0, w, 0, b, 0, y, 0, BATCH, width, width);
        }
        return y;
    }

    /**
     * {@code dx += dy·W}.
     *
     * @return the input's adjoint
     */
    @Benchmark
    public double[] inputAdjoint() {
        for (int k = 0; k < repeats; k++) {
            Plain.addInputAdjoint(dy, 0, w, 0, dx, 0, BATCH, width, width);
        }
        return dx;
    }

    /**
     * {@code dW += dyᵀ·x}.
     *
     * @return the weights' adjoint
     */
    @Benchmark
    public double[] weightAdjoint() {
        for (int k = 0; k < repeats; k++) {
            Plain.addWeightAdjoint(dy, 0, x, 0, dw, 0, BATCH, width, width);
        }
        return dw;
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar DenseKernelBenchmark -prof gc
