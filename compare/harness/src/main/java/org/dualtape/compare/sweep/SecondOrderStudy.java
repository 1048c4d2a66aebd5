package org.dualtape.compare.sweep;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.dualtape.compare.mlp.MlpProblem;
import org.dualtape.compare.mlp.MlpSpec;
import org.dualtape.compare.mlp.VectorTapeLoss;
import org.dualtape.tape.Replay;

/**
 * The second-order study: on the standard MLP ({@link MlpProblem#standard(int)}: 32 → h → h → 10,
 * tanh, softmax cross-entropy, batch 32) at each width, the time of one plain loss, one gradient
 * and one Hessian-vector product (both replayed from the vector tape, so through the public
 * {@link Replay} API a user calls), the whole Hessian, and Commons Math's
 * {@code DerivativeStructure} of order 2 on the generic loss.
 *
 * <h2>What is estimated</h2>
 * The Hessian is P HVPs: its time is measured when {@code P × HVP} fits the budget and the dense
 * P × P matrix fits {@link #HESSIAN_BYTES_LIMIT}; otherwise it is {@code P × HVP} and the row says
 * "estimated". {@code DerivativeStructure} of order 2 carries {@code (P + 1)(P + 2)/2}
 * coefficients through every operation: it runs only up to {@link #DERIVATIVE_STRUCTURE_LIMIT}
 * parameters, and its one run is timed once (it is slow enough for one run to be a sample).
 *
 * <h2>Timing</h2>
 * In one JVM, with {@link Stopwatch} medians (JMH's {@code RosenbrockSecondOrderBenchmark} and
 * {@code MlpSecondOrderBenchmark} measure the same operations properly, one fork each).
 */
public final class SecondOrderStudy {
    /** The widths of the default study. */
    public static final int[] DEFAULT_WIDTHS = {2, 4, 8, 16, 32, 64, 128};
    /** Dense Hessians above this many bytes are estimated, not computed (64 MiB). */
    public static final long HESSIAN_BYTES_LIMIT = 64L << 20;
    /** {@code DerivativeStructure} of order 2 runs up to this many parameters (h = 2: 102, about 5 s). */
    public static final int DERIVATIVE_STRUCTURE_LIMIT = 110;

    private final double budgetSeconds;
    private final PrintWriter progress;

    /**
     * A study with a time budget per measurement.
     *
     * @param budgetSeconds seconds per timed operation (warm-up and measurement split it), above 0
     * @param progress where to report each width as it completes
     * @throws IllegalArgumentException if the budget is not positive and finite
     */
    public SecondOrderStudy(double budgetSeconds, PrintWriter progress) {
        if (!(budgetSeconds > 0) || Double.isInfinite(budgetSeconds)) {
            throw new IllegalArgumentException("the budget must be a positive number of seconds, got " + budgetSeconds);
        }
        this.budgetSeconds = budgetSeconds;
        this.progress = progress;
    }

    /**
     * Runs the study at each width.
     *
     * @param widths hidden widths, each at least 1; not modified
     * @return one row per width, in order
     * @throws IllegalArgumentException if a width is below 1
     */
    public List<SecondOrderRow> run(int[] widths) {
        for (int h : widths) {
            if (h < 1) {
                throw new IllegalArgumentException("widths must be at least 1, got " + h);
            }
        }
        List<SecondOrderRow> rows = new ArrayList<>();
        for (int h : widths) {
            SecondOrderRow row = measure(h);
            rows.add(row);
            progress.printf(Locale.ROOT, "second order: h = %d, P = %d, ω(gradient) = %.1f, ω(HVP) = %.1f, HVP/gradient"
                + " = %.2f, Hessian %.3g s%s%n", h, row.parameters(), row.gradientOmega(), row.hvpOmega(),
                row.hvpPerGradient(), row.hessianSeconds(), row.hessianEstimated() ? " (estimated)" : "");
            progress.flush();
        }
        return rows;
    }

    private SecondOrderRow measure(int width) {
        MlpProblem problem = MlpProblem.standard(width);
        double[] w = problem.initialParameters();
        int p = w.length;
        double[] v = new double[p];
        java.util.Random random = new java.util.Random(width); // any seed: a direction
        for (int i = 0; i < p; i++) {
            v[i] = random.nextGaussian();
        }
        Replay replay = new VectorTapeLoss(problem).replay(w);
        double[] gradient = new double[p];
        double[] sink = new double[1];
        double warmup = budgetSeconds / 3;
        double measure = budgetSeconds - warmup;
        double plain = Stopwatch.time(() -> sink[0] += problem.loss(w), warmup, measure).seconds();
        double grad = Stopwatch.time(() -> sink[0] += replay.valueAndGradient(w, gradient), warmup, measure).seconds();
        double hvp = Stopwatch.time(() -> sink[0] += replay.hvp(w, v)[0], warmup, measure).seconds();
        long bytes = 8L * p * p;
        double[][] hessian = null;
        double hessianSeconds;
        boolean estimated = bytes > HESSIAN_BYTES_LIMIT || p * hvp > budgetSeconds;
        if (estimated) {
            hessianSeconds = p * hvp;
        } else {
            long start = System.nanoTime();
            hessian = replay.hessian(w);
            hessianSeconds = (System.nanoTime() - start) * 1e-9;
        }
        double dsSeconds = Double.NaN;
        String dsNote;
        if (p > DERIVATIVE_STRUCTURE_LIMIT) {
            dsNote = String.format(Locale.ROOT, "not run: %d coefficients per value", (long) (p + 1) * (p + 2) / 2);
        } else {
            long start = System.nanoTime();
            double[][] ds = derivativeStructureHessian(problem, w);
            dsSeconds = (System.nanoTime() - start) * 1e-9;
            double[][] tape = hessian == null ? replay.hessian(w) : hessian; // few parameters: cheap
            dsNote = String.format(Locale.ROOT, "max relative difference %.1e", maxRelativeDifference(ds, tape));
        }
        return new SecondOrderRow(width, p, plain, grad, hvp, hessianSeconds, estimated, bytes, dsSeconds, dsNote);
    }

    /** The Hessian of the generic loss by {@code DerivativeStructure} of order 2. */
    static double[][] derivativeStructureHessian(MlpProblem problem, double[] w) {
        int p = w.length;
        DerivativeStructure[] d = new DerivativeStructure[p];
        for (int i = 0; i < p; i++) {
            d[i] = new DerivativeStructure(p, 2, i, w[i]);
        }
        DerivativeStructure loss = problem.loss(d);
        double[][] h = new double[p][p];
        int[] orders = new int[p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                orders[i]++;
                orders[j]++;
                h[i][j] = loss.getPartialDerivative(orders);
                h[j][i] = h[i][j];
                orders[i]--;
                orders[j]--;
            }
        }
        return h;
    }

    /** max |a - b| over max |a|, over all entries. */
    static double maxRelativeDifference(double[][] a, double[][] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                diff = Math.max(diff, Math.abs(a[i][j] - b[i][j]));
                scale = Math.max(scale, Math.abs(a[i][j]));
            }
        }
        return scale == 0 ? diff : diff / scale;
    }

    /**
     * The number of parameters of the standard MLP at a width.
     *
     * @param width the hidden width
     * @return P
     */
    public static int parameters(int width) {
        return MlpSpec.standard(width).parameterCount();
    }
}
