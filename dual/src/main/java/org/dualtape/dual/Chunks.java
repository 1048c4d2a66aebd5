package org.dualtape.dual;

import java.util.Objects;

/**
 * The seeding of one chunked {@link Forward} call: one input buffer, reused by every pass, in
 * which pass p seeds inputs [p·k, p·k + k) with the unit tangents e₀ … e_{k-1} and a fresh tag,
 * the other inputs being constants.
 *
 * <p>Everything is allocated once per call; a pass allocates only its k seeded inputs (which share
 * the unit tangent arrays, kept by the field for small widths: multi-dual numbers are immutable). The unseeded inputs are constants
 * sharing their field's zeros, so that the operations of a pass that do not depend on its k inputs
 * carry no tangents ({@link MultiDual}, "Cost"). A call of one pass needs no constants at all.
 */
final class Chunks {

    /** The buffer given to f on every pass. */
    final MultiDual[] inputs;
    /** The number of passes: ⌈n / k⌉, and 1 for n = 0 (the value is still wanted). */
    final int passes;

    private final double[] x;
    private final int width;
    private final double[][] units;
    /** The inputs as constants, put back after each pass; null for one pass. */
    private final MultiDual[] constants;

    Chunks(Object f, double[] x, int chunk) {
        Objects.requireNonNull(f, "f (the function to differentiate) is null");
        Objects.requireNonNull(x, "x (the point) is null");
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1, got " + chunk);
        }
        int n = x.length;
        this.x = x;
        this.width = Math.min(chunk, n);
        this.passes = n == 0 ? 1 : (n + width - 1) / width;
        MultiDualField field = MultiDualField.of(width);
        this.units = field.units();
        if (passes > 1) {
            double[] zeros = field.zeros(0.0);
            this.constants = new MultiDual[n];
            for (int j = 0; j < n; j++) {
                constants[j] = MultiDual.constant(x[j], zeros);
            }
            this.inputs = constants.clone();
        } else {
            this.constants = null;
            this.inputs = new MultiDual[n]; // the one pass seeds every input
        }
    }

    /** Seeds the inputs of {@code pass}; returns the pass's fresh tag. */
    int seed(int pass) {
        int tag = Tag.next();
        int start = pass * width;
        int end = Math.min(x.length, start + width);
        for (int j = start; j < end; j++) {
            inputs[j] = MultiDual.wrap(x[j], units[j - start], tag);
        }
        return tag;
    }

    /** Puts the constants back in place of the inputs seeded by {@code pass}. */
    void unseed(int pass) {
        if (constants == null) {
            return;
        }
        int start = pass * width;
        int end = Math.min(x.length, start + width);
        System.arraycopy(constants, start, inputs, start, end - start);
    }

    /**
     * Checks a number f returned on a pass with tag {@code tag}.
     *
     * @param output the output's index, or -1 for the one value of a scalar function
     */
    void check(MultiDual y, int tag, int output) {
        if (y == null) {
            throw new NullPointerException("f returned null" + (output < 0 ? "" : " as output " + output)
                    + "; it must return MultiDual numbers (constants from x[0].getField())");
        }
        if (y.width() != width) {
            throw new IllegalArgumentException("f returned a MultiDual of width " + y.width()
                    + (output < 0 ? "" : " as output " + output) + ", but this call seeds width "
                    + width + " (the chunk width); build constants with x[0].getField() or"
                    + " MultiDual.constant(c, x[0].width())");
        }
        Tag.checkResult(y.tag(), tag, output);
    }

    /**
     * Copies the tangents that {@code pass} seeded from {@code y} into {@code dest[p·k ...]}.
     *
     * @param dest the row of n derivatives being filled, or null on the first pass
     * @return dest, allocated if it was null (for one pass, a copy of y's tangents, which are
     *     exactly the row: no zeroed row to fill)
     */
    double[] copyTangents(MultiDual y, int pass, double[] dest) {
        if (dest == null) {
            if (passes == 1) {
                return y.tangents();
            }
            dest = new double[x.length];
        }
        int start = pass * width;
        int count = Math.min(width, x.length - start);
        System.arraycopy(y.tangentsNoCopy(), 0, dest, start, Math.max(count, 0));
        return dest;
    }
}
