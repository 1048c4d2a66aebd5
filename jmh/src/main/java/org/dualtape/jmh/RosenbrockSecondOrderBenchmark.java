package org.dualtape.jmh;

import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
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
 * Question 7: what does second order cost on the extended Rosenbrock function
 * ({@link Functions#rosenbrock(double[])}): one Hessian-vector product against one gradient, and a
 * whole Hessian against Commons Math's {@code DerivativeStructure} of order 2?
 *
 * <p>Forward-over-reverse should make one HVP a small constant times one gradient whatever n
 * (three sweeps over the same tape against one), and a Hessian n HVPs' sweeps after one
 * recording; {@code DerivativeStructure} of order 2 carries {@code (n + 1)(n + 2)/2} coefficients
 * through every operation, so its Hessian costs O(n³) here and its memory grows faster still.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RosenbrockSecondOrderBenchmark {
    /** Number of inputs. */
    @Param({"10", "1000"})
    int n;

    /** The point; non-final so the JIT cannot treat it as a constant. */
    double[] x;
    /** The seed of the HVPs. */
    double[] v;
    /** The function recorded once, for the replayed forms. */
    Replay replay;
    /** Receives the replayed gradient. */
    double[] gradient;

    /** Draws the point and the seed from constant seeds; records the replay. */
    @Setup
    public void setUp() {
        x = Functions.randomPoint(n, 2);
        v = Functions.randomPoint(n, 1);
        replay = Reverse.record(Functions::rosenbrock, x);
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
     * One gradient: record and one reverse sweep.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] gradient() {
        return Reverse.gradient(Functions::rosenbrock, x);
    }

    /**
     * One Hessian-vector product: record, then the reverse, tangent and adjoint-tangent sweeps.
     *
     * @return {@code H·v}
     */
    @Benchmark
    public double[] hvp() {
        return Reverse.hvp(Functions::rosenbrock, x, v);
    }

    /**
     * One gradient from the tape recorded in setup (values, partials, one reverse sweep).
     *
     * @return the value
     */
    @Benchmark
    public double replayGradient() {
        return replay.valueAndGradient(x, gradient);
    }

    /**
     * One Hessian-vector product from the tape recorded in setup.
     *
     * @return {@code H·v}
     */
    @Benchmark
    public double[] replayHvp() {
        return replay.hvp(x, v);
    }

    /**
     * The whole Hessian: one recording, one reverse sweep, then n columns {@code H·e_j}.
     *
     * @return the Hessian
     */
    @Benchmark
    public double[][] hessian() {
        return Reverse.hessian(Functions::rosenbrock, x);
    }

    /**
     * The largest n for which {@link #derivativeStructureHessian()} runs: at order 2 each value
     * carries {@code (n + 1)(n + 2)/2} coefficients (501,501 doubles, 4 MB, at n = 1000, per
     * intermediate of about 9n operations), and Commons Math's {@code DSCompiler} tables grow
     * faster still, so n = 1000 is out of reach.
     */
    static final int DERIVATIVE_STRUCTURE_LIMIT = 100;

    /**
     * Commons Math's {@code DerivativeStructure} with n variables, order 2: the Hessian from the
     * second-order coefficients.
     *
     * @return the Hessian
     * @throws UnsupportedOperationException above {@link #DERIVATIVE_STRUCTURE_LIMIT} variables
     */
    @Benchmark
    public double[][] derivativeStructureHessian() {
        if (n > DERIVATIVE_STRUCTURE_LIMIT) {
            throw new UnsupportedOperationException("DerivativeStructure of order 2 cannot hold " + n
                    + " variables: (n + 1)(n + 2)/2 = " + (long) (n + 1) * (n + 2) / 2 + " coefficients per value");
        }
        DerivativeStructure[] d = new DerivativeStructure[n];
        for (int i = 0; i < n; i++) {
            d[i] = new DerivativeStructure(n, 2, i, x[i]);
        }
        DerivativeStructure y = Functions.rosenbrock(d);
        double[][] h = new double[n][n];
        int[] orders = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                orders[i]++;
                orders[j]++;
                h[i][j] = y.getPartialDerivative(orders);
                h[j][i] = h[i][j];
                orders[i]--;
                orders[j]--;
            }
        }
        return h;
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar RosenbrockSecondOrderBenchmark -p n=10,1000 -f 1 -wi 3 -i 5 -w 500ms -r 500ms
