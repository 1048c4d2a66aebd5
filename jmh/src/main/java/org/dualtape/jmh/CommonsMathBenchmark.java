package org.dualtape.jmh;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.MathArrays;
import org.apache.commons.math3.util.Pair;
import org.dualtape.dual.Forward;
import org.dualtape.dual.MultiDual;
import org.dualtape.tape.CommonsMath;
import org.dualtape.tape.Replay;
import org.dualtape.tape.Reverse;
import org.dualtape.tape.Var;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does a least-squares model cost through {@link CommonsMath#jacobianFunction}, against
 * {@link Forward#jacobian} plus one plain evaluation (what a user pays who evaluates twice)?
 *
 * <p>The README's curve fit: y = a·e^(−bt)·cos(ct + d) at 50 times, 4 parameters. Target: the
 * adapter (values and Jacobian, wrapped for Commons Math) within 1.2 × ({@link #forwardJacobian}
 * + {@link #plainDouble}).
 *
 * <p>Measured on 2026-12-02 on the shared 2-core machine at load average 29, where average times
 * had errors of ±80% or more: in sample mode (1 fork, 10 × 0.5 s) the medians were 5.17 µs for the
 * adapter, 4.78 µs for {@code forwardJacobian} and 0.77 µs for {@code plainDouble}, so the adapter
 * costs 0.93 × (Jacobian + plain evaluation): the values come with the Jacobian, not from a second
 * evaluation. With {@code -prof gc}: the compiled replay into buffers allocates 1.6 KB per call
 * (the adapter's wrapping is absent there), forward into buffers 20.6 KB (its multi-dual numbers).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CommonsMathBenchmark {

    private static final int POINTS = 50;
    private static final double[] TIMES = new double[POINTS];

    static {
        for (int i = 0; i < POINTS; i++) {
            TIMES[i] = 0.1 * i;
        }
    }

    /** The parameters (a, b, c, d); non-final so the JIT cannot treat them as constants. */
    double[] p = {2, 0.3, 1.7, 0.4};
    /** The same point as Commons Math hands it to a model. */
    RealVector point = new ArrayRealVector(p);
    /** Output buffer of the plain evaluation. */
    double[] y = new double[POINTS];

    /** Caller buffers of the into-buffer forms. */
    double[] values = new double[POINTS];
    double[][] rows = new double[POINTS][4];

    private Function<MultiDual[], MultiDual[]> forwardModel;
    private Function<Var[], Var[]> reverseModel;
    private Replay compiled;
    private MultivariateJacobianFunction adapter;
    private MultivariateJacobianFunction replayAdapter;

    /** The model at every time, for p = (a, b, c, d). */
    static <T extends RealFieldElement<T>> T[] model(T[] p) {
        T[] y = MathArrays.buildArray(p[0].getField(), POINTS);
        for (int i = 0; i < POINTS; i++) {
            double t = TIMES[i];
            y[i] = p[0].multiply(p[1].multiply(-t).exp()).multiply(p[2].multiply(t).add(p[3]).cos());
        }
        return y;
    }

    /** Builds the adapters (the replay's recording is made here, once). */
    @Setup
    public void setUp() {
        forwardModel = CommonsMathBenchmark::model;
        reverseModel = CommonsMathBenchmark::model;
        compiled = Reverse.recordVector(reverseModel, p).compile();
        adapter = CommonsMath.jacobianFunction(CommonsMathBenchmark::model);
        replayAdapter = CommonsMath.jacobianFunction(Reverse.recordVector(CommonsMathBenchmark::model, p));
    }

    /**
     * The baseline: one plain evaluation of the model.
     *
     * @return the outputs
     */
    @Benchmark
    public double[] plainDouble() {
        for (int i = 0; i < POINTS; i++) {
            double t = TIMES[i];
            y[i] = p[0] * Math.exp(p[1] * -t) * Math.cos(p[2] * t + p[3]);
        }
        return y;
    }

    /**
     * The Jacobian alone by forward mode (one pass of 4 tangents).
     *
     * @return J as [50][4]
     */
    @Benchmark
    public double[][] forwardJacobian() {
        return Forward.jacobian(forwardModel, p);
    }

    /**
     * Values and Jacobian through the adapter, as Levenberg–Marquardt calls it.
     *
     * @return the pair Commons Math receives
     */
    @Benchmark
    public Pair<RealVector, RealMatrix> adapter() {
        return adapter.value(point);
    }

    /**
     * Values and Jacobian through the adapter of a recorded tape (replayed, not run).
     *
     * @return the pair Commons Math receives
     */
    @Benchmark
    public Pair<RealVector, RealMatrix> adapterOfReplay() {
        return replayAdapter.value(point);
    }

    /**
     * Values and Jacobian into the caller's buffers by forward mode: with {@code -prof gc}, what
     * the dual side allocates (the results allocate nothing).
     *
     * @return the rows
     */
    @Benchmark
    public double[][] forwardIntoBuffers() {
        Forward.valueAndJacobian(forwardModel, p, values, rows);
        return rows;
    }

    /**
     * Values and Jacobian into the caller's buffers by reverse mode (the thread's tape reused).
     *
     * @return the rows
     */
    @Benchmark
    public double[][] reverseIntoBuffers() {
        Reverse.valueAndJacobian(reverseModel, p, values, rows);
        return rows;
    }

    /**
     * Values and Jacobian into the caller's buffers by a compiled replay.
     *
     * @return the rows
     */
    @Benchmark
    public double[][] compiledReplayIntoBuffers() {
        compiled.valueAndJacobian(p, values, rows);
        return rows;
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar CommonsMathBenchmark -f 1 -wi 3 -i 5 -w 500ms -r 500ms -prof gc
// (on a loaded machine add -bm sample -tu us and compare the p0.50 rows)
