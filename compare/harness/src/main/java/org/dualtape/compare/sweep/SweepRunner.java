package org.dualtape.compare.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Runs a sweep: the reference partials for each width in this JVM, then each method in its own
 * worker JVM over all widths, one progress line per cell on the progress stream.
 *
 * <p>Each method gets a fresh JVM so one method's JIT profile cannot slow another. A worker that
 * crashes or stops answering within {@link #cellTimeoutSeconds(double)} produces a failure row for
 * the width it was on and is restarted for the remaining widths: every (method, width) gets a row.
 * Estimated cells that contradict their neighbours across widths are flagged at the end
 * ({@link Consistency}).
 */
public final class SweepRunner {
    private final SweepConfig config;
    private final PrintWriter progress;

    /**
     * Creates a runner.
     *
     * @param config what to run
     * @param progress where progress lines go (standard error on the command line)
     */
    public SweepRunner(SweepConfig config, PrintWriter progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * Returns how long the runner waits for one cell before it gives up on the worker.
     *
     * @param budgetSeconds the budget per cell
     * @return the timeout in seconds
     */
    public static double cellTimeoutSeconds(double budgetSeconds) {
        return 300 + 30 * budgetSeconds;
    }

    /**
     * Runs the sweep.
     *
     * @return one row per (method, width), methods in the order given, widths in order
     * @throws IOException if a worker JVM cannot be started
     * @throws InterruptedException if interrupted
     */
    public List<CellResult> run() throws IOException, InterruptedException {
        ProblemFamily family = ProblemFamily.forName(config.familyClass());
        Map<Integer, double[]> references = references(family);
        List<CellResult> rows = new ArrayList<>();
        int total = config.methods().size() * config.widths().size();
        for (Method method : config.methods()) {
            Deque<Integer> remaining = new ArrayDeque<>(config.widths());
            while (!remaining.isEmpty()) {
                try (WorkerProcess worker = WorkerProcess.start(config, method, List.copyOf(remaining))) {
                    while (!remaining.isEmpty()) {
                        int width = remaining.peek();
                        Measurement m = next(worker, method, width, family);
                        remaining.poll();
                        CellResult row = CellResult.of(m, references.get(width));
                        rows.add(row);
                        progress.println(progressLine(rows.size(), total, row));
                        progress.flush();
                        if (m.failure() != null && m.failure().startsWith(WORKER_LOST)) {
                            break; // this worker is gone: start a new one for the rest
                        }
                    }
                }
            }
        }
        return Consistency.flagAcrossWidths(rows);
    }

    private static final String WORKER_LOST = "worker lost: ";

    private Measurement next(WorkerProcess worker, Method method, int width, ProblemFamily family)
            throws InterruptedException {
        int n = family.parameterCount(width);
        String line;
        try {
            line = worker.nextLine(cellTimeoutSeconds(config.budgetSeconds()));
        } catch (TimeoutException e) {
            return Measurement.failed(method.label(), width, n, WORKER_LOST + e.getMessage());
        }
        if (line == null) {
            return Measurement.failed(method.label(), width, n, WORKER_LOST + worker.exitReason());
        }
        Measurement m = Measurement.parse(line);
        if (m.width() != width || !m.method().equals(method.label())) {
            return Measurement.failed(method.label(), width, n, WORKER_LOST
                    + "expected " + method.label() + " at width " + width + ", got " + line);
        }
        return m;
    }

    private Map<Integer, double[]> references(ProblemFamily family) {
        Map<Integer, double[]> references = new HashMap<>();
        for (int width : config.widths()) {
            long start = System.nanoTime();
            try {
                SweepProblem problem = family.create(width);
                int n = problem.parameterCount();
                int[] checked = AccuracyPlan.coordinates(problem);
                references.put(width, problem.referencePartials(problem.initialParameters(), checked));
                progress.printf(Locale.ROOT, "reference h=%d (%d params, %s coordinates): %.1f s%n",
                        width, n, AccuracyPlan.describe(n, checked.length),
                        (System.nanoTime() - start) * 1e-9);
                progress.flush();
            } catch (RuntimeException | OutOfMemoryError e) {
                progress.printf(Locale.ROOT, "reference h=%d FAILED (errors will be NaN): %s%n",
                        width, e);
                progress.flush();
            }
        }
        return references;
    }

    /**
     * Formats one progress line.
     *
     * @param done rows finished, including this one
     * @param total rows in the sweep
     * @param row the row just finished
     * @return the line
     */
    static String progressLine(int done, int total, CellResult row) {
        String head = String.format(Locale.ROOT, "[%3d/%d] %-20s h=%-5d %9d params: ", done, total,
                row.method(), row.width(), row.parameters());
        if (row.failed()) {
            return head + "FAILED " + row.failure();
        }
        return head + String.format(Locale.ROOT, "%.3e s/gradient, omega %.3g, max rel error %.2e%s%s",
                row.seconds(), row.omega(), row.maxRelError(), row.estimated() ? " (estimated)" : "",
                row.flagged() ? " FLAGGED " + row.flag() : "");
    }
}
