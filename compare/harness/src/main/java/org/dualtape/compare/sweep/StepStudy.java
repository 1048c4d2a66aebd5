package org.dualtape.compare.sweep;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The step-size study: the error of each numerical method against the step h, on one fixed loss
 * (the family's loss at width {@link #WIDTH}, all coordinates), with reverse-mode AD's error as a
 * flat reference line.
 *
 * <p>Steps are {@code h = 1e-1, 1e-2, ..., 1e-16}: relative for the finite differences, as in
 * {@code FiniteDifferences} (coordinate i moves by {@code h · max(1, |w_i|)}), and the imaginary
 * step itself for the complex step. A step so small that it
 * vanishes against some coordinate ({@code w_i + h == w_i}) gives no difference at all: that
 * point's error is NaN. It runs in the calling JVM: nothing is timed.
 */
public final class StepStudy {
    /** The width of the loss studied. */
    public static final int WIDTH = 4;
    /** The numerical methods studied, each at every step. */
    public static final List<Method> METHODS = List.of(Method.FORWARD_DIFFERENCE,
            Method.CENTRAL_DIFFERENCE, Method.RICHARDSON, Method.COMPLEX_STEP);
    /** The AD method drawn as the flat reference line. */
    public static final Method AD = Method.REVERSE_SCALAR_TAPE;

    private StepStudy() {
    }

    /**
     * Returns the steps studied, largest first.
     *
     * @return {@code 1e-1 ... 1e-16}
     */
    public static double[] steps() {
        double[] steps = new double[16];
        for (int k = 1; k <= steps.length; k++) {
            steps[k - 1] = Double.parseDouble("1e-" + k); // exactly the double nearest 10^-k
        }
        return steps;
    }

    /**
     * Runs the study.
     *
     * @param family the losses; the one at {@link #WIDTH} is studied
     * @param progress where a line per method goes; a method that fails is reported there and
     *     has no points
     * @return the points: each method at each step, then the AD line at each step; empty (with
     *     a progress line saying why) if the loss or its reference cannot be computed
     */
    public static List<StepPoint> run(ProblemFamily family, PrintWriter progress) {
        SweepProblem problem;
        double[] w;
        double[] reference;
        try {
            problem = family.create(WIDTH);
            w = problem.initialParameters();
            reference = problem.referencePartials(w, Coordinates.all(w.length));
        } catch (RuntimeException e) {
            progress.printf(Locale.ROOT, "steps: FAILED, no reference: %s%n", e);
            progress.flush();
            return List.of();
        }
        int[] all = Coordinates.all(w.length);
        double[] partials = new double[w.length];
        List<StepPoint> points = new ArrayList<>();
        for (Method method : METHODS) {
            try {
                for (double h : steps()) {
                    Evaluator evaluator = method.prepareWithStep(problem, h);
                    double error;
                    try {
                        evaluator.gradient(w, all, partials);
                        error = Errors.of(partials, reference).maxRelative();
                    } catch (IllegalArgumentException vanished) {
                        error = Double.NaN;
                    }
                    points.add(new StepPoint(method.label(), h, error));
                }
            } catch (RuntimeException e) {
                progress.printf(Locale.ROOT, "steps: %s FAILED: %s%n", method.label(), e);
                progress.flush();
            }
        }
        try {
            AD.prepare(problem, 1).gradient(w, partials);
            double error = Errors.of(partials, reference).maxRelative();
            for (double h : steps()) {
                points.add(new StepPoint(AD.label(), h, error));
            }
        } catch (RuntimeException e) {
            progress.printf(Locale.ROOT, "steps: %s FAILED: %s%n", AD.label(), e);
            progress.flush();
        }
        return points;
    }
}
