package org.dualtape.compare.sweep;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Times a task: warm-up, then the median of repeated samples, and the bytes the task allocates.
 *
 * <p><b>Warm-up</b> runs the task until the warm-up time has passed (at least once), so the JIT
 * has compiled it. <b>Samples</b>: a task shorter than {@link #MIN_SAMPLE_SECONDS} is repeated
 * inside each sample so that the clock's resolution does not matter; samples are taken until the
 * measuring time has passed and at least {@link #MIN_SAMPLES} exist, but a task so slow that a
 * further sample would take the measurement past twice its time stops earlier (at least one
 * sample is always taken; the shortest sample so far predicts the next). <b>Allocation</b> comes from the JVM's per-thread counter
 * ({@code com.sun.management.ThreadMXBean}), NaN where that is unsupported.
 */
final class Stopwatch {
    /** Shortest sample; shorter tasks are repeated inside one sample. */
    public static final double MIN_SAMPLE_SECONDS = 1e-3;
    /** Samples wanted for a median. */
    public static final int MIN_SAMPLES = 3;
    /** At most this many samples. */
    public static final int MAX_SAMPLES = 51;

    /**
     * The outcome of timing one task.
     *
     * @param seconds median seconds per run of the task
     * @param samples number of samples the median is taken over
     * @param runs number of timed runs (samples times repetitions per sample)
     * @param bytesPerRun bytes allocated per run, NaN if unknown
     * @param spread how far the samples scatter: the upper over the lower quartile (the largest
     *     over the smallest sample below four samples), 1 for a single sample
     */
    public record Timing(double seconds, int samples, long runs, double bytesPerRun, double spread) {
        /**
         * A timing without a spread (1).
         *
         * @param seconds median seconds per run
         * @param samples samples
         * @param runs timed runs
         * @param bytesPerRun bytes per run
         */
        public Timing(double seconds, int samples, long runs, double bytesPerRun) {
            this(seconds, samples, runs, bytesPerRun, 1);
        }
    }

    private static volatile double sink;

    private Stopwatch() {
    }

    /**
     * Times a task.
     *
     * @param task the work; its result must go somewhere the JIT cannot drop (a field, an array)
     * @param warmupSeconds time spent warming up, at least 0 (the task runs at least once)
     * @param measureSeconds time spent measuring, above 0
     * @return the timing
     */
    public static Timing time(Runnable task, double warmupSeconds, double measureSeconds) {
        long warmupNanos = (long) (warmupSeconds * 1e9);
        long start = System.nanoTime();
        long warmRuns = 0;
        long elapsed;
        do {
            task.run();
            warmRuns++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < warmupNanos);
        double perRun = (double) elapsed / warmRuns;
        int repeats = (int) Math.max(1, Math.ceil(MIN_SAMPLE_SECONDS * 1e9 / perRun));

        long measureNanos = (long) (measureSeconds * 1e9);
        double[] samples = new double[MAX_SAMPLES];
        int count = 0;
        long shortest = Long.MAX_VALUE;
        long bytesBefore = allocatedBytes();
        long measureStart = System.nanoTime();
        while (true) {
            long t0 = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                task.run();
            }
            long t1 = System.nanoTime();
            samples[count++] = (double) (t1 - t0) / repeats;
            shortest = Math.min(shortest, t1 - t0);
            long spent = t1 - measureStart;
            // The shortest sample, not the last, predicts the next: one preempted sample on a
            // loaded machine must not cut the median short.
            boolean enough = count >= MIN_SAMPLES || spent + shortest > 2 * measureNanos;
            if (count == MAX_SAMPLES || (spent >= measureNanos && enough)) {
                break;
            }
        }
        long bytesAfter = allocatedBytes();
        long runs = (long) count * repeats;
        double bytes = bytesBefore < 0 ? Double.NaN : (double) (bytesAfter - bytesBefore) / runs;
        return new Timing(median(samples, count) * 1e-9, count, runs, bytes, spread(samples, count));
    }

    /**
     * Returns the median of the first {@code count} values.
     *
     * @param values the values; not modified
     * @param count how many of them, at least 1
     * @return the middle value, or the mean of the two middle ones for an even count
     */
    /** The upper over the lower quartile of the first {@code count} values (max over min below four). */
    static double spread(double[] values, int count) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        if (count < 4) {
            return sorted[count - 1] / sorted[0];
        }
        return sorted[(3 * count) / 4] / sorted[count / 4];
    }

    static double median(double[] values, int count) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int mid = count / 2;
        return count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * Keeps a value alive so the JIT cannot remove the computation that produced it.
     *
     * @param value any result
     */
    static void consume(double value) {
        sink += value;
    }

    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean) {
            com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
            if (sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled()) {
                return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
            }
        }
        return -1;
    }
}
