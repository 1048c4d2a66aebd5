package org.dualtape.tape;

import java.util.Arrays;

/**
 * Writes the {@link Code} of one program from a recorded tape: the forward evaluation (values,
 * partials, branch checks) with the same rules, in the same order, as {@link Replayer#run}, then the
 * reverse sweep (as {@code Tape.reverse}, entry by entry from the last down, partials in slot
 * order, an entry with a zero adjoint propagating nothing) or the tangent sweep.
 *
 * <p>Knowledge at generation time is used, never changing a result: entries that neither reach an
 * output nor hold a branch are left out (the interpreter computes them, but nothing reads them);
 * constants are literals; an adjoint that no seed reaches is not computed (it is zero, and a zero
 * adjoint propagates nothing); partials 1 and -1 are an add and a subtract ({@code a + 1·b} and
 * {@code a + (-1)·b} are {@code a + b} and {@code a - b} exactly); and an entry whose partials are
 * all finite constants needs no zero-adjoint test ({@code p·0} is a zero, and adding a zero to an
 * adjoint, never {@code -0}, changes nothing). So the reverse sweep's adjoints are bitwise the
 * interpreter's. The sparse forward Jacobian leaves out tangents known to be zero, which changes
 * rounding only (see {@link Compiled}).
 */
final class Generator extends EntryWriter {
    final int[] outputs;
    /** Entries whose value the program needs: ancestors of the outputs and of piecewise entries. */
    final boolean[] needed;

    Generator(Tape t, int[] inputs, int[] outputs, int end, int budget) {
        super(t, inputs, end, budget);
        this.outputs = outputs;
        needed = new boolean[end];
        for (int i = 0; i < end; i++) {
            needed[i] = t.op[i] < Op.VECTOR && Op.PIECEWISE[t.op[i]];
        }
        for (int y : outputs) {
            needed[y] = true;
        }
        for (int i = end - 1; i >= 0; i--) {
            if (needed[i]) {
                for (int k = t.start[i]; k < t.start[i + 1]; k++) {
                    needed[t.arg[k]] = true;
                }
            }
        }
    }

    /**
     * Why this tape cannot be compiled, or null.
     *
     * @param inputs the replay's input entries
     */
    static String unsupported(Tape t, int[] inputs, int end) {
        for (int e : inputs) {
            if (t.op[e] != Op.INPUT) {
                return "entry #" + e + " is a matrix input";
            }
        }
        for (int i = 0; i < end; i++) {
            int code = t.op[i];
            if (code >= Op.VECTOR) {
                return "entry #" + i + " is a vector node (" + Op.label(code) + ")";
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- programs

    /** The outputs' values into {@code o}; returns the first. */
    Code values() {
        begin();
        for (int i = 0; i < end; i++) {
            if (needed[i]) {
                boundary();
                entry(i, false);
            }
        }
        for (int r = 0; r < outputs.length; r++) {
            out(r, outputs[r]);
        }
        ret(outputs[0]);
        return c;
    }

    /**
     * The reverse sweep: with {@code seeded} false the gradient of the single output into
     * {@code o} (seed 1) and its value returned; with true {@code uᵀ·J} (seeds {@code s}).
     */
    Code reverse(boolean seeded) {
        begin();
        forward(true);
        int[] a = newAdjoints();
        if (seeded) {
            for (int r = 0; r < outputs.length; r++) {
                int y = outputs[r];
                if (a[y] < 0) {
                    a[y] = zero(Code.ADJOINT, y, -1);
                }
                c.add(Code.LOAD, a[y]);
                c.add(Code.SEED, r);
                c.add(Code.ADD);
                c.add(Code.STORE, a[y]);
            }
        } else {
            seedOne(a, outputs[0], -1);
        }
        sweep(a, -1, 0);
        if (seeded) {
            c.add(Code.RETURN, -1, 0, 0);
        } else {
            ret(outputs[0]);
        }
        return c;
    }

    /** The Jacobian by one reverse sweep per output: {@code o} gets the values, then the rows. */
    Code jacobianReverse() {
        begin();
        forward(true);
        for (int r = 0; r < outputs.length; r++) {
            out(r, outputs[r]);
        }
        long[] rowCost = new long[outputs.length];
        reverseCost(rowCost);
        for (int r = 0; r < outputs.length; r++) {
            // a short row's sweep is kept whole, so that rows of the same shape give methods of one form
            boundary();
            whole = rowCost[r] > 0 && rowCost[r] * 40 < EntryWriter.BUDGET / 2;
            int[] a = newAdjoints();
            seedOne(a, outputs[r], outputs.length == 1 ? -1 : r);
            sweep(a, outputs.length == 1 ? -1 : r, outputs.length + r * width);
            whole = false;
        }
        c.add(Code.RETURN, -1, 0, 0);
        return c;
    }

    /** {@code J·v} (seeds {@code s}) into {@code o}, as {@link Tape#sweepForward} computes it. */
    Code jvp() {
        begin();
        int[] tk = new int[end];
        Arrays.fill(tk, -1);
        for (int i = 0; i < end; i++) {
            if (!needed[i]) {
                continue;
            }
            boundary();
            entry(i, true);
            if (t.start[i] < t.start[i + 1]) {
                tk[i] = c.key(Code.TANGENT, i, -1);
                c.constant(0);
                for (int k = t.start[i]; k < t.start[i + 1]; k++) {
                    partial(k);
                    int x = t.arg[k];
                    if (tk[x] >= 0) {
                        c.add(Code.LOAD, tk[x]);
                    } else if (input(x)) {
                        c.add(Code.SEED, pos[x]);
                    } else {
                        c.constant(0);
                    }
                    c.add(Code.MUL);
                    c.add(Code.ADD);
                }
                c.add(Code.STORE, tk[i]);
            }
        }
        for (int r = 0; r < outputs.length; r++) {
            int y = outputs[r];
            boundary();
            if (tk[y] < 0 && input(y)) {
                c.add(Code.SEED, pos[y]);
                tk[y] = c.key(Code.TANGENT, y, -1);
                c.add(Code.STORE, tk[y]);
            }
            c.add(Code.OUT, r, tk[y], 0);
        }
        c.add(Code.RETURN, -1, 0, 0);
        return c;
    }

    /**
     * The Jacobian by tangents with respect to every input at once, leaving out those known to be
     * zero: {@code o} gets the values, then the rows; structural zeros are not written.
     *
     * @param dep per entry the inputs it depends on ({@link #dependencies})
     */
    Code jacobianForward(long[][] dep) {
        begin();
        int[][] tk = new int[end][];
        int m = outputs.length;
        for (int i = 0; i < end; i++) {
            if (!needed[i]) {
                continue;
            }
            boundary();
            entry(i, dep[i] != null);
            if (dep[i] == null) {
                continue;
            }
            tk[i] = new int[width];
            Arrays.fill(tk[i], -1);
            if (t.op[i] == Op.INPUT) {
                tk[i][pos[i]] = -2; // exactly 1
                continue;
            }
            for (int j = 0; j < width; j++) {
                if ((dep[i][j >> 6] & 1L << j) == 0) {
                    continue;
                }
                boolean first = true;
                for (int k = t.start[i]; k < t.start[i + 1]; k++) {
                    int x = t.arg[k];
                    int tx = tk[x] == null ? -1 : tk[x][j];
                    if (tx == -1) {
                        continue;
                    }
                    boolean negate = false;
                    if (tx == -2) {
                        partial(k);
                    } else if (unit(k)) {
                        c.add(Code.LOAD, tx);
                        negate = pConst[k] == -1;
                    } else {
                        partial(k);
                        c.add(Code.LOAD, tx);
                        c.add(Code.MUL);
                    }
                    if (first) {
                        if (negate) {
                            c.add(Code.NEG);
                        }
                    } else {
                        c.add(negate ? Code.SUB : Code.ADD);
                    }
                    first = false;
                }
                tk[i][j] = c.key(Code.TANGENT, i, j);
                c.add(Code.STORE, tk[i][j]);
            }
        }
        for (int r = 0; r < m; r++) {
            out(r, outputs[r]);
            int y = outputs[r];
            for (int j = 0; tk[y] != null && j < width; j++) {
                if (tk[y][j] != -1) {
                    boundary();
                    c.add(Code.OUT, m + r * width + j, Math.max(tk[y][j], -1), 1);
                }
            }
        }
        c.add(Code.RETURN, -1, 0, 0);
        return c;
    }

    /**
     * Per entry up to the last output, the set of inputs it depends on as a bit set ({@code null}
     * for none), or null if the sets would take more than {@code limit} words.
     */
    long[][] dependencies(long limit) {
        int words = (width + 63) >> 6;
        if ((long) words * end > limit) {
            return null;
        }
        long[][] dep = new long[end][];
        for (int i = 0; i < end; i++) {
            if (!needed[i]) {
                continue;
            }
            if (t.op[i] == Op.INPUT) {
                if (pos[i] >= 0) {
                    dep[i] = new long[words];
                    dep[i][pos[i] >> 6] |= 1L << pos[i];
                }
                continue;
            }
            for (int k = t.start[i]; k < t.start[i + 1]; k++) {
                long[] d = dep[t.arg[k]];
                if (d != null) {
                    if (dep[i] == null) {
                        dep[i] = new long[words];
                    }
                    for (int w = 0; w < words; w++) {
                        dep[i][w] |= d[w];
                    }
                }
            }
        }
        return dep;
    }

    /** The multiply-adds of the sparse forward Jacobian: one per partial and input its argument depends on. */
    long forwardCost(long[][] dep) {
        long cost = 0;
        for (int i = 0; i < end; i++) {
            if (needed[i] && t.op[i] != Op.INPUT) {
                for (int k = t.start[i]; k < t.start[i + 1]; k++) {
                    long[] d = dep[t.arg[k]];
                    for (int w = 0; d != null && w < d.length; w++) {
                        cost += Long.bitCount(d[w]);
                    }
                }
            }
        }
        return cost;
    }

    /**
     * The multiply-adds of one reverse sweep per output: one per partial of the entries each output
     * reaches (per output into {@code perRow} if not null); -1 if counting would take too long.
     */
    long reverseCost(long[] perRow) {
        if ((long) outputs.length * end > 50_000_000L) {
            return -1; // one marking pass per output would take seconds
        }
        long cost = 0;
        boolean[] mark = new boolean[end];
        for (int r = 0; r < outputs.length; r++) {
            int y = outputs[r];
            Arrays.fill(mark, false);
            mark[y] = true;
            for (int i = y; i >= 0; i--) {
                if (mark[i]) {
                    cost += t.start[i + 1] - t.start[i];
                    if (perRow != null) {
                        perRow[r] += t.start[i + 1] - t.start[i];
                    }
                    for (int k = t.start[i]; k < t.start[i + 1]; k++) {
                        mark[t.arg[k]] = true;
                    }
                }
            }
        }
        return cost;
    }

    // ---------------------------------------------------------------- pieces

    /** Every needed entry with its partials, for a sweep. */
    private void forward(boolean partials) {
        for (int i = 0; i < end; i++) {
            if (needed[i]) {
                boundary();
                entry(i, partials);
            }
        }
    }

    /** Entries that depend on a replay input: the others' adjoints never reach one. */
    private boolean[] reach() {
        boolean[] reach = new boolean[end];
        for (int i = 0; i < end; i++) {
            if (t.op[i] == Op.INPUT) {
                reach[i] = pos[i] >= 0;
            }
            for (int k = t.start[i]; k < t.start[i + 1]; k++) {
                reach[i] |= reach[t.arg[k]];
            }
        }
        return reach;
    }

    private int[] newAdjoints() {
        int[] a = new int[end];
        Arrays.fill(a, -1);
        return a;
    }

    private void seedOne(int[] a, int y, int sweep) {
        a[y] = c.key(Code.ADJOINT, y, sweep);
        c.constant(1);
        c.add(Code.STORE, a[y]);
    }

    /**
     * The reverse sweep of seeded adjoints {@code a} from the last entry down; each replay input's
     * adjoint goes to {@code o[base + position]}.
     */
    private void sweep(int[] a, int sweep, int base) {
        boolean[] reach = reach();
        for (int i = end - 1; i >= 0; i--) {
            int from = t.start[i];
            int to = t.start[i + 1];
            if (t.op[i] == Op.INPUT && pos[i] >= 0) {
                boundary();
                c.add(Code.OUT, base + pos[i], a[i], 0);
                continue;
            }
            if (a[i] < 0 || from == to) {
                continue;
            }
            boundary();
            c.add(Code.ENTRY, i, 1, 0);
            boolean guard = false;
            for (int k = from; k < to; k++) {
                int x = t.arg[k];
                guard |= pKey[k] >= 0 || pInput[k] >= 0 || !Double.isFinite(pConst[k]);
                if (reach[x] && a[x] < 0) {
                    a[x] = zero(Code.ADJOINT, x, sweep);
                }
            }
            if (guard) {
                c.add(Code.IF_NONZERO, a[i]);
            }
            for (int k = from; k < to; k++) {
                int x = t.arg[k];
                if (!reach[x]) {
                    continue;
                }
                c.add(Code.LOAD, a[x]);
                if (unit(k)) {
                    c.add(Code.LOAD, a[i]);
                    c.add(pConst[k] == 1 ? Code.ADD : Code.SUB);
                } else {
                    partial(k);
                    c.add(Code.LOAD, a[i]);
                    c.add(Code.MUL);
                    c.add(Code.ADD);
                }
                c.add(Code.STORE, a[x]);
            }
            if (guard) {
                c.add(Code.END_IF);
            }
        }
    }

}
