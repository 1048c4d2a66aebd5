package org.dualtape.tape;

import java.util.Arrays;
import org.dualtape.dual.Partials;

/**
 * Second-order reverse mode on a recorded tape, by forward-over-reverse: Hessian-vector products
 * {@code H·v} and whole Hessians of one scalar output, without running user code again.
 *
 * <h2>Mechanism</h2>
 * Differentiating the reverse sweep {@code a_x += p·a_i} in the direction {@code v} gives
 * {@code ȧ_x += p·ȧ_i + ṗ·a_i}: the tangents of the adjoints, {@code ȧ}, whose inputs' values are
 * {@code H·v}. So one HVP is three sweeps over the same tape: the ordinary reverse sweep (adjoints
 * {@code a}, seed 1 at the output), a tangent sweep (tangents {@code ṫ}, seeds {@code v} at the
 * inputs), and a reverse sweep of the adjoint tangents that adds, per entry, {@code p·ȧ_i} and the
 * curvature term {@code ṗ·a_i}, the partials' own tangent ({@code ṗ = Σ ∂p/∂x·ṫ}, from
 * {@link SecondPartials} and, for vector nodes, {@link VectorSecondOrder}). Each sweep costs about
 * what a gradient's sweep costs, whatever the number of inputs.
 *
 * <h2>The Hessian</h2>
 * The adjoints do not depend on the direction: a Hessian computes them once, then the columns
 * {@code H·e_j}, one per input (no sparsity is exploited: a sparse Hessian would seed several
 * structurally orthogonal columns together). On a tape of scalar entries the two direction sweeps
 * carry {@link #CHUNK} directions at once (tangents and adjoint tangents {@code k} per entry, as
 * {@code MultiDual} carries {@code k} tangents), so each entry's partials, op code and second
 * partials are read once per chunk rather than once per column, and rows that are structurally
 * zero for the chunk's seeds (entries that do not depend on its inputs, adjoint tangents nothing
 * reached) are skipped, so a sum of local terms costs about its local work per column; a tape
 * with vector nodes runs one
 * column at a time through the nodes' rules. Symmetric by construction: each pair
 * {@code H[i][j]}, {@code H[j][i]} is replaced by its mean, which differs from either by rounding.
 *
 * <h2>Conventions</h2>
 * As the first-order sweeps: an entry whose adjoint is zero adds no curvature term and one whose
 * adjoint tangent is zero propagates nothing; an argument whose tangent is zero adds no
 * second-partial term; so an unused {@code sqrt(0)} does not turn a Hessian into NaN. Piecewise
 * entries contribute second derivative 0 (the second derivative of the piece the first-order
 * convention picks, at a kink as elsewhere).
 *
 * <p>Workspace: {@code k} doubles per entry for tangents and as many for adjoint tangents, one per
 * arena value for vector nodes, kept by the instance ({@link Replay} keeps one; {@link Reverse}
 * hands its arrays to the thread's next call while they are small, see {@link #release()}).
 */
final class SecondOrder {
    /** Directions per sweep of a scalar tape's Hessian: enough to amortise each entry's reads. */
    static final int CHUNK = 16;
    /** At most this many doubles per workspace array (128 MiB): long tapes get narrower chunks. */
    static final int WORKSPACE_LIMIT = 1 << 24;

    private final Tape t;
    /** Tangents of a scalar tape, {@code k} per entry. */
    private double[] tan = new double[0];
    /** Tangents of the adjoints, {@code k} per entry ({@code k = 1} with vector nodes). */
    private double[] dd = new double[0];
    /** Tangents of the vector nodes' adjoints, parallel to {@link Arena#val}. */
    private double[] arenaDd = new double[0];
    /**
     * For a chunk of unit seeds: whether an entry's tangents may be nonzero ({@code live}: it
     * depends on a seeded input) and whether its adjoint tangents may be ({@code hot}); the sweeps
     * skip the others, whose rows are structural zeros (most of a Hessian column's work when each
     * entry depends on few inputs, as in sums of local terms).
     */
    private boolean[] live = new boolean[0];
    private boolean[] hot = new boolean[0];

    /** At most this many doubles of workspace are kept for the thread's next {@link Reverse} call (32 MiB). */
    static final int RETAINED_DOUBLES = 1 << 22;
    /** The workspace a finished {@link Reverse} call left for the thread's next one. */
    private static final ThreadLocal<double[][]> SPARE = new ThreadLocal<>();

    /** A workspace for tape {@code t}, reusing the arrays the thread's last {@link #release()} left. */
    SecondOrder(Tape t) {
        this.t = t;
        double[][] spare = SPARE.get();
        if (spare != null) {
            SPARE.remove();
            tan = spare[0];
            dd = spare[1];
            arenaDd = spare[2];
        }
    }

    /**
     * Leaves this workspace's arrays for the thread's next {@link Reverse} call while they take at
     * most {@link #RETAINED_DOUBLES}, so repeated HVPs allocate no workspace; larger ones go to the
     * garbage collector. The instance must not be used afterwards.
     */
    void release() {
        if ((long) tan.length + dd.length + arenaDd.length <= RETAINED_DOUBLES) {
            SPARE.set(new double[][] {tan, dd, arenaDd});
        }
    }

    /**
     * {@code H·v} of entry {@code output} with respect to the flat inputs; values must be in place.
     *
     * @param output the scalar output
     * @param first the first entry that is not an input or constant (the sweeps stop there)
     * @param inputs the input entries, scalar or matrix; not modified
     * @param v the seed, one per flat input (length already checked); not modified
     * @return {@code H·v}
     */
    double[] hvp(int output, int first, int[] inputs, double[] v) {
        adjoints(output, first);
        double[] hv = new double[v.length];
        if (t.arena.nodes > 0) {
            column(output, first, inputs, v, hv);
            return hv;
        }
        clear(output, 1);
        for (int r = 0; r < inputs.length; r++) {
            tan[inputs[r]] = v[r];
        }
        sweeps(output, first, 1);
        for (int r = 0; r < inputs.length; r++) {
            hv[r] = dd[inputs[r]];
        }
        return hv;
    }

    /**
     * The Hessian of entry {@code output}: the adjoints once, then the columns {@code H·e_j},
     * {@link #CHUNK} at a time on a scalar tape; symmetric by construction.
     *
     * @param output the scalar output
     * @param first the first entry that is not an input or constant
     * @param inputs the input entries, scalar or matrix; not modified
     * @param width the number of flat inputs
     * @return {@code [width][width]}
     */
    double[][] hessian(int output, int first, int[] inputs, int width) {
        adjoints(output, first);
        double[][] h = new double[width][width];
        if (t.arena.nodes > 0) {
            double[] seed = new double[width];
            double[] column = new double[width];
            for (int c = 0; c < width; c++) {
                seed[c] = 1;
                column(output, first, inputs, seed, column);
                seed[c] = 0;
                for (int r = 0; r < width; r++) {
                    h[r][c] = column[r];
                }
            }
        } else {
            int k = (int) Math.max(1, Math.min(Math.min(CHUNK, width), WORKSPACE_LIMIT / (output + 1L)));
            for (int c0 = 0; c0 < width; c0 += k) { // the last chunk may be narrower: its extra seeds stay 0
                int m = Math.min(k, width - c0);
                clear(output, k);
                if (live.length <= output) {
                    live = new boolean[output + 1];
                    hot = new boolean[output + 1];
                } else {
                    Arrays.fill(live, 0, output + 1, false);
                    Arrays.fill(hot, 0, output + 1, false);
                }
                for (int c = 0; c < m; c++) {
                    tan[inputs[c0 + c] * k + c] = 1;
                    live[inputs[c0 + c]] = true;
                }
                sweeps(output, first, k);
                for (int r = 0; r < width; r++) {
                    System.arraycopy(dd, inputs[r] * k, h[r], c0, m);
                }
            }
        }
        symmetrize(h);
        return h;
    }

    /** The inputs' entries {@code 0..n-1}, as {@link Reverse} records them. */
    static int[] firstEntries(int n) {
        int[] e = new int[n];
        for (int i = 0; i < n; i++) {
            e[i] = i;
        }
        return e;
    }

    /** Runs the first-order reverse sweep from {@code output} (seed 1) down to {@code first}. */
    private void adjoints(int output, int first) {
        t.reverse(new int[] {output}, 0, 1, null, first);
    }

    /** Zeroes {@code k} tangents and adjoint tangents per entry up to {@code output}, growing the workspace. */
    private void clear(int output, int k) {
        int n = Math.multiplyExact(output + 1, k); // k > 1 only within WORKSPACE_LIMIT
        if (tan.length < n) {
            tan = new double[n];
        } else {
            Arrays.fill(tan, 0, n, 0.0);
        }
        if (dd.length < n) {
            dd = new double[n];
        } else {
            Arrays.fill(dd, 0, n, 0.0);
        }
    }

    /** The parameters recorded by entries {@code 0..output}: where the backwards sweep starts counting. */
    private int parametersUpTo(int output) {
        int param = 0;
        for (int i = 0; i <= output; i++) {
            param += Op.AUX[t.op[i]];
        }
        return param;
    }

    /**
     * A scalar tape's two direction sweeps for {@code k} directions, seeds in {@link #tan}: the
     * tangent sweep (the mirror of {@link Tape#sweepForward}, {@code k} wide), then the
     * adjoint-tangent sweep.
     */
    private void sweeps(int output, int first, int k) {
        final int[] start = t.start;
        final int[] arg = t.arg;
        final double[] partial = t.partial;
        final double[] tan = this.tan;
        if (k == 1) { // a single direction, as Tape.sweepForward: the sum in a register
            for (int i = first; i <= output; i++) {
                int j = start[i];
                int end = start[i + 1];
                if (j < end) {
                    double sum = 0;
                    for (int q = j; q < end; q++) {
                        sum += partial[q] * tan[arg[q]];
                    }
                    if (sum != sum) { // as Tape.sweepForward: a zero tangent times an infinite partial is 0
                        sum = 0;
                        for (int q = j; q < end; q++) {
                            sum += Partials.chain(partial[q], tan[arg[q]]);
                        }
                    }
                    tan[i] = sum;
                }
            }
            scalars(output, first - 1, parametersUpTo(output), 1, tan);
            return;
        }
        final boolean[] live = this.live;
        for (int i = first; i <= output; i++) {
            int o = i * k;
            boolean any = false;
            for (int j = start[i], end = start[i + 1]; j < end; j++) {
                if (!live[arg[j]]) {
                    continue; // a structurally zero row adds nothing
                }
                double p = partial[j];
                int x = arg[j] * k;
                any = true;
                if (Double.isFinite(p)) {
                    for (int c = 0; c < k; c++) {
                        tan[o + c] += p * tan[x + c];
                    }
                } else { // a zero tangent times an infinite partial is 0, as Tape.sweepForward
                    for (int c = 0; c < k; c++) {
                        tan[o + c] += Partials.chain(p, tan[x + c]);
                    }
                }
            }
            if (start[i] != start[i + 1]) { // an input or constant keeps its flag (a seed, or not)
                live[i] = any;
            }
        }
        scalars(output, first - 1, parametersUpTo(output), k, tan);
    }

    /**
     * One column through a tape with vector nodes: seeds {@code v}, the tape's tangent sweep, the
     * adjoint-tangent sweep split at vector nodes (as {@link Tape#sweepReverse}), the inputs' results.
     */
    private void column(int output, int first, int[] inputs, double[] v, double[] hv) {
        t.clearTangents();
        int at = 0;
        for (int e : inputs) {
            at = t.replayer.seedTangent(e, v, at);
        }
        t.sweepForward(output);
        if (dd.length < t.size) {
            dd = new double[t.value.length];
        } else {
            Arrays.fill(dd, 0, t.size, 0.0);
        }
        Arena m = t.arena;
        if (arenaDd.length < m.used) {
            arenaDd = new double[m.value.length];
        } else {
            Arrays.fill(arenaDd, 0, m.used, 0.0);
        }
        int param = parametersUpTo(output);
        int node = m.nodesUpTo(output);
        int i = output;
        while (node > 0 && m.entry[node - 1] >= first) {
            int vector = m.entry[--node];
            param = scalars(i, vector, param, 1, t.tangent);
            VectorSecondOrder.reverse(m, node, arenaDd, dd);
            i = vector - 1;
        }
        scalars(i, first - 1, param, 1, t.tangent);
        at = 0;
        for (int e : inputs) {
            at = read(e, hv, at);
        }
    }

    /**
     * The adjoint-tangent sweep over scalar entries {@code from} down to {@code stop + 1}, {@code k}
     * directions with tangents {@code tan}; {@code param} counts the parameters recorded by entries
     * up to {@code from}. Returns the count below {@code stop + 1}.
     */
    private int scalars(int from, int stop, int param, int k, double[] tan) {
        final byte[] op = t.op;
        final int[] start = t.start;
        final int[] arg = t.arg;
        final double[] partial = t.partial;
        final double[] adjoint = t.adjoint;
        final double[] dd = this.dd;
        final boolean[] hot = this.hot;
        for (int i = from; i > stop; i--) {
            int code = op[i];
            param -= Op.AUX[code];
            if (k == 1) {
                double d = dd[i];
                if (d != 0.0) { // as Tape.reverse: zero skips, and an infinite one skips zero partials
                    for (int j = start[i], end = start[i + 1]; j < end; j++) {
                        dd[arg[j]] += Partials.chain(d, partial[j]);
                    }
                }
            } else if (hot[i]) {
                int o = i * k;
                for (int j = start[i], end = start[i + 1]; j < end; j++) {
                    double p = partial[j];
                    int x = arg[j] * k;
                    if (p == 0.0) {
                        continue;
                    }
                    hot[arg[j]] = true;
                    if (Double.isFinite(p)) {
                        for (int c = 0; c < k; c++) {
                            dd[x + c] += p * dd[o + c];
                        }
                    } else { // a zero adjoint tangent propagates nothing, even through an infinite partial
                        for (int c = 0; c < k; c++) {
                            double d = dd[o + c];
                            if (d != 0.0) {
                                dd[x + c] += p * d;
                            }
                        }
                    }
                }
            }
            double a = adjoint[i];
            if (a != 0.0 && SecondPartials.CURVED[code] && (k == 1 || liveArgument(i))) {
                SecondPartials.add(t, i, code, param, a, tan, dd, k);
                if (k > 1) {
                    for (int j = start[i], end = start[i + 1]; j < end; j++) {
                        hot[arg[j]] = true;
                    }
                }
            }
        }
        return param;
    }

    /** Whether an argument of entry {@code i} may have nonzero tangents in the current chunk. */
    private boolean liveArgument(int i) {
        for (int j = t.start[i], end = t.start[i + 1]; j < end; j++) {
            if (live[t.arg[j]]) {
                return true;
            }
        }
        return false;
    }

    /** Copies input entry {@code e}'s adjoint tangents to {@code hv[at...]}; returns the next position. */
    private int read(int e, double[] hv, int at) {
        if (t.op[e] == Op.INPUT) {
            hv[at] = dd[e];
            return at + 1;
        }
        Arena m = t.arena;
        int j = m.nodeOf(e);
        int n = m.size(j);
        System.arraycopy(arenaDd, m.off[j], hv, at, n);
        return at + n;
    }

    /** Replaces each pair {@code h[i][j]}, {@code h[j][i]} by its mean: symmetric by construction. */
    private static void symmetrize(double[][] h) {
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < i; j++) {
                double mean = 0.5 * h[i][j] + 0.5 * h[j][i];
                h[i][j] = mean;
                h[j][i] = mean;
            }
        }
    }
}
