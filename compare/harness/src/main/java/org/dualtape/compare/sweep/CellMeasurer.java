package org.dualtape.compare.sweep;

import org.dualtape.dual.ChunkPolicy;

/**
 * Measures one (method, width) cell inside a worker JVM: the plain loss, then the method's
 * gradient within the time budget, then the partials the accuracy check needs.
 *
 * <p><b>Warm-up</b>: before its first cell a worker runs the method for
 * {@link #jvmWarmupSeconds(double)} ({@link #warmUp}), so the JIT has compiled the method's code
 * before anything is timed; every timing then has a warm-up of its own as well.
 *
 * <p><b>Budget</b> (seconds per cell; JVM warm-up and accuracy check not included): about 20%
 * goes to timing the plain loss, the rest to the gradient. A method that can be timed in part
 * first runs on one unit of coordinates (one chunk, or one coordinate), which predicts the cost of
 * a whole gradient; {@link TimingPlan} then decides whether the whole gradient or part of it is
 * timed. A whole-gradient method whose single gradient exceeds the budget still runs at least
 * twice (one warm-up, one sample).
 */
final class CellMeasurer {
    private static final double LOSS_WARMUP = 0.08;
    private static final double LOSS_MEASURE = 0.12;
    private static final double PROBE_WARMUP = 0.15;
    private static final double PROBE_MEASURE = 0.05;
    private static final double FIXED_MEASURE = 0.05;
    private static final double PART_WARMUP = 0.05;
    private static final double PART_MEASURE = 0.45;
    private static final double WHOLE_WARMUP = 0.3;
    private static final double WHOLE_MEASURE = 0.5;
    private static final double MIN_JVM_WARMUP = 1.0;
    private static final double MAX_JVM_WARMUP = 3.0;

    private final ProblemFamily family;
    private final double budgetSeconds;
    private final int requestedChunk;

    /**
     * Creates a measurer.
     *
     * @param family the losses
     * @param budgetSeconds seconds per cell, above 0
     * @param requestedChunk tangents per pass for the chunked methods, or 0 for the default
     *     chunk policy
     * @throws IllegalArgumentException if the budget is not above 0 or the chunk is negative
     */
    public CellMeasurer(ProblemFamily family, double budgetSeconds, int requestedChunk) {
        if (!(budgetSeconds > 0) || requestedChunk < 0) {
            throw new IllegalArgumentException("need budget > 0 and chunk >= 0 (0: default), got "
                    + budgetSeconds + " and " + requestedChunk);
        }
        this.family = family;
        this.budgetSeconds = budgetSeconds;
        this.requestedChunk = requestedChunk;
    }

    /**
     * Returns how long a worker warms up before its first cell: the budget, kept within 1 to 3
     * seconds.
     *
     * @param budgetSeconds the budget per cell
     * @return the warm-up in seconds
     */
    public static double jvmWarmupSeconds(double budgetSeconds) {
        return Math.min(MAX_JVM_WARMUP, Math.max(MIN_JVM_WARMUP, budgetSeconds));
    }

    /**
     * Runs the method and the plain loss at one width for a while, timing nothing, so that the
     * JIT compiles their code before the first cell is measured.
     *
     * @param method the method
     * @param width the width, at least 1
     * @param seconds how long, at least 0 (each part runs at least once)
     */
    public void warmUp(Method method, int width, double seconds) {
        SweepProblem problem = family.create(width);
        int n = problem.parameterCount();
        double[] w = problem.initialParameters();
        int chunk = chunkFor(method, n, requestedChunk);
        Evaluator evaluator = method.prepare(problem, chunk);
        Runnable gradient = task(evaluator, w, method.partial() ? Math.min(method.unit(chunk), n) : n);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            Stopwatch.consume(problem.loss(w));
            gradient.run();
        } while (System.nanoTime() < end);
    }

    /**
     * Measures one cell. Failures of the method are not caught here.
     *
     * @param method the method
     * @param width the width, at least 1
     * @return the measurement
     */
    public Measurement measure(Method method, int width) {
        SweepProblem problem = family.create(width);
        int n = problem.parameterCount();
        double[] w = problem.initialParameters();
        int chunk = chunkFor(method, n, requestedChunk);

        Stopwatch.Timing loss = Stopwatch.time(() -> Stopwatch.consume(problem.loss(w)),
                LOSS_WARMUP * budgetSeconds, LOSS_MEASURE * budgetSeconds);

        Evaluator evaluator = method.prepare(problem, chunk);
        TimingPlan plan;
        Stopwatch.Timing timing;
        Stopwatch.Timing fixed = new Stopwatch.Timing(0, 0, 0, 0);
        if (method.partial()) {
            int unit = Math.min(method.unit(chunk), n);
            Stopwatch.Timing probe = time(task(evaluator, w, unit), PROBE_WARMUP, PROBE_MEASURE);
            if (method.fixedPass()) {
                fixed = time(task(evaluator, w, 0), 0, FIXED_MEASURE);
            }
            plan = TimingPlan.choose(method, n, chunk, probe.seconds(), fixed.seconds(),
                    PART_MEASURE * budgetSeconds);
            timing = time(task(evaluator, w, plan.coordinates()), PART_WARMUP, PART_MEASURE);
        } else {
            plan = new TimingPlan(n, n, false);
            timing = time(task(evaluator, w, n), WHOLE_WARMUP, WHOLE_MEASURE);
        }

        int[] checked = AccuracyPlan.coordinates(problem);
        double[] partials = new double[checked.length];
        evaluator.gradient(w, checked, partials);

        return new Measurement(method.label(), width, n, chunk,
                plan.extrapolate(method, chunk, timing.seconds(), fixed.seconds()), loss.seconds(),
                method.passes(n, chunk),
                plan.extrapolate(method, chunk, timing.bytesPerRun(), fixed.bytesPerRun()),
                evaluator.tapeEntries(), evaluator.tapeBytes(), plan.estimated(),
                plan.coordinates(), timing.samples(), partials, null);
    }

    /**
     * Returns the chunk a method uses: the requested one (no wider than the parameter count and
     * {@link ChunkPolicy#WIDEST_CHUNK}, as {@code Forward} seeds it) for the
     * chunked methods, else 1.
     *
     * @param method the method
     * @param parameters the parameter count
     * @param requested the requested chunk, or 0 for the default chunk policy
     * @return the chunk, at least 1
     */
    public static int chunkFor(Method method, int parameters, int requested) {
        if (method != Method.FORWARD_CHUNKED && method != Method.COMMONS_MATH_DS) {
            return 1;
        }
        return requested == 0 ? ChunkPolicy.chunkSize(parameters)
                : ChunkPolicy.passWidth(requested, parameters);
    }

    /** The whole gradient if {@code m} is all coordinates, else partials at m spread ones. */
    private static Runnable task(Evaluator evaluator, double[] w, int m) {
        if (m == w.length) {
            double[] gradient = new double[w.length];
            return () -> evaluator.gradient(w, gradient);
        }
        int[] part = m == 0 ? new int[0] : Coordinates.spread(w.length, m);
        double[] out = new double[m];
        return () -> evaluator.gradient(w, part, out);
    }

    private Stopwatch.Timing time(Runnable task, double warmup, double measure) {
        return Stopwatch.time(task, warmup * budgetSeconds, measure * budgetSeconds);
    }
}
