package org.dualtape.dual;

import java.util.Objects;

/**
 * The seeding of one chunked {@link Forward} call: one input buffer, reused by every pass, in
 * which pass p seeds the differentiated inputs [p·k, p·k + k) (all inputs in order, or the
 * coordinates the caller chose) with the unit tangents e₀ … e_{k-1} and a fresh tag, the other
 * inputs being constants.
 *
 * <p>Everything is allocated once per call; a pass allocates only its k seeded inputs (which
 * share the unit tangent arrays: multi-dual numbers are immutable). The unseeded inputs are
 * constants sharing their field's zeros, so that the operations of a pass that do not depend on
 * its k inputs carry no tangents ({@link MultiDual}, "Cost"). A call of one pass that seeds every
 * input needs no constants at all. The width is {@link ChunkPolicy#passWidth}, so the seeds take
 * at most {@code WIDEST_CHUNK²} tangents.
 */
final class Chunks {

    /** The buffer given to f on every pass. */
    final MultiDual[] inputs;
    /** The number of passes: ⌈m / k⌉; 1 for a gradient of no inputs (the value is still wanted). */
    final int passes;

    private final double[] x;
    /** The inputs differentiated by, in order; null for every input (then coordinate j is j). */
    private final int[] coordinates;
    /** How many inputs are differentiated by: m. */
    private final int count;
    private final int width;
    private final double[][] units;
    /** The inputs as constants, put back after each pass; null when one pass seeds them all. */
    private final MultiDual[] constants;

    /** The seeding of a gradient or Jacobian: every input, in order. */
    Chunks(Object f, double[] x, int chunk) {
        this(f, checkedPoint(x), null, x.length, chunk);
    }

    /**
     * The seeding of some coordinates of a gradient.
     *
     * @param coordinates distinct indices into x, not modified (nor kept beyond the call)
     */
    Chunks(Object f, double[] x, int[] coordinates, int chunk) {
        this(f, checkedPoint(x), checkedCoordinates(coordinates, x.length), coordinates.length, chunk);
    }

    private Chunks(Object f, double[] x, int[] coordinates, int count, int chunk) {
        Objects.requireNonNull(f, "f (the function to differentiate) is null");
        int n = x.length;
        this.x = x;
        this.coordinates = coordinates;
        this.count = count;
        this.width = count == 0 ? 0 : ChunkPolicy.passWidth(chunk, count);
        if (count == 0) {
            ChunkPolicy.passWidth(chunk, 0); // still reject a bad chunk
            this.passes = coordinates == null ? 1 : 0;
        } else {
            this.passes = ChunkPolicy.passes(count, width);
        }
        MultiDualField field = MultiDualField.of(width);
        this.units = field.units();
        if (passes > 1 || count < n) {
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

    private static double[] checkedPoint(double[] x) {
        return Objects.requireNonNull(x, "x (the point) is null");
    }

    /**
     * Checks that the coordinates are distinct indices into an input of length n.
     *
     * @return a copy, which the caller's later changes cannot reach
     */
    static int[] checkedCoordinates(int[] coordinates, int n) {
        Objects.requireNonNull(coordinates, "coordinates (the inputs to differentiate by) is null");
        boolean[] seen = new boolean[n];
        for (int j = 0; j < coordinates.length; j++) {
            int c = coordinates[j];
            if (c < 0 || c >= n) {
                throw new IllegalArgumentException("coordinates[" + j + "] = " + c
                        + " is not an input: x has length " + n + ", so each must be in [0, " + n + ")");
            }
            if (seen[c]) {
                throw new IllegalArgumentException("coordinate " + c + " appears twice (again at"
                        + " coordinates[" + j + "]); the coordinates must be distinct");
            }
            seen[c] = true;
        }
        return coordinates.clone();
    }

    private int coordinate(int j) {
        return coordinates == null ? j : coordinates[j];
    }

    /** Seeds the inputs of {@code pass}; returns the pass's fresh tag. */
    int seed(int pass) {
        int tag = Tag.next();
        int start = pass * width;
        int end = start + Math.min(width, count - start);
        for (int j = start; j < end; j++) {
            int c = coordinate(j);
            inputs[c] = MultiDual.wrap(x[c], units[j - start], tag);
        }
        return tag;
    }

    /** Puts the constants back in place of the inputs seeded by {@code pass}. */
    void unseed(int pass) {
        if (constants == null) {
            return;
        }
        int start = pass * width;
        int end = start + Math.min(width, count - start);
        if (coordinates == null) {
            System.arraycopy(constants, start, inputs, start, end - start);
        } else {
            for (int j = start; j < end; j++) {
                inputs[coordinates[j]] = constants[coordinates[j]];
            }
        }
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
     * @param dest the row of m derivatives being filled, or null on the first pass
     * @return dest, allocated if it was null (for one pass, a copy of y's tangents, which are
     *     exactly the row: no zeroed row to fill)
     */
    double[] copyTangents(MultiDual y, int pass, double[] dest) {
        if (dest == null) {
            if (passes == 1) {
                return y.tangents();
            }
            dest = new double[count];
        }
        int start = pass * width;
        int length = Math.min(width, count - start);
        System.arraycopy(y.tangentsNoCopy(), 0, dest, start, Math.max(length, 0));
        return dest;
    }
}
