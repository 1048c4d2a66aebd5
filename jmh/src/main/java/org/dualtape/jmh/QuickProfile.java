package org.dualtape.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a quick profile of every benchmark (one fork, short iterations, the GC profiler) and
 * writes {@code RESULTS.md}: the machine, the command, every score with its error, the ratios
 * that matter and the targets of the performance issue, each marked met or missed.
 *
 * <p>About 10 to 15 minutes on a 2-core machine. Arguments: an optional output file (default
 * {@code jmh/RESULTS.md}) and an optional JMH include pattern (default: every benchmark).
 */
public final class QuickProfile {
    /** The command that runs this class, quoted in the results. */
    static final String COMMAND =
            "mvn -B -q package -DskipTests && java -cp jmh/target/benchmarks.jar org.dualtape.jmh.QuickProfile";

    /**
     * Warm-up iterations of 0.5 s per benchmark. Three were too few for C2 to finish compiling
     * the forward Jacobian on two cores: its first measured iteration still ran several times
     * slower than the rest (4.6 µs, then 0.65 µs at n = 10), which moved the mean by 2×.
     */
    static final int WARMUP_ITERATIONS = 5;

    private QuickProfile() {
    }

    /**
     * Runs the profile.
     *
     * @param args {@code [output file [include pattern]]}
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        Path out = Paths.get(args.length > 0 ? args[0] : "jmh/RESULTS.md");
        String include = args.length > 1 ? args[1] : "org\\.dualtape\\.jmh\\..*";
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            System.err.println("error: cannot write " + out + ": its folder does not exist or is not writable");
            System.exit(2);
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(WARMUP_ITERATIONS)
                .warmupTime(TimeValue.milliseconds(500))
                .measurementIterations(5)
                .measurementTime(TimeValue.milliseconds(500))
                .addProfiler(GCProfiler.class);
        long start = System.nanoTime();
        Collection<RunResult> results = new Runner(options.build()).run();
        double minutes = (System.nanoTime() - start) / 60e9;
        List<Score> scores = new ArrayList<>();
        for (RunResult r : results) {
            scores.add(Score.of(r));
        }
        String report = ResultsReport.render(scores, COMMAND, minutes);
        write(out, report);
        System.out.println("wrote " + out);
    }

    private static void write(Path out, String text) {
        try {
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), "results", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }
}
