package org.dualtape.tape;

/**
 * The replay machinery of one {@link Tape}: re-evaluating its entries at new inputs with the
 * recording's rules, comparing each piecewise entry's branch with the recorded one, and moving
 * inputs, adjoints and tangents between flat arrays and the tape's entries. {@link Replay} is the
 * public face.
 */
final class Replayer {
    private final Tape t;
    /** The recorded and the new branch key of the first entry whose branch changed in the last run. */
    private double changeRecorded;
    private double changeNow;

    Replayer(Tape t) {
        this.t = t;
    }

    /** Checks outputs and inputs, then makes the {@link Replay}. */
    Replay prepare(Var[] outputs, int[] in) {
        int[] out = new int[outputs.length];
        for (int r = 0; r < outputs.length; r++) {
            out[r] = Reverse.output(t, outputs[r], r).index;
        }
        boolean[] seen = new boolean[t.size];
        for (int e : in) {
            if (t.op[e] != Op.INPUT && t.op[e] != Op.V_INPUT) {
                throw new IllegalArgumentException("replay inputs must be inputs of the tape, but entry #" + e
                    + " is '" + Op.label(t.op[e]) + "'");
            }
            if (seen[e]) {
                throw new IllegalArgumentException("entry #" + e + " is listed twice as a replay input");
            }
            seen[e] = true;
        }
        return new Replay(t, in, out);
    }

    /**
     * Re-evaluates entries 0 to {@code last} (inputs already set) with the recording's rules: one
     * loop with one switch on the op code, each case naming its rule so that the JIT compiles the
     * rule in place (a call per entry through a shared method would cost about as much as a cheap
     * rule itself).
     *
     * @return -1, or the first piecewise entry whose branch differs from the recorded one
     */
    int run(int last) {
        t.replayed = true;
        final byte[] op = t.op;
        final int[] start = t.start;
        final int[] g = t.arg;
        final double[] p = t.partial;
        final double[] v = t.value;
        final double[] aux = t.aux;
        int changed = -1;
        int a = 0; // the next recorded parameter
        int node = 0;
        for (int i = 0; i <= last; i++) {
            int code = op[i];
            int k = start[i];
            switch (code) {
                case Op.INPUT, Op.CONST -> {
                    continue;
                }
                case Op.ADD -> v[i] = Rules.add(p, k, v[g[k]], v[g[k + 1]]);
                case Op.SUB -> v[i] = Rules.subtract(p, k, v[g[k]], v[g[k + 1]]);
                case Op.MUL -> v[i] = Rules.multiply(p, k, v[g[k]], v[g[k + 1]]);
                case Op.DIV -> v[i] = Rules.divide(p, k, v[g[k]], v[g[k + 1]]);
                case Op.ADD_C -> v[i] = Rules.addConstant(p, k, v[g[k]], aux[a]);
                case Op.SUB_C -> v[i] = Rules.subtractConstant(p, k, v[g[k]], aux[a]);
                case Op.MUL_C -> v[i] = Rules.multiplyConstant(p, k, v[g[k]]);
                case Op.DIV_C -> v[i] = Rules.divideConstant(p, k, v[g[k]], aux[a]);
                case Op.POW_C -> v[i] = Rules.powConstant(p, k, v[g[k]], aux[a]);
                case Op.POW_INT -> v[i] = Rules.powInt(p, k, v[g[k]], (int) aux[a]);
                case Op.ROOT_N -> v[i] = Rules.rootN(p, k, v[g[k]], (int) aux[a]);
                case Op.SCALB -> v[i] = Rules.scalb(p, k, v[g[k]], (int) aux[a]);
                case Op.POW -> v[i] = Rules.pow(p, k, v[g[k]], v[g[k + 1]]);
                case Op.ATAN2 -> v[i] = Rules.atan2(p, k, v[g[k]], v[g[k + 1]]);
                case Op.HYPOT -> v[i] = Rules.hypot(p, k, v[g[k]], v[g[k + 1]]);
                case Op.REM -> v[i] = Rules.remainder(p, k, v[g[k]], v[g[k + 1]]);
                case Op.COPY_SIGN -> v[i] = Rules.copySign(p, k, v[g[k]], v[g[k + 1]]);
                case Op.MIN -> v[i] = Rules.min(p, k, v[g[k]], v[g[k + 1]]);
                case Op.MAX -> v[i] = Rules.max(p, k, v[g[k]], v[g[k + 1]]);
                case Op.ROUND -> v[i] = Rules.round(p, k, v[g[k]]);
                case Op.COMPARE -> v[i] = Rules.compare(p, k, v[g[k]], v[g[k + 1]]);
                case Op.LC_VAR, Op.LC_VAR_N, Op.LC_CONST, Op.LC_CONST_N -> LinearCombination.evaluate(t, i);
                default -> {
                    if (code >= Op.VECTOR) {
                        if (!t.arena.replay(node++) && changed < 0) {
                            changed = i;
                        }
                        continue;
                    }
                    v[i] = Rules.elementary(p, k, code, v[g[k]]);
                }
            }
            int params = Op.AUX[code];
            if (params != 0) {
                a += params;
                if (Op.PIECEWISE[code] && changed < 0) {
                    double key = Rules.branchKey(t, i, code);
                    if (!Rules.same(key, aux[a - 1])) {
                        changed = i;
                        changeRecorded = aux[a - 1];
                        changeNow = key;
                    }
                }
            }
        }
        return changed;
    }

    /** Says what changed at entry {@code i}, detected by the last {@link #run(int)}. */
    String describeChange(int i) {
        return describeChange(i, changeRecorded, changeNow);
    }

    /** Says what changed at scalar entry {@code i}: the branch key {@code now} differs from the recorded one. */
    String describeChange(int i, double recorded, double now) {
        String what = t.op[i] >= Op.VECTOR ? t.arena.describeChange(i)
            : "recorded branch " + recorded + ", now " + now + " (a partial, or the value where the"
                + " partials are 0)";
        return "the replay took another branch at entry #" + i + " (" + Op.label(t.op[i]) + " of " + arguments(i)
            + "): " + what + "; the recording does not hold at this point: record the function again there";
    }

    /** {@code "#3, #5"}: the arguments of entry {@code i}. */
    String arguments(int i) {
        if (t.op[i] >= Op.VECTOR) {
            return t.arena.arguments(i);
        }
        StringBuilder s = new StringBuilder();
        for (int k = t.start[i]; k < t.start[i + 1]; k++) {
            s.append(k > t.start[i] ? ", #" : "#").append(t.arg[k]);
        }
        return s.toString();
    }

    /** The number of scalars input entry {@code e} takes from a flat input array. */
    int inputWidth(int e) {
        return t.op[e] == Op.INPUT ? 1 : t.arena.inputWidth(e);
    }

    /** Sets input entry {@code e} from {@code x[at...]}; returns the next position. */
    int setInput(int e, double[] x, int at) {
        if (t.op[e] == Op.INPUT) {
            t.value[e] = x[at];
            return at + 1;
        }
        return t.arena.setInput(e, x, at);
    }

    /** Copies input entry {@code e}'s values to {@code x[at...]}; returns the next position. */
    int readInput(int e, double[] x, int at) {
        if (t.op[e] == Op.INPUT) {
            x[at] = t.value[e];
            return at + 1;
        }
        return t.arena.readInput(e, x, at);
    }

    /** Copies input entry {@code e}'s adjoint to {@code g[at...]}; returns the next position. */
    int readAdjoint(int e, double[] g, int at) {
        if (t.op[e] == Op.INPUT) {
            g[at] = t.adjoint[e];
            return at + 1;
        }
        return t.arena.readAdjoint(e, g, at);
    }

    /** Seeds input entry {@code e}'s tangent from {@code v[at...]}; returns the next position. */
    int seedTangent(int e, double[] v, int at) {
        if (t.op[e] == Op.INPUT) {
            t.tangent[e] = v[at];
            return at + 1;
        }
        return t.arena.seedTangent(e, v, at);
    }
}
