package org.dualtape.dual;

/**
 * The one rule that picks the chunk width k (tangents per forward pass) when the caller of
 * {@link Forward#gradient(java.util.function.Function, double[])} or
 * {@link Forward#jacobian(java.util.function.Function, double[])} does not, and the bound every
 * chunk width is held to.
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
 * allocation is part of c₀, which moves the plateau to wider chunks; 24 is the smallest width on
 * it (the timings are in the README's Performance section).
 *
 * <h2>Why √n for large n</h2>
 * In most functions of many inputs most operations of a pass do not depend on the pass's k
 * seeded inputs: in a sum of local terms such as Rosenbrock, only the terms that read one of them.
 * {@link MultiDual} computes those as constants at a cost c₀ independent of k, so a pass costs
 * about {@code n·c₀} for them plus {@code k·(a + b·k)} for the operations that carry tangents,
 * and a gradient of ⌈n / k⌉ passes about {@code n²·c₀/k + n·b·k}: least at
 * {@code k = √(n·c₀/b)}, a small multiple of √n. Operations that depend on every input (a dense
 * function) only gain from wider chunks until the k tangent updates dominate c₀.
 *
 * <h2>Why a widest chunk</h2>
 * The k seeded inputs of a pass each carry k tangents, k² numbers in all, before f has computed
 * anything: 288 MB for one pass over 6000 inputs. Beyond a few hundred tangents a pass costs
 * about its k tangent updates per operation, so fewer, wider passes no longer save time. Every
 * call therefore seeds at most {@link #WIDEST_CHUNK} inputs per pass ({@link #passWidth}), also
 * when its caller asks for a wider chunk: 512 KB of seeds, and the same gradient to the bit
 * (every chunk width gives the same tangents).
 */
public final class ChunkPolicy {

    /** The widest chunk for up to {@code MAX_CHUNK² = 576} inputs; beyond, the width grows as √n. */
    public static final int MAX_CHUNK = 24;

    /**
     * The widest chunk of any pass: of this rule (reached at n = 65536), and of a caller's
     * explicit chunk ({@link #passWidth}).
     */
    public static final int WIDEST_CHUNK = 256;

    private ChunkPolicy() {
    }

    /**
     * The chunk width for a function of {@code n} inputs.
     *
     * @param n the number of inputs, at least 1
     * @return k in [1, {@link #WIDEST_CHUNK}], at most {@link #MAX_CHUNK} for n ≤ 576
     * @throws IllegalArgumentException if n is less than 1 (a function of no inputs has no chunk:
     *     its gradient is empty)
     */
    public static int chunkSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of inputs must be at least 1 for a chunk"
                    + " width, got " + n);
        }
        if (n <= MAX_CHUNK) {
            return n;
        }
        int widest = Math.min(WIDEST_CHUNK, Math.max(MAX_CHUNK, (int) Math.ceil(Math.sqrt(n))));
        return ceilDiv(n, ceilDiv(n, widest));
    }

    /**
     * The width of the passes of a call asked for chunks of {@code chunk} tangents on {@code n}
     * inputs: the chunk, but no wider than the inputs and than {@link #WIDEST_CHUNK} (see "Why a
     * widest chunk").
     *
     * @param chunk the chunk width asked for, at least 1
     * @param n the number of inputs differentiated by, at least 0
     * @return {@code max(1, min(chunk, n, WIDEST_CHUNK))}
     * @throws IllegalArgumentException if chunk is less than 1 or n is negative
     */
    public static int passWidth(int chunk, int n) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1, got " + chunk);
        }
        if (n < 0) {
            throw new IllegalArgumentException("the number of inputs must be at least 0, got " + n);
        }
        return Math.max(1, Math.min(Math.min(chunk, n), WIDEST_CHUNK));
    }

    /**
     * The number of passes of width {@code width} that cover {@code n} inputs.
     *
     * @param n the number of inputs, at least 0
     * @param width the pass width, at least 1
     * @return ⌈n / width⌉, without overflow for any n
     */
    static int passes(int n, int width) {
        return ceilDiv(n, width);
    }

    /** ⌈a / b⌉ for a ≥ 0, b ≥ 1, exact for every int a (a + b − 1 could overflow). */
    private static int ceilDiv(int a, int b) {
        int q = a / b;
        return a % b == 0 ? q : q + 1;
    }
}
