package org.dualtape.compare.sweep;

import java.util.Locale;
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
 *
 * <p><b>The budget bounds the set-up too</b>: a method timed in part first runs one unit of
 * coordinates once. If that single pass takes longer than the whole budget (at least
 * {@value #PASS_FLOOR} s), or would by far ({@value #PREDICTION_MARGIN}×) by the previous width's
 * warm cost per loss evaluation, the cell is
 * not measured: it fails with a message saying that the method cannot run at this size within the
 * budget, instead of running for minutes. A whole-gradient method gets {@value #WHOLE_LIMIT}
 * budgets for its one gradient. The accuracy check of a slow method is limited to the evenly
 * spread part of the checked coordinates that fits {@value #ACCURACY_SHARE} of the budget (at
 * least {@value #ACCURACY_FLOOR} s, and at least one unit).
 *
 * <p><b>Reproducible estimates</b>: an estimated cell is timed twice, on its planned coordinates
 * and on half as many (or, when the plan is a single unit, on the same ones again), and both
 * timings are extrapolated. If the two estimates differ by more than {@value #AGREEMENT}×, the
 * cell is flagged ({@link Measurement#flag()}): its figure is not reproducible at this budget.
 * Any cell, measured or estimated, is flagged too when the samples of its loss or gradient timing
 * scatter more than {@value #AGREEMENT}× (upper over lower quartile): the machine was busy.
 */
final class CellMeasurer {
    private static final double LOSS_WARMUP = 0.08;
    private static final double LOSS_MEASURE = 0.12;
    private static final double PROBE_WARMUP = 0.15;
    private static final double PROBE_MEASURE = 0.05;
    private static final double FIXED_MEASURE = 0.05;
    private static final double PART_WARMUP = 0.05;
    private static final double PART_MEASURE = 0.3;
    private static final double CHECK_MEASURE = 0.15;
    /** Two extrapolations of one cell further apart than this factor flag the cell. */
    static final double AGREEMENT = Consistency.AGREEMENT;
    /** The share of the budget a slow method's accuracy check may take. */
    public static final double ACCURACY_SHARE = 0.5;
    /** The accuracy check may always take this long, however small the budget. */
    public static final double ACCURACY_FLOOR = 0.5;
    /** A single pass may always take this long before a method is said not to run at a size. */
    public static final double PASS_FLOOR = 1.0;
    /**
     * A width is skipped without running only when the previous width's warm pass per loss
     * evaluation predicts more than this many times the limit (a cold first pass and timing noise
     * must not skip a width that would fit).
     */
    static final double PREDICTION_MARGIN = 3;
    /** A whole-gradient method predicted to take more than this many budgets per gradient is not run. */
    private static final double WHOLE_LIMIT = 30;
    private static final double WHOLE_WARMUP = 0.3;
    private static final double WHOLE_MEASURE = 0.5;
    private static final double MIN_JVM_WARMUP = 1.0;
    private static final double MAX_JVM_WARMUP = 3.0;

    private final ProblemFamily family;
    private final double budgetSeconds;
    private final int requestedChunk;
    private final double passFloor;
    /** Seconds of one timed unit (partial methods) or gradient (whole methods) per loss evaluation at the last width. */
    private double unitPerLoss = Double.NaN;

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
        this(family, budgetSeconds, requestedChunk, PASS_FLOOR);
    }

    /** A measurer with another {@link #PASS_FLOOR}, for tests of the "cannot run" rule. */
    CellMeasurer(ProblemFamily family, double budgetSeconds, int requestedChunk, double passFloor) {
        if (!(budgetSeconds > 0) || requestedChunk < 0) {
            throw new IllegalArgumentException("need budget > 0 and chunk >= 0 (0: default), got "
                    + budgetSeconds + " and " + requestedChunk);
        }
        this.family = family;
        this.budgetSeconds = budgetSeconds;
        this.requestedChunk = requestedChunk;
        this.passFloor = passFloor;
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

        int unit = method.partial() ? Math.min(method.unit(chunk), n) : n;
        double limit = Math.max(passFloor, method.partial() ? budgetSeconds : WHOLE_LIMIT * budgetSeconds);
        double predicted = unitPerLoss * loss.seconds();
        if (predicted > PREDICTION_MARGIN * limit) {
            return cannotRun(method, width, n, String.format(Locale.ROOT, "would take about %.3g s"
                    + " (from the previous width)", predicted), unit);
        }
        Evaluator evaluator = method.prepare(problem, chunk);
        Runnable first = task(evaluator, w, unit);
        long start = System.nanoTime();
        first.run(); // also the first warm-up run
        double once = (System.nanoTime() - start) * 1e-9;
        if (once > limit) {
            unitPerLoss = once / loss.seconds(); // a cold pass, but already too slow at this width
            return cannotRun(method, width, n, String.format(Locale.ROOT, "took %.3g s", once), unit);
        }
        TimingPlan plan;
        Stopwatch.Timing timing;
        Stopwatch.Timing fixed = new Stopwatch.Timing(0, 0, 0, 0);
        String flag = null;
        double perCoordinate;
        if (method.partial()) {
            Stopwatch.Timing probe = time(first, PROBE_WARMUP, PROBE_MEASURE);
            unitPerLoss = probe.seconds() / loss.seconds(); // warm: predicts the next width's pass
            perCoordinate = probe.seconds() / unit;
            if (method.fixedPass()) {
                fixed = time(task(evaluator, w, 0), PART_WARMUP, FIXED_MEASURE);
            }
            plan = TimingPlan.choose(method, n, chunk, probe.seconds(), fixed.seconds(),
                    PART_MEASURE * budgetSeconds);
            timing = time(task(evaluator, w, plan.coordinates()), PART_WARMUP, PART_MEASURE);
            if (plan.estimated()) {
                flag = crossCheck(method, chunk, unit, evaluator, w, plan, timing, fixed);
            }
        } else {
            plan = new TimingPlan(n, n, false);
            timing = time(first, WHOLE_WARMUP, WHOLE_MEASURE);
            unitPerLoss = timing.seconds() / loss.seconds();
            perCoordinate = 0;
        }

        int[] checked = AccuracyPlan.coordinates(problem);
        int affordable = perCoordinate > 0
                ? (int) Math.min(checked.length, Math.max(unit, accuracySeconds() / perCoordinate))
                : checked.length;
        if (affordable < checked.length) {
            int[] part = Coordinates.spread(checked.length, affordable);
            int[] some = new int[affordable];
            for (int j = 0; j < affordable; j++) {
                some[j] = checked[part[j]];
            }
            checked = some;
        }
        double[] partials = new double[checked.length];
        evaluator.gradient(w, checked, partials);

        flag = noise(flag, loss, timing);
        return new Measurement(method.label(), width, n, chunk,
                plan.extrapolate(method, chunk, timing.seconds(), fixed.seconds()), loss.seconds(),
                method.passes(n, chunk),
                plan.extrapolate(method, chunk, timing.bytesPerRun(), fixed.bytesPerRun()),
                evaluator.tapeEntries(), evaluator.tapeBytes(), plan.estimated(),
                plan.coordinates(), timing.samples(), partials, null, flag);
    }

    /**
     * Times an estimated cell a second time, on half its coordinates (or the same ones when it
     * times a single unit), and returns a flag if the two extrapolations disagree by more than
     * {@link #AGREEMENT}, else null.
     */
    private String crossCheck(Method method, int chunk, int unit, Evaluator evaluator, double[] w,
            TimingPlan plan, Stopwatch.Timing timing, Stopwatch.Timing fixed) {
        int half = Math.max(unit, plan.coordinates() / 2 / unit * unit);
        TimingPlan other = new TimingPlan(half, plan.parameters(), true);
        Stopwatch.Timing again = time(task(evaluator, w, half), 0, CHECK_MEASURE);
        double a = plan.extrapolate(method, chunk, timing.seconds(), fixed.seconds());
        double b = other.extrapolate(method, chunk, again.seconds(), fixed.seconds());
        double ratio = Math.max(a, b) / Math.min(a, b);
        if (ratio > AGREEMENT || !(ratio >= 1)) {
            return String.format(Locale.ROOT, "not reproducible: timed on %d and on %d of %d coordinates,"
                    + " the estimates differ %.2g×", plan.coordinates(), half, plan.parameters(), ratio);
        }
        return null;
    }

    /**
     * Adds a flag when the samples of the loss's or the gradient's timing scatter more than
     * {@link #AGREEMENT}: the machine was busy while the cell was timed, and its ω may not be
     * reproducible.
     */
    private static String noise(String flag, Stopwatch.Timing loss, Stopwatch.Timing gradient) {
        return join(flag, join(scatter("the loss", loss), scatter("the gradient", gradient)));
    }

    private static String scatter(String what, Stopwatch.Timing t) {
        return t.spread() > AGREEMENT ? String.format(Locale.ROOT,
                "noisy timing: %s's samples scatter %.2g× (upper over lower quartile)", what, t.spread()) : null;
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    private double accuracySeconds() {
        return Math.max(ACCURACY_FLOOR, ACCURACY_SHARE * budgetSeconds);
    }

    private static Measurement cannotRun(Method method, int width, int n, String what, int unit) {
        return Measurement.failed(method.label(), width, n, String.format(Locale.ROOT,
                "cannot run at %,d parameters within the budget: one %s %s, more than the cell's budget"
                        + " allows", n, unit < n ? "pass of " + unit + " coordinate" + (unit == 1 ? "" : "s")
                        : "whole gradient", what));
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
