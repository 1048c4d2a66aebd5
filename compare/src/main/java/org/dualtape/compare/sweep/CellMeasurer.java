package org.dualtape.compare.sweep;

/**
 * Measures one (method, width) cell inside a worker JVM: the plain loss, then the method's
 * gradient within the time budget, then the partials the accuracy check needs.
 *
 * <p><b>Budget</b> (seconds per cell, accuracy check and JVM start not included): about 20% goes
 * to timing the plain loss, the rest to the gradient. A method that can be timed in part first
 * warms up on one unit of coordinates (one chunk, or one coordinate), which also predicts the
 * cost of a whole gradient; {@link TimingPlan} then decides whether the whole gradient or part of
 * it is timed. A whole-gradient method whose single gradient exceeds the budget still runs at
 * least twice (one warm-up, one sample).
 */
public final class CellMeasurer {
    private static final double LOSS_WARMUP = 0.08;
    private static final double LOSS_MEASURE = 0.12;
    private static final double PROBE_WARMUP = 0.2;
    private static final double PROBE_MEASURE = 0.05;
    private static final double PART_WARMUP = 0.05;
    private static final double PART_MEASURE = 0.45;
    private static final double WHOLE_WARMUP = 0.3;
    private static final double WHOLE_MEASURE = 0.5;

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
        if (method.partial()) {
            int unit = Math.min(method.unit(chunk), n);
            int[] unitCoordinates = Coordinates.spread(n, unit);
            double[] unitOut = new double[unit];
            Stopwatch.Timing probe = Stopwatch.time(() -> evaluator.partials(w, unitCoordinates, unitOut),
                    PROBE_WARMUP * budgetSeconds, PROBE_MEASURE * budgetSeconds);
            plan = TimingPlan.choose(method, n, chunk, probe.seconds(), PART_MEASURE * budgetSeconds);
            timing = timeGradient(evaluator, w, plan, PART_WARMUP, PART_MEASURE);
        } else {
            plan = new TimingPlan(n, n, false);
            timing = timeGradient(evaluator, w, plan, WHOLE_WARMUP, WHOLE_MEASURE);
        }

        int[] checked = AccuracyPlan.coordinates(n);
        double[] partials = new double[checked.length];
        evaluator.partials(w, checked, partials);

        return new Measurement(method.label(), width, n, chunk,
                plan.extrapolate(method, chunk, timing.seconds()), loss.seconds(),
                method.passes(n, chunk), plan.extrapolate(method, chunk, timing.bytesPerRun()),
                evaluator.tapeEntries(), evaluator.tapeBytes(), plan.estimated(),
                plan.coordinates(), timing.samples(), partials, null);
    }

    /**
     * Returns the chunk a method uses: the requested one (capped at the parameter count) for the
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
        return requested == 0 ? MethodWiring.defaultChunk(parameters)
                : Math.max(1, Math.min(requested, parameters));
    }

    private Stopwatch.Timing timeGradient(Evaluator evaluator, double[] w, TimingPlan plan,
            double warmup, double measure) {
        Runnable task;
        if (plan.estimated()) {
            int[] part = Coordinates.spread(w.length, plan.coordinates());
            double[] out = new double[part.length];
            task = () -> evaluator.partials(w, part, out);
        } else {
            double[] gradient = new double[w.length];
            task = () -> evaluator.gradient(w, gradient);
        }
        return Stopwatch.time(task, warmup * budgetSeconds, measure * budgetSeconds);
    }
}
