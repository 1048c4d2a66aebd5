package org.dualtape.dual;

/**
 * The one rule that picks the chunk width k (tangents per forward pass) when the caller of
 * {@link Forward#gradient(java.util.function.Function, double[])} or
 * {@link Forward#jacobian(java.util.function.Function, double[])} does not.
 *
 * <h2>Rule</h2>
 * With n inputs, the widest allowed chunk is {@code w = max(24, ⌈√n⌉)}, at most
 * {@link #WIDEST_CHUNK} = 256. n ≤ w takes one pass of width n; otherwise the fewest passes,
 * {@code p = ⌈n / w⌉}, each of the most even width {@code k = ⌈n / p⌉} (so n = 25 takes two
 * passes of 13, not 24 + 1). Up to n = 24² = 576 this is ForwardDiff.jl's {@code pickchunksize}
 * rule with our threshold {@link #MAX_CHUNK} = 24 instead of its 12; beyond, k grows as √n, so a
 * gradient of 1000 inputs takes 32 passes of 32 and one of 10000 inputs 100 passes of 100.
 *
 * <h2>Why 24 for small n</h2>
 * A pass costs about {@code c₀ + c₁·k} per operation (the object, the value, the partials; then
 * k tangent updates), so a gradient costs about {@code n·c₀/k + n·c₁} per operation: wider chunks
 * pay less fixed cost until the tangent loops dominate. ForwardDiff.jl's 12 was tuned for Julia,
 * where a chunk is an immutable tuple specialised per width; ours is a heap array whose
 * allocation is part of c₀. We timed {@code Forward.gradient(f, x, k)} for k = 12, 16, 24, 32 on
 * Rosenbrock and on a one-layer tanh network's loss, n = 48 to 384 (a throwaway loop, best of 3
 * to 5 runs of 0.1 to 0.15 s after warm-up, on a 2-core machine shared with other jobs, load
 * average about 8, so single figures are noisy to ±30%). Over 15 (function, n, run) cells the
 * median time relative to k = 12 was 0.90 for k = 16, 0.75 for k = 24 and 0.74 for k = 32; e.g.
 * Rosenbrock at n = 192: 408, 276, 347, 322 µs and 565, 537, 311, 302 µs in two runs; the network
 * at n = 192: 1166, 916, 900, 1007 µs and 953, 786, 569, 523 µs. 24 is the smallest width on
 * the plateau.
 *
 * <h2>Why √n for large n</h2>
 * In most functions of many inputs most operations of a pass do not depend on the pass's k
 * seeded inputs: in a sum of local terms such as Rosenbrock, only the terms that read one of them.
 * {@link MultiDual} computes those as constants at a cost c₀ independent of k, so a pass costs
 * about {@code n·c₀} for them plus {@code k·(a + b·k)} for the operations that carry tangents,
 * and a gradient of ⌈n / k⌉ passes about {@code n²·c₀/k + n·b·k}: least at
 * {@code k = √(n·c₀/b)}, a small multiple of √n. Operations that depend on every input (a dense
 * function) only gain from wider chunks. The cap keeps one number's tangents at 2 KB.
 * {@code ChunkWidthBenchmark} (module jmh; JMH, 1 fork, 5 × 0.5 s after 2 × 0.5 s, same shared
 * machine, load average 5 to 6: medians, noisy to ±30%) timed the forward gradient for
 * k = 24, 48, 96, 192 and this rule's k:
 * <ul>
 *   <li>Rosenbrock, n = 1000: 2150, 1735, 2108, 8486 µs, and 1965 µs at this rule's 32;</li>
 *   <li>Rosenbrock, n = 10000: 226, 116, 71, 46 ms, and 70 ms at 100 (3.2 times faster than 24);</li>
 *   <li>a dense function (Σ sin(x_i·mean(x))), n = 1000: 7288, 5772, 5118, 5738 µs, and 6218 µs
 *       at 32;</li>
 *   <li>the dense function, n = 10000: 411, 469, 521, 366 ms, and 487 ms at 100 (memory-bound:
 *       2.5 to 3 GB of tangent arrays per gradient whatever k).</li>
 * </ul>
 * A width of 2√n looked better still for Rosenbrock at n = 10000 (46 ms at 192) but not at
 * n = 1000 nor for the dense function; √n keeps the tested small-n rule unchanged. Re-measure on
 * a quiet machine before trusting the last 30%.
 */
public final class ChunkPolicy {

    /** The widest chunk for up to {@code MAX_CHUNK² = 576} inputs; beyond, the width grows as √n. */
    public static final int MAX_CHUNK = 24;

    /** The widest chunk for any number of inputs (reached at n = 65536). */
    public static final int WIDEST_CHUNK = 256;

    private ChunkPolicy() {
    }

    /**
     * The chunk width for a function of {@code n} inputs.
     *
     * @param n the number of inputs, at least 0
     * @return k in [1, {@link #WIDEST_CHUNK}], at most {@link #MAX_CHUNK} for n ≤ 576 (1 for n = 0)
     * @throws IllegalArgumentException if n is negative
     */
    public static int chunkSize(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("the number of inputs must be at least 0, got " + n);
        }
        if (n <= MAX_CHUNK) {
            return Math.max(n, 1);
        }
        int widest = Math.min(WIDEST_CHUNK, Math.max(MAX_CHUNK, (int) Math.ceil(Math.sqrt(n))));
        int passes = (n + widest - 1) / widest;
        return (n + passes - 1) / passes;
    }
}
