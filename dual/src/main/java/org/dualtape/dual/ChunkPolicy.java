package org.dualtape.dual;

/**
 * The one rule that picks the chunk width k (tangents per forward pass) when the caller of
 * {@link Forward#gradient(java.util.function.Function, double[])} or
 * {@link Forward#jacobian(java.util.function.Function, double[])} does not.
 *
 * <h2>Rule</h2>
 * With n inputs and a largest width {@link #MAX_CHUNK}: n ≤ MAX_CHUNK takes one pass of width n;
 * otherwise the fewest passes, {@code p = ⌈n / MAX_CHUNK⌉}, each of the most even width
 * {@code k = ⌈n / p⌉} (so n = 13 takes two passes of 7, not 12 + 1). This is ForwardDiff.jl's
 * {@code pickchunksize}, whose threshold is 12.
 *
 * <h2>Measurement</h2>
 * (filled in by the measurement; see the field's Javadoc.)
 */
public final class ChunkPolicy {

    /** The largest chunk width the policy picks. */
    public static final int MAX_CHUNK = 12;

    private ChunkPolicy() {
    }

    /**
     * The chunk width for a function of {@code n} inputs.
     *
     * @param n the number of inputs, at least 0
     * @return k in [1, MAX_CHUNK] (1 for n = 0)
     * @throws IllegalArgumentException if n is negative
     */
    public static int chunkSize(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("the number of inputs must be at least 0, got " + n);
        }
        if (n <= MAX_CHUNK) {
            return Math.max(n, 1);
        }
        int passes = (n + MAX_CHUNK - 1) / MAX_CHUNK;
        return (n + passes - 1) / passes;
    }
}
