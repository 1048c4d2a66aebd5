package org.dualtape.jmh;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.commons.math3.RealFieldElement;
import org.dualtape.tape.Replay;
import org.dualtape.tape.Reverse;
import org.dualtape.tape.Tape;
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
 * Question 5: what do the parts of a reverse-mode gradient cost, relative to one plain evaluation:
 * recording the tape, one reverse sweep over it, and a replay (values and partials at a new point,
 * then a sweep, without running user code)? And do the sweep and the replay allocate (run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} of {@code reverseSweep} and {@code replay} should be
 * 0 bytes per operation)?
 *
 * <p>Two functions of n inputs: a chain of cheap scalar operations, the worst case for a tape
 * (Horner's rule {@code s = s·x[i] + x[i+1]}, one multiply and one add per step, each waiting for
 * the last, {@link #chain(double[])}), and the extended Rosenbrock function
 * ({@link Functions#rosenbrock(double[])}, nine operations per term).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TapeMechanicsBenchmark {
    /** Which function: {@code chain} or {@code rosenbrock}. */
    @Param({"chain", "rosenbrock"})
    String function;

    /** Number of inputs. */
    @Param({"100", "10000"})
    int n;

    /** The point; non-final so the JIT cannot treat it as a constant. */
    double[] x;
    /** Whether {@link #function} is the chain (a field, so the baseline does not compare strings). */
    boolean isChain;
    /** Receives the replayed gradient. */
    double[] gradient;

    private Function<Var[], Var> f;
    /** The tape {@link #record()} records on, again and again. */
    private Tape recording;
    /** A tape recorded once, swept by {@link #reverseSweep()}. */
    private Tape swept;
    private Var sweptOutput;
    private Var sweptInput;
    /** A recording replayed by {@link #replay()}. */
    private Replay replay;

    /** Draws the point from a constant seed (same point every run) and records the tapes. */
    @Setup
    public void setUp() {
        x = Functions.randomPoint(n, 1); // |x| <= 1 keeps the chain's value bounded
        gradient = new double[n];
        isChain = function.equals("chain");
        f = isChain ? TapeMechanicsBenchmark::chain : Functions::rosenbrock;
        recording = new Tape();
        swept = new Tape();
        Var[] v = swept.variables(x);
        sweptInput = v[0];
        sweptOutput = f.apply(v);
        replay = Reverse.record(f, x);
    }

    /**
     * The baseline: one plain evaluation.
     *
     * @return the value
     */
    @Benchmark
    public double plainDouble() {
        return isChain ? chain(x) : Functions.rosenbrock(x);
    }

    /**
     * Recording alone: clear the tape (keeping its arrays) and run the function on it.
     *
     * @return the recorded value
     */
    @Benchmark
    public double record() {
        recording.clear();
        return f.apply(recording.variables(x)).value();
    }

    /**
     * One reverse sweep over a tape recorded in setup (adjoints cleared, seeded, propagated).
     *
     * @return the adjoint of the first input
     */
    @Benchmark
    public double reverseSweep() {
        swept.reverse(sweptOutput);
        return sweptInput.adjoint();
    }

    /**
     * A replay at the point: values and partials re-evaluated from the tape, then one reverse sweep
     * into a gradient array owned by the benchmark.
     *
     * @return the value
     */
    @Benchmark
    public double replay() {
        return replay.valueAndGradient(x, gradient);
    }

    /**
     * The whole gradient by {@link Reverse#gradient}: recording on the thread's tape and one sweep.
     *
     * @return the gradient
     */
    @Benchmark
    public double[] gradient() {
        return Reverse.gradient(f, x);
    }

    /**
     * Horner's rule over the inputs, plain code: {@code s = x[0]}, then {@code s = s·x[i] + x[i+1]}.
     *
     * @param x the inputs, at least one; not modified
     * @return the value
     */
    static double chain(double[] x) {
        double s = x[0];
        for (int i = 1; i + 1 < x.length; i += 2) {
            s = s * x[i] + x[i + 1];
        }
        return s;
    }

    /**
     * Horner's rule over the inputs, generic: the same operations in the same order.
     *
     * @param x the inputs, at least one; not modified
     * @param <T> the number type
     * @return the value
     */
    static <T extends RealFieldElement<T>> T chain(T[] x) {
        T s = x[0];
        for (int i = 1; i + 1 < x.length; i += 2) {
            s = s.multiply(x[i]).add(x[i + 1]);
        }
        return s;
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar TapeMechanicsBenchmark -prof gc
