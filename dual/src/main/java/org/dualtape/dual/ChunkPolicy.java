package org.dualtape.dual;

/**
 * The one rule that picks the chunk width k (tangents per forward pass) when the caller of
 * {@link Forward#gradient(java.util.function.Function, double[])} or
 * {@link Forward#jacobian(java.util.function.Function, double[])} does not.
 *
 * <h2>Rule</h2>
 * With n inputs and a largest width {@link #MAX_CHUNK} = 24: n ≤ 24 takes one pass of width n;
 * otherwise the fewest passes, {@code p = ⌈n / 24⌉}, each of the most even width
 * {@code k = ⌈n / p⌉} (so n = 25 takes two passes of 13, not 24 + 1). This is ForwardDiff.jl's
 * {@code pickchunksize} rule, with our threshold instead of its 12.
 *
 * <h2>Why 24</h2>
 * A pass costs about {@code c₀ + c₁·k} (a fixed part per operation: the objects, the value, the
 * partials; and k tangent updates), so a gradient costs about {@code n·c₀/k + n·c₁}: wider chunks
 * pay less fixed cost until the tangent loops dominate. ForwardDiff.jl's 12 was tuned for Julia,
 * where a chunk is an immutable tuple specialised per width; ours is a heap array whose
 * allocation is part of c₀. We timed
 * {@code Forward.gradient(f, x, k)} for k = 12, 16, 24, 32 on Rosenbrock and on a one-layer
 * tanh network's loss, n = 48 to 384 (a throwaway loop, best of 3 to 5 runs of 0.1 to 0.15 s
 * after warm-up, on a 2-core machine shared with other jobs, load average about 8, so single
 * figures are noisy to ±30%). Over 15 (function, n, run) cells the median time relative to
 * k = 12 was 0.90 for k = 16, 0.75 for k = 24 and 0.74 for k = 32; e.g. Rosenbrock at n = 192:
 * 408, 276, 347, 322 µs and 565, 537, 311, 302 µs in two runs; the network at n = 192: 1166,
 * 916, 900, 1007 µs and 953, 786, 569, 523 µs. 24 is the smallest width on the plateau: wider
 * chunks only allocate longer tangent arrays per operation. Re-measure with JMH on a quiet
 * machine before trusting the last 10%.
 */
public final class ChunkPolicy {

    /** The largest chunk width the policy picks. */
    public static final int MAX_CHUNK = 24;

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
