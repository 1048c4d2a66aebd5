package org.dualtape.compare.train;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.dualtape.compare.mlp.Dataset;
import org.dualtape.compare.mlp.MlpProblem;
import org.dualtape.compare.mlp.MlpSpec;

/**
 * Trains one network by minibatch stochastic gradient descent once per gradient method, from the
 * same initial weights, on the same minibatches in the same order, each method with the same clock
 * budget: the library entry point of {@code compare train}.
 *
 * <h2>A step</h2>
 * Take the next minibatch (its assembly is not on the clock), compute the gradient of its loss
 * with the method, and move the weights by {@code −η_t · gradient} ({@link TrainConfig#rateAt}).
 * The clock ({@code seconds} in every output) counts the gradient and the update only. A step
 * that would overrun the budget is stopped at its next pass over the loss and not applied.
 *
 * <h2>The curves</h2>
 * After step 0 (the initial weights) and then at steps 1, 2, ... 10 and about every 10 % more
 * (12, 14, 17, ...), and after the last step, the weights are evaluated off the clock: the loss
 * over the whole training set, the loss and the accuracy over the test set.
 *
 * <p>All methods run in this JVM, one after another, in {@link TrainMethod}'s order; the
 * generic loss's call sites see several number types, which may cost the later methods a little
 * speed (the sweep, which times methods one per JVM, is the place for precise figures).
 */
public final class Trainer {
    /** Growth of the gap between recorded steps once past step 10. */
    static final double RECORD_GROWTH = 1.15;
    /** Seconds of wall clock between progress lines. */
    private static final double PROGRESS_SECONDS = 1;

    private Trainer() {
    }

    /**
     * Runs the training.
     *
     * @param config what to run
     * @param progress receives one line per method and progress lines as training runs
     * @return the curves, the per-method summary and the drift between exact methods
     * @throws IllegalArgumentException if the batch does not fit the data
     */
    public static TrainResult run(TrainConfig config, PrintWriter progress) {
        Objects.requireNonNull(progress, "progress");
        long start = System.nanoTime();
        Dataset all = config.dataset();
        MlpSpec spec = config.spec(all);
        Split split = Split.of(all, config.seed());
        split.batches(spec, config.batch(), config.seed()); // checks the batch before any work
        Evaluator evaluator = new Evaluator(spec, split, config.seed());
        double[] initial = new MlpProblem(spec, split.train(), 1, config.seed()).initialParameters();
        progress.printf(Locale.ROOT, "Training %s (%d train, %d test samples), %s, %d parameters,"
                + " %s s per method%n", all.name(), split.train().size(), split.test().size(), spec,
                spec.parameterCount(), config.budgetSeconds());
        List<TrainPoint> points = new ArrayList<>();
        List<MethodRun> runs = new ArrayList<>();
        Map<TrainMethod, Map<Integer, double[]>> snapshots = new LinkedHashMap<>();
        Map<TrainMethod, List<TrainPoint>> curves = new LinkedHashMap<>();
        for (TrainMethod method : config.methods()) {
            Map<Integer, double[]> weights = new LinkedHashMap<>();
            List<TrainPoint> curve = new ArrayList<>();
            runs.add(train(method, config, spec, split, evaluator, initial, curve, weights, progress));
            points.addAll(curve);
            curves.put(method, curve);
            snapshots.put(method, weights);
        }
        List<Drift> drifts = drifts(runs, curves, snapshots);
        return new TrainResult(config, all + "; network " + spec, spec.parameterCount(), points, runs,
                drifts, (System.nanoTime() - start) * 1e-9);
    }

    private static MethodRun train(TrainMethod method, TrainConfig config, MlpSpec spec, Split split,
            Evaluator evaluator, double[] initial, List<TrainPoint> curve, Map<Integer, double[]> weights,
            PrintWriter progress) {
        Clock clock = new Clock(config.budgetSeconds());
        Split.Batches batches = split.batches(spec, config.batch(), config.seed());
        double[] w = initial.clone();
        curve.add(evaluator.point(method, 0, 0, w));
        weights.put(0, w.clone());
        int step = 0;
        int nextRecord = 1;
        long nextProgress = System.nanoTime() + (long) (PROGRESS_SECONDS * 1e9);
        double stoppedSeconds = 0;
        long stoppedPasses = 0;
        while (step < config.maxSteps() && !clock.spent()) {
            MlpProblem minibatch = batches.next();
            double before = clock.seconds();
            clock.start();
            try {
                double[] g = method.gradient(minibatch, w, clock);
                double eta = config.rateAt(step);
                for (int i = 0; i < w.length; i++) {
                    w[i] -= eta * g[i];
                }
            } catch (Clock.OutOfTime e) {
                clock.stop();
                stoppedSeconds = clock.seconds() - before;
                stoppedPasses = clock.passes() - 1; // the pass that found the budget spent did not run
                break;
            }
            clock.stop();
            step++;
            if (step == nextRecord) {
                curve.add(evaluator.point(method, step, clock.seconds(), w));
                weights.put(step, w.clone());
                nextRecord = Math.max(step + 1, (int) Math.ceil(step * RECORD_GROWTH));
            }
            if (System.nanoTime() > nextProgress) {
                TrainPoint last = curve.get(curve.size() - 1);
                progress.printf(Locale.ROOT, "  %-20s step %7d  %7.2f s  test accuracy %5.1f %%%n",
                        method.label(), step, clock.seconds(), 100 * last.testAccuracy());
                progress.flush();
                nextProgress = System.nanoTime() + (long) (PROGRESS_SECONDS * 1e9);
            }
        }
        if (curve.get(curve.size() - 1).step() != step) {
            curve.add(evaluator.point(method, step, clock.seconds(), w));
            weights.put(step, w.clone());
        }
        MethodRun run = summary(method, step, clock.seconds(), stoppedSeconds, stoppedPasses,
                spec.parameterCount(), curve);
        progress.println(line(run));
        progress.flush();
        return run;
    }

    private static MethodRun summary(TrainMethod method, int steps, double seconds, double stoppedSeconds,
            long stoppedPasses, int parameters, List<TrainPoint> curve) {
        double perStep;
        boolean estimated = steps == 0;
        if (!estimated) {
            perStep = (seconds - stoppedSeconds) / steps;
        } else {
            perStep = stoppedPasses > 0 ? stoppedSeconds * method.passes(parameters) / stoppedPasses : Double.NaN;
        }
        double best = 0;
        int stepsTo90 = -1;
        double secondsTo90 = Double.NaN;
        for (TrainPoint p : curve) {
            best = Math.max(best, p.testAccuracy());
            if (stepsTo90 < 0 && p.step() > 0 && p.testAccuracy() >= MethodRun.TARGET_ACCURACY) {
                stepsTo90 = p.step();
                secondsTo90 = p.seconds();
            }
        }
        return new MethodRun(method, steps, seconds, perStep, estimated, best,
                curve.get(curve.size() - 1).testAccuracy(), stepsTo90, secondsTo90);
    }

    private static String line(MethodRun r) {
        return String.format(Locale.ROOT, "%-20s %7d steps in %6.2f s (%s s per step%s), best test"
                + " accuracy %5.1f %%, %s", r.method().label(), r.steps(), r.seconds(),
                String.format(Locale.ROOT, "%.3g", r.secondsPerStep()), r.estimated() ? ", estimated" : "",
                100 * r.bestAccuracy(), r.stepsTo90() < 0 ? "90 % not reached"
                        : String.format(Locale.ROOT, "90 %% at step %d (%.3g s)", r.stepsTo90(), r.secondsTo90()));
    }

    private static List<Drift> drifts(List<MethodRun> runs, Map<TrainMethod, List<TrainPoint>> curves,
            Map<TrainMethod, Map<Integer, double[]>> snapshots) {
        TrainMethod reference = null;
        for (MethodRun r : runs) {
            if (r.method().exact() && r.steps() > 0) {
                reference = r.method();
                break;
            }
        }
        List<Drift> drifts = new ArrayList<>();
        if (reference == null) {
            return drifts;
        }
        Map<Integer, TrainPoint> ref = new LinkedHashMap<>();
        for (TrainPoint p : curves.get(reference)) {
            ref.put(p.step(), p);
        }
        for (MethodRun r : runs) {
            if (r.method() == reference || r.steps() == 0) {
                continue;
            }
            double lossDrift = 0;
            int common = 0;
            for (TrainPoint p : curves.get(r.method())) {
                TrainPoint q = ref.get(p.step());
                if (q != null && p.step() > 0) {
                    lossDrift = Math.max(lossDrift, Math.abs(p.trainLoss() - q.trainLoss()) / Math.abs(q.trainLoss()));
                    common = p.step();
                }
            }
            if (common == 0) {
                continue;
            }
            double[] a = snapshots.get(r.method()).get(common);
            double[] b = snapshots.get(reference).get(common);
            double largest = 0;
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                largest = Math.max(largest, Math.abs(b[i]));
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            drifts.add(new Drift(r.method(), reference, common, lossDrift, diff / largest));
        }
        return drifts;
    }

    /** Evaluates weights off the clock: the training loss, the test loss and the test accuracy. */
    private static final class Evaluator {
        private final MlpProblem train;
        private final MlpProblem test;
        private final Scorer scorer;

        Evaluator(MlpSpec spec, Split split, long seed) {
            train = new MlpProblem(spec, split.train(), split.train().size(), seed);
            test = new MlpProblem(spec, split.test(), split.test().size(), seed);
            scorer = new Scorer(spec, split.test());
        }

        TrainPoint point(TrainMethod method, int step, double seconds, double[] w) {
            return new TrainPoint(method.label(), step, seconds, train.loss(w), test.loss(w), scorer.accuracy(w));
        }
    }
}
