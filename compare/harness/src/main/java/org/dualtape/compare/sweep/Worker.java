package org.dualtape.compare.sweep;

import java.io.PrintStream;
import java.util.List;

/**
 * The body of a worker JVM: measures one method at several widths and prints one
 * {@link Measurement} line per width to standard output.
 *
 * <p>The worker first warms up on the first width ({@link CellMeasurer#warmUp}). A failure at one
 * width (an exception, an {@link OutOfMemoryError}) becomes a failure line and
 * the worker goes on with the next width, so nothing is silently dropped.
 */
public final class Worker {
    private Worker() {
    }

    /**
     * Measures {@code method} at each width in turn.
     *
     * @param family the losses
     * @param method the method
     * @param widths the widths, each at least 1
     * @param budgetSeconds seconds per cell, above 0
     * @param chunk tangents per pass for the chunked methods, or 0 for the default policy
     * @param out where the result lines go (flushed after each line)
     */
    public static void run(ProblemFamily family, Method method, List<Integer> widths,
            double budgetSeconds, int chunk, PrintStream out) {
        CellMeasurer measurer = new CellMeasurer(family, budgetSeconds, chunk);
        try {
            measurer.warmUp(method, widths.get(0), CellMeasurer.jvmWarmupSeconds(budgetSeconds));
        } catch (RuntimeException | OutOfMemoryError e) {
            // The first cell will fail the same way and report it.
        }
        for (int width : widths) {
            Measurement m;
            try {
                m = measurer.measure(method, width);
            } catch (Throwable failure) { // an OutOfMemoryError is a result worth reporting too
                m = Measurement.failed(method.label(), width, safeCount(family, width),
                        failure.toString());
            }
            out.println(m.toLine());
            out.flush();
        }
    }

    private static int safeCount(ProblemFamily family, int width) {
        try {
            return family.parameterCount(width);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
