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
final class Generator {
    /**
     * Estimated bytes of bytecode per generated method: the measured size that C2 compiles well
     * (see {@link Compiled}); HotSpot does not compile methods over 8000 bytes at all.
     */
    static final int BUDGET = 3000;

    private final Tape t;
    final int[] outputs;
    final int end;
    final int width;
    /** Per entry: its position in the flat input array, or -1 if it is not a replay input. */
    final int[] pos;
    /** Per entry: the index of its first recorded parameter. */
    private final int[] auxAt;
    /** Entries whose value the program needs: ancestors of the outputs and of piecewise entries. */
    final boolean[] needed;
    private final int budget;

    private Code c;
    /** The method being written, the instructions already estimated, and the estimate. */
    private int chunk;
    private int scanned;
    private int bytes;
    /** Per key: the method that last wrote it, and the last method that counted a load of it. */
    private int[] keyChunk = new int[64];
    private int[] keyCounted = new int[64];
    private int[] valKey;
    /** Per partial slot: its key, or -1 for the constant {@link #pConst}. */
    private int[] pKey;
    private double[] pConst;

    Generator(Tape t, int[] inputs, int[] outputs, int end, int budget) {
        this.t = t;
        this.outputs = outputs;
        this.end = end;
        this.budget = budget;
        pos = new int[end];
        Arrays.fill(pos, -1);
        for (int j = 0; j < inputs.length; j++) {
            pos[inputs[j]] = j;
        }
        width = inputs.length;
        auxAt = new int[end];
        needed = new boolean[end];
        for (int i = 0, a = 0; i < end; i++) {
            auxAt[i] = a;
            int code = t.op[i];
            if (code < Op.VECTOR) {
                a += Op.AUX[code];
                needed[i] = Op.PIECEWISE[code];
            }
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
        for (int r = 0; r < outputs.length; r++) {
            int[] a = newAdjoints();
            seedOne(a, outputs[r], outputs.length == 1 ? -1 : r);
            sweep(a, outputs.length == 1 ? -1 : r, outputs.length + r * width);
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
            if (t.op[i] == Op.INPUT && pos[i] >= 0) {
                tk[i] = c.key(Code.TANGENT, i, -1);
                c.add(Code.SEED, pos[i]);
                c.add(Code.STORE, tk[i]);
            } else if (t.start[i] < t.start[i + 1]) {
                tk[i] = c.key(Code.TANGENT, i, -1);
                c.constant(0);
                for (int k = t.start[i]; k < t.start[i + 1]; k++) {
                    partial(k);
                    int x = t.arg[k];
                    if (tk[x] >= 0) {
                        c.add(Code.LOAD, tk[x]);
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
                    } else if (pKey[k] < 0 && (pConst[k] == 1 || pConst[k] == -1)) {
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

    /** The multiply-adds of one reverse sweep per output: one per partial of the entries each output reaches. */
    long reverseCost() {
        long cost = 0;
        boolean[] mark = new boolean[end];
        for (int y : outputs) {
            Arrays.fill(mark, false);
            mark[y] = true;
            for (int i = y; i >= 0; i--) {
                if (mark[i]) {
                    cost += t.start[i + 1] - t.start[i];
                    for (int k = t.start[i]; k < t.start[i + 1]; k++) {
                        mark[t.arg[k]] = true;
                    }
                }
            }
        }
        return cost;
    }

    // ---------------------------------------------------------------- pieces

    private void begin() {
        c = new Code();
        chunk = 0;
        scanned = 0;
        bytes = 0;
        valKey = new int[end];
        Arrays.fill(valKey, -1);
        int p = t.start[end];
        pKey = new int[p];
        Arrays.fill(pKey, -1);
        pConst = new double[p];
    }

    /** Starts a new method if this one is full (between entries only). */
    private void boundary() {
        estimate();
        if (bytes > budget) {
            c.add(Code.CHUNK);
            chunk++;
            scanned = c.size;
            bytes = 0;
        }
    }

    /**
     * Adds the new instructions' bytecode to the estimate: a local's load or store takes up to 4
     * bytes (a wide index), an array access up to 6, and a key that crosses methods about 10 more
     * on each side for its workspace store and load.
     */
    private void estimate() {
        if (keyChunk.length < c.keys) {
            int n = Math.max(c.keys, 2 * keyChunk.length);
            keyChunk = Arrays.copyOf(keyChunk, n);
            keyCounted = Arrays.copyOf(keyCounted, n);
        }
        for (int i = scanned; i < c.size; i++) {
            int r = c.read(i);
            if (r >= 0 && keyChunk[r] != chunk && keyCounted[r] != chunk + 1) {
                keyCounted[r] = chunk + 1;
                bytes += 10;
            }
            int w = c.written(i);
            if (w >= 0) {
                keyChunk[w] = chunk;
                bytes += 10;
            }
            bytes += switch (c.op[i]) {
                case Code.LOAD, Code.STORE, Code.CONST, Code.RECEIVER, Code.CALL, Code.CALL_F, Code.CALL_DF,
                    Code.INT, Code.ARRAY, Code.ELEMENT -> 4;
                case Code.INPUT, Code.SEED, Code.SCRATCH_READ -> 6;
                case Code.OUT, Code.IF_NONZERO -> 10;
                case Code.CHECK -> 24;
                default -> 1;
            };
        }
        scanned = c.size;
    }

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

    /** A new key set to zero. */
    private int zero(int kind, int entry, int sub) {
        int k = c.key(kind, entry, sub);
        c.constant(0);
        c.add(Code.STORE, k);
        return k;
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
            c.add(Code.ENTRY, i);
            boolean guard = false;
            for (int k = from; k < to; k++) {
                int x = t.arg[k];
                guard |= pKey[k] >= 0 || !Double.isFinite(pConst[k]);
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
                if (pKey[k] < 0 && (pConst[k] == 1 || pConst[k] == -1)) {
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

    private void out(int index, int entry) {
        boundary();
        if (valKey[entry] >= 0) {
            c.add(Code.OUT, index, valKey[entry], 0);
        } else {
            c.add(Code.OUT, index, -1, t.value[entry]);
        }
    }

    private void ret(int entry) {
        c.add(Code.RETURN, valKey[entry], 0, valKey[entry] >= 0 ? 0 : t.value[entry]);
    }

    private void load(int e) {
        if (valKey[e] >= 0) {
            c.add(Code.LOAD, valKey[e]);
        } else {
            c.constant(t.value[e]);
        }
    }

    private void partial(int k) {
        if (pKey[k] >= 0) {
            c.add(Code.LOAD, pKey[k]);
        } else {
            c.constant(pConst[k]);
        }
    }

    private void storeValue(int i) {
        valKey[i] = c.key(Code.VALUE, i, -1);
        c.add(Code.STORE, valKey[i]);
    }

    private void storePartial(int i, int k) {
        pKey[k] = c.key(Code.PARTIAL, i, k - t.start[i]);
        c.add(Code.STORE, pKey[k]);
    }

    private void constantPartial(int k, double p) {
        pKey[k] = -1;
        pConst[k] = p;
    }

    /** The partial at slot {@code k} is the value of entry {@code e}. */
    private void valuePartial(int k, int e) {
        pKey[k] = valKey[e];
        pConst[k] = t.value[e];
    }

    /**
     * Entry {@code i}: its value and, if asked or needed for its branch, its partials, then its
     * branch check; each case as the rule the interpreter calls ({@link Replayer#run}).
     */
    private void entry(int i, boolean partials) {
        int code = t.op[i];
        int k = t.start[i];
        int[] g = t.arg;
        double aux = t.aux.length > auxAt[i] ? t.aux[auxAt[i]] : 0;
        boolean piecewise = Op.PIECEWISE[code];
        boolean p = partials || piecewise;
        if (code == Op.CONST || (code == Op.INPUT && pos[i] < 0)) {
            return;
        }
        c.add(Code.ENTRY, i);
        switch (code) {
            case Op.INPUT -> {
                c.add(Code.INPUT, pos[i]);
                storeValue(i);
            }
            case Op.ADD, Op.SUB, Op.MUL -> {
                load(g[k]);
                load(g[k + 1]);
                c.add(code == Op.ADD ? Code.ADD : code == Op.SUB ? Code.SUB : Code.MUL);
                storeValue(i);
                if (code == Op.MUL) {
                    valuePartial(k, g[k + 1]);
                    valuePartial(k + 1, g[k]);
                } else {
                    constantPartial(k, 1);
                    constantPartial(k + 1, code == Op.ADD ? 1 : -1);
                }
            }
            case Op.DIV -> {
                load(g[k]);
                load(g[k + 1]);
                c.add(Code.DIV);
                storeValue(i);
                if (p) {
                    c.constant(1);
                    load(g[k + 1]);
                    c.add(Code.DIV);
                    storePartial(i, k);
                    c.add(Code.LOAD, valKey[i]);
                    c.add(Code.NEG);
                    load(g[k + 1]);
                    c.add(Code.DIV);
                    storePartial(i, k + 1);
                }
            }
            case Op.ADD_C, Op.SUB_C, Op.MUL_C, Op.DIV_C -> {
                load(g[k]);
                c.constant(code == Op.MUL_C ? t.partial[k] : aux);
                c.add(code == Op.ADD_C ? Code.ADD : code == Op.SUB_C ? Code.SUB : code == Op.MUL_C ? Code.MUL : Code.DIV);
                storeValue(i);
                constantPartial(k, code == Op.MUL_C ? t.partial[k] : code == Op.DIV_C ? 1 / aux : 1);
            }
            case Op.POW_C -> rule(i, Code.Call.POW_CONSTANT, p, aux, false);
            case Op.POW_INT -> rule(i, Code.Call.POW_INT, p, aux, true);
            case Op.ROOT_N -> rule(i, Code.Call.ROOT_N, p, aux, true);
            case Op.SCALB -> rule(i, Code.Call.SCALB, p, aux, true);
            case Op.POW -> rule(i, Code.Call.POW, p, 0, false);
            case Op.ATAN2 -> rule(i, Code.Call.ATAN2, p, 0, false);
            case Op.HYPOT -> rule(i, Code.Call.HYPOT, p, 0, false);
            case Op.REM -> rule(i, Code.Call.REMAINDER, p, 0, false);
            case Op.COPY_SIGN -> rule(i, Code.Call.COPY_SIGN, p, 0, false);
            case Op.MIN -> rule(i, Code.Call.MIN, p, 0, false);
            case Op.MAX -> rule(i, Code.Call.MAX, p, 0, false);
            case Op.ROUND -> rule(i, Code.Call.ROUND, p, 0, false);
            case Op.COMPARE -> rule(i, Code.Call.COMPARE, p, 0, false);
            case Op.LC_VAR, Op.LC_CONST -> {
                boolean constant = code == Op.LC_CONST;
                int n = (t.start[i + 1] - k) / (constant ? 1 : 2);
                for (int j = 0; j < (constant ? n : 2 * n); j++) {
                    if (constant) {
                        c.constant(t.partial[k + j]);
                    }
                    load(g[k + j]);
                }
                c.add(Code.CALL, (n == 2 ? Code.Call.LINEAR_COMBINATION_2 : n == 3 ? Code.Call.LINEAR_COMBINATION_3
                    : Code.Call.LINEAR_COMBINATION_4).ordinal());
                storeValue(i);
                for (int j = 0; j < n; j++) {
                    if (constant) {
                        constantPartial(k + j, t.partial[k + j]);
                    } else {
                        valuePartial(k + 2 * j, g[k + 2 * j + 1]);
                        valuePartial(k + 2 * j + 1, g[k + 2 * j]);
                    }
                }
            }
            case Op.LC_VAR_N, Op.LC_CONST_N -> {
                boolean constant = code == Op.LC_CONST_N;
                int n = (t.start[i + 1] - k) / (constant ? 1 : 2);
                for (int side = 0; side < 2; side++) {
                    c.add(Code.ARRAY, n);
                    for (int j = 0; j < n; j++) {
                        c.add(Code.ELEMENT, j);
                        if (constant && side == 0) {
                            c.constant(t.partial[k + j]);
                        } else {
                            load(g[constant ? k + j : k + 2 * j + side]);
                        }
                        c.add(Code.ELEMENT_END);
                    }
                }
                c.add(Code.CALL, Code.Call.LINEAR_COMBINATION_ARRAYS.ordinal());
                storeValue(i);
                for (int j = 0; j < n; j++) {
                    if (constant) {
                        constantPartial(k + j, t.partial[k + j]);
                    } else {
                        valuePartial(k + 2 * j, g[k + 2 * j + 1]);
                        valuePartial(k + 2 * j + 1, g[k + 2 * j]);
                    }
                }
            }
            default -> {
                c.add(Code.RECEIVER, code);
                load(g[k]);
                c.add(Code.CALL_F, code);
                storeValue(i);
                if (p) {
                    c.add(Code.RECEIVER, code);
                    load(g[k]);
                    c.add(Code.LOAD, valKey[i]);
                    c.add(Code.CALL_DF, code);
                    storePartial(i, k);
                }
            }
        }
        if (piecewise) {
            check(i, code, k);
        }
    }

    /** A rule that writes its partials to the scratch slots: {@code v = Rules.x(w, 0, args...)}. */
    private void rule(int i, Code.Call rule, boolean partials, double aux, boolean intParameter) {
        int k = t.start[i];
        int n = t.start[i + 1] - k;
        c.add(Code.SCRATCH_REF);
        for (int j = 0; j < n; j++) {
            load(t.arg[k + j]);
        }
        if (rule == Code.Call.POW_CONSTANT) {
            c.constant(aux);
        } else if (intParameter) {
            c.add(Code.INT, (int) aux);
        }
        c.add(Code.CALL, rule.ordinal());
        storeValue(i);
        if (partials) {
            for (int j = 0; j < n; j++) {
                pKey[k + j] = c.key(Code.PARTIAL, i, j);
                c.add(Code.SCRATCH_READ, j, pKey[k + j], 0);
            }
        }
    }

    /** Compares the branch key of piecewise entry {@code i}, as {@link Rules#branchKey} defines it, with the recorded one. */
    private void check(int i, int code, int k) {
        int key;
        switch (code) {
            case Op.REM -> key = pKey[k + 1];
            case Op.MIN, Op.MAX, Op.COPY_SIGN -> key = pKey[k];
            case Op.ROUND, Op.COMPARE -> key = valKey[i];
            default -> {
                partial(k);
                c.add(Code.LOAD, valKey[i]);
                c.add(Code.CALL, Code.Call.BRANCH_KEY.ordinal());
                key = c.key(Code.BRANCH_KEY, i, -1);
                c.add(Code.STORE, key);
            }
        }
        double recorded = t.aux[auxAt[i] + Op.AUX[code] - 1];
        c.add(Code.CHECK, i, key, recorded);
    }
}
