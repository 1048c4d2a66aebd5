package org.dualtape.tape;

import java.util.Arrays;

/**
 * The part of {@link Generator} that writes one tape entry's code: its value and partials with the
 * rule the interpreter uses ({@link Replayer#run}), its branch check, and the bookkeeping of where
 * each value and partial is (a key, an input read from {@code x}, or a literal); it also splits the
 * program into methods of about {@link #BUDGET} bytes.
 */
abstract class EntryWriter {
    /**
     * Estimated bytes of bytecode per generated method: the measured size that C2 compiles well
     * (see {@link Compiled}); HotSpot does not compile methods over 8000 bytes at all.
     */
    static final int BUDGET = 3000;

    final Tape t;
    final int end;
    final int width;
    /** Per entry: its position in the flat input array, or -1 if it is not a replay input. */
    final int[] pos;
    /** Per entry: the index of its first recorded parameter. */
    private final int[] auxAt;
    private final int budget;

    Code c;
    /** While set, the code being written stays in one method (a short reverse sweep of one Jacobian row). */
    boolean whole;
    /** The method being written, the instructions already estimated, and the estimate. */
    private int chunk;
    private int scanned;
    private int bytes;
    /** Per key: the method that last wrote it, and the last method that counted a load of it. */
    private int[] keyChunk = new int[64];
    private int[] keyCounted = new int[64];
    int[] valKey;
    /** Per partial slot: its key, else the input it is the value of ({@link #pInput}), else the constant {@link #pConst}. */
    int[] pKey;
    int[] pInput;
    double[] pConst;

    EntryWriter(Tape t, int[] inputs, int end, int budget) {
        this.t = t;
        this.end = end;
        this.budget = budget;
        pos = new int[end];
        Arrays.fill(pos, -1);
        for (int j = 0; j < inputs.length; j++) {
            pos[inputs[j]] = j;
        }
        width = inputs.length;
        auxAt = new int[end];
        for (int i = 0, a = 0; i < end; i++) {
            auxAt[i] = a;
            if (t.op[i] < Op.VECTOR) {
                a += Op.AUX[t.op[i]];
            }
        }
    }

    void begin() {
        c = new Code(end, width, t.start, pos);
        chunk = 0;
        scanned = 0;
        bytes = 0;
        valKey = new int[end];
        Arrays.fill(valKey, -1);
        int p = t.start[end];
        pKey = new int[p];
        Arrays.fill(pKey, -1);
        pInput = new int[p];
        Arrays.fill(pInput, -1);
        pConst = new double[p];
    }

    /** Starts a new method if this one is full (between entries only). */
    void boundary() {
        estimate();
        if (bytes > budget && !whole) {
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
    void estimate() {
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
                case Code.CONST -> Double.doubleToRawLongBits(c.d[i]) == 0L || c.d[i] == 1 ? 1 : 7;
                case Code.LOAD, Code.STORE, Code.RECEIVER, Code.CALL, Code.CALL_F, Code.CALL_DF,
                    Code.INT, Code.ARRAY, Code.ELEMENT -> 4;
                case Code.INPUT, Code.SEED, Code.SCRATCH_READ -> 6;
                case Code.OUT, Code.IF_NONZERO -> 10;
                case Code.CHECK -> 30;
                default -> 1;
            };
        }
        scanned = c.size;
    }

    /** A new key set to zero. */
    int zero(int kind, int entry, int sub) {
        int k = c.key(kind, entry, sub);
        c.constant(0);
        c.add(Code.STORE, k);
        return k;
    }

    /** Whether entry {@code e} is a replay input: its value is read from {@code x} where it is used, never a key. */
    boolean input(int e) {
        return t.op[e] == Op.INPUT && pos[e] >= 0;
    }

    /** Whether the partial at slot {@code k} is the constant 1 or -1. */
    boolean unit(int k) {
        return pKey[k] < 0 && pInput[k] < 0 && (pConst[k] == 1 || pConst[k] == -1);
    }

    /** The key holding entry {@code e}'s value, made for an input (read from {@code x}); -1 for a constant. */
    int valueKey(int e) {
        if (valKey[e] < 0 && input(e)) {
            c.add(Code.INPUT, pos[e]);
            int k = c.key(Code.VALUE, e, -1);
            c.add(Code.STORE, k);
            return k;
        }
        return valKey[e];
    }

    void out(int index, int entry) {
        boundary();
        int k = valueKey(entry);
        c.add(Code.OUT, index, k, k >= 0 ? 0 : t.value[entry]);
    }

    void ret(int entry) {
        int k = valueKey(entry);
        c.add(Code.RETURN, k, 0, k >= 0 ? 0 : t.value[entry]);
    }

    void load(int e) {
        if (valKey[e] >= 0) {
            c.add(Code.LOAD, valKey[e]);
        } else if (input(e)) {
            c.add(Code.INPUT, pos[e]);
        } else {
            c.constant(t.value[e]);
        }
    }

    void partial(int k) {
        if (pKey[k] >= 0) {
            c.add(Code.LOAD, pKey[k]);
        } else if (pInput[k] >= 0) {
            c.add(Code.INPUT, pInput[k]);
        } else {
            c.constant(pConst[k]);
        }
    }

    void storeValue(int i) {
        valKey[i] = c.key(Code.VALUE, i, -1);
        c.add(Code.STORE, valKey[i]);
    }

    void storePartial(int i, int k) {
        pInput[k] = -1;
        pKey[k] = c.key(Code.PARTIAL, i, k - t.start[i]);
        c.add(Code.STORE, pKey[k]);
    }

    void constantPartial(int k, double p) {
        pKey[k] = -1;
        pInput[k] = -1;
        pConst[k] = p;
    }

    /** The partial at slot {@code k} is the value of entry {@code e}. */
    void valuePartial(int k, int e) {
        pKey[k] = valKey[e];
        pInput[k] = input(e) ? pos[e] : -1;
        pConst[k] = t.value[e];
    }

    /**
     * Entry {@code i}: its value and, if asked or needed for its branch, its partials, then its
     * branch check; each case as the rule the interpreter calls ({@link Replayer#run}).
     */
    void entry(int i, boolean partials) {
        int code = t.op[i];
        int k = t.start[i];
        int[] g = t.arg;
        double aux = t.aux.length > auxAt[i] ? t.aux[auxAt[i]] : 0;
        boolean piecewise = Op.PIECEWISE[code];
        boolean p = partials || piecewise;
        if (code == Op.CONST || code == Op.INPUT) {
            return; // a literal where used, or x[position]
        }
        c.add(Code.ENTRY, i);
        switch (code) {
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
    void rule(int i, Code.Call rule, boolean partials, double aux, boolean intParameter) {
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
                pInput[k + j] = -1;
                pKey[k + j] = c.key(Code.PARTIAL, i, j);
                c.add(Code.SCRATCH_READ, j, pKey[k + j], 0);
            }
        }
    }

    /** Compares the branch key of piecewise entry {@code i}, as {@link Rules#branchKey} defines it, with the recorded one. */
    void check(int i, int code, int k) {
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
