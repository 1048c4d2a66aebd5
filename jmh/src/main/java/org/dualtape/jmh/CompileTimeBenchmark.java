package org.dualtape.jmh;

import java.util.concurrent.TimeUnit;
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
 * Question 6: how long does {@link Replay#compile()} take, from a recorded tape to a compiled
 * replay ready to call (code generated, hidden class defined; the JIT's own compilation of that
 * class comes later, on the first calls), for the Rosenbrock gradient of about 1,000, 10,000 and
 * 100,000 entries? {@code plainDouble} is one plain evaluation of the same function, so the
 * table's ratio is the number of plain evaluations one compile costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@State(Scope.Benchmark)
public class CompileTimeBenchmark {
    /** Entries of the tape (Rosenbrock records about 10 per input). */
    @Param({"1000", "10000", "100000"})
    int entries;

    double[] x;
    Replay replay;

    /** Records the tape. */
    @Setup
    public void setUp() {
        x = Functions.randomPoint(entries / 10, 2);
        replay = Reverse.record(Functions::rosenbrock, x);
    }

    /**
     * One plain evaluation of the function, for the ratio.
     *
     * @return the value
     */
    @Benchmark
    public double plainDouble() {
        return Functions.rosenbrock(x);
    }

    /**
     * Compiles the tape (the gradient program, which {@code compile()} generates at once).
     *
     * @return the compiled replay
     */
    @Benchmark
    public Replay compile() {
        return replay.compile();
    }
}
// HOW TO RUN: java -jar jmh/target/benchmarks.jar CompileTimeBenchmark
