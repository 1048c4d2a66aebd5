package org.dualtape.compare.sweep;

import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The evaluator of a method that always computes the whole gradient (reverse mode, hand-written
 * backpropagation): components are copied out of a whole gradient.
 */
class WholeGradientEvaluator implements Evaluator {
    private final BiConsumer<double[], double[]> gradient;
    private final LongSupplier entries;
    private final LongSupplier bytes;
    private final double[] buffer;

    /**
     * Wraps a whole-gradient call.
     *
     * @param parameterCount the length of the gradient
     * @param gradient writes the gradient at its first argument (not modified) into its second
     * @param entries the tape's entries after the last gradient, or null if there is no tape
     * @param bytes the tape's bytes after the last gradient, or null if there is no tape
     */
    WholeGradientEvaluator(int parameterCount, BiConsumer<double[], double[]> gradient,
            LongSupplier entries, LongSupplier bytes) {
        this.gradient = gradient;
        this.entries = entries;
        this.bytes = bytes;
        this.buffer = new double[parameterCount];
    }

    @Override
    public final void gradient(double[] w, double[] g) {
        gradient.accept(w, g);
    }

    @Override
    public final void gradient(double[] w, int[] coordinates, double[] out) {
        gradient.accept(w, buffer);
        for (int j = 0; j < coordinates.length; j++) {
            out[j] = buffer[coordinates[j]];
        }
    }

    @Override
    public final long tapeEntries() {
        return entries == null ? -1 : entries.getAsLong();
    }

    @Override
    public final long tapeBytes() {
        return bytes == null ? -1 : bytes.getAsLong();
    }
}
