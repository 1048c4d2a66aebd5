package org.dualtape.jmh;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.dualtape.tape.Replay;
import org.dualtape.tape.Reverse;
import org.dualtape.tape.Var;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;
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
 * Question 5: what does the Jacobian of a small vector function cost when the tape is compiled to
 * JVM code, against the hand-written derivative (the floor) and Hipparchus 4's {@code Gradient}
 * and {@code DerivativeStructure} (the maintained anchor), relative to one plain evaluation?
 *
 * <p>{@code spherical}: (r, θ, φ) → Cartesian, n = m = 3; {@code lorenz96}: n = m = 10, four
 * nonzeros per row; {@code residuals}: 50 residuals of a 4-parameter model, the Jacobian of a
 * least-squares fit. The tape rows write into buffers the benchmark owns ({@link Replay#jacobian(
 * double[], double[][])}), as the hand-written row does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CompiledJacobianBenchmark {
    /** The function. */
    @Param({"spherical", "lorenz96", "residuals"})
    String function;

    /** The point; non-final so the JIT cannot treat it as a constant. */
    double[] x;
    /** The output buffer of the plain evaluation. */
    double[] y;
    /** The Jacobian buffer of the hand-written and tape rows. */
    double[][] jacobian;

    private Replay interpreted;
    private Replay compiled;
    private DSFactory factory;

    /** Picks the point, records and compiles the tape. */
    @Setup
    public void setUp() {
        int n = switch (function) {
            case "spherical" -> 3;
            case "lorenz96" -> 10;
            default -> 4;
        };
        x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 + 0.25 * i;
        }
        Function<Var[], Var[]> f = switch (function) {
            case "spherical" -> Functions::spherical;
            case "lorenz96" -> Functions::lorenz96;
            default -> Functions::residuals;
        };
        interpreted = Reverse.recordVector(f, x);
        compiled = interpreted.compile();
        y = new double[interpreted.outputCount()];
        jacobian = new double[y.length][n];
        factory = new DSFactory(n, 1);
    }

    /**
     * The baseline: one plain evaluation.
     *
     * @return the output
     */
    @Benchmark
    public double[] plainDouble() {
        switch (function) {
            case "spherical" -> Functions.spherical(x, y);
            case "lorenz96" -> Functions.lorenz96(x, y);
            default -> Functions.residuals(x, y);
        }
        return y;
    }

    /**
     * The derivative written by hand, into the buffer.
     *
     * @return the Jacobian
     */
    @Benchmark
    public double[][] handWritten() {
        switch (function) {
            case "spherical" -> HandWritten.sphericalJacobian(x, jacobian);
            case "lorenz96" -> HandWritten.lorenz96Jacobian(x, jacobian);
            default -> HandWritten.residualsJacobian(x, jacobian);
        }
        return jacobian;
    }

    /**
     * The tape compiled to JVM code (forward tangents or reverse sweeps, as its toString says), into
     * the buffer.
     *
     * @return the Jacobian
     */
    @Benchmark
    public double[][] compiled() {
        compiled.jacobian(x, jacobian);
        return jacobian;
    }

    /**
     * The tape replayed by interpretation, into the buffer.
     *
     * @return the Jacobian
     */
    @Benchmark
    public double[][] replay() {
        interpreted.jacobian(x, jacobian);
        return jacobian;
    }

    /**
     * Hipparchus 4's {@code Gradient}: value and n partials per number.
     *
     * @return the Jacobian
     */
    @Benchmark
    public double[][] hipparchusGradient() {
        int n = x.length;
        Gradient[] v = new Gradient[n];
        for (int i = 0; i < n; i++) {
            v[i] = Gradient.variable(n, i, x[i]);
        }
        Gradient[] out = switch (function) {
            case "spherical" -> HandWritten.spherical(v);
            case "lorenz96" -> HandWritten.lorenz96(v);
            default -> HandWritten.residuals(v);
        };
        double[][] j = new double[out.length][];
        for (int r = 0; r < out.length; r++) {
            j[r] = out[r].getGradient();
        }
        return j;
    }

    /**
     * Hipparchus 4's {@code DerivativeStructure}, order 1.
     *
     * @return the Jacobian
     */
    @Benchmark
    public double[][] hipparchusDerivativeStructure() {
        int n = x.length;
        DerivativeStructure[] v = new DerivativeStructure[n];
        for (int i = 0; i < n; i++) {
            v[i] = factory.variable(i, x[i]);
        }
        DerivativeStructure[] out = switch (function) {
            case "spherical" -> HandWritten.spherical(v);
            case "lorenz96" -> HandWritten.lorenz96(v);
            default -> HandWritten.residuals(v);
        };
        double[][] j = new double[out.length][];
        for (int r = 0; r < out.length; r++) {
            j[r] = java.util.Arrays.copyOfRange(out[r].getAllDerivatives(), 1, n + 1);
        }
        return j;
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar CompiledJacobianBenchmark -prof gc
