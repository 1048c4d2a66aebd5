package org.dualtape.tape;

import java.util.Arrays;

/**
 * Where the quantities of a {@link Code} live: each method (the instructions between two
 * {@link Code#CHUNK} markers) keeps its keys in locals; a key that one method writes and a later one
 * reads gets a slot of the workspace {@code w}, stored at the end of the writing method and loaded
 * at the start of the reading one.
 *
 * <p>Slots are addressed by what the key is, so that methods of a repeating part of the tape look
 * alike up to a shift ({@link Bytecode} then shares one method among them): after the
 * {@link Code#SCRATCH} slots, region {@link #VALUES} holds entry {@code e}'s value at {@code e},
 * {@link #PARTIALS} its partial slot {@code k} at {@code k}, {@link #ADJOINTS} its adjoint (or the
 * tangent of a {@code J·v}) at {@code e}, {@link #INPUT_ADJOINTS} an input's adjoint at its position,
 * and {@link #OTHER} everything else (the sweeps of a Jacobian's rows, tangents per input) in order.
 */
final class Layout {
    /** The first instruction of each method, and {@link Code#size} at the end. */
    final int[] begin;
    final int methods;
    /** Per method: the keys loaded from {@code w} at its start, and stored at its end. */
    final int[][] loads;
    final int[][] stores;
    static final int VALUES = 0;
    static final int PARTIALS = 1;
    static final int ADJOINTS = 2;
    static final int INPUT_ADJOINTS = 3;
    static final int OTHER = 4;
    static final int REGIONS = 5;

    /** Per key: its workspace slot, or -1; and its region and index inside the region. */
    final int[] slot;
    final int[] region;
    final int[] index;
    /** Where each region starts in {@code w}. */
    final int[] regionStart = new int[REGIONS];
    /** The workspace length the program needs. */
    final int workspace;

    Layout(Code code) {
        int n = 1;
        for (int i = 0; i < code.size; i++) {
            if (code.op[i] == Code.CHUNK) {
                n++;
            }
        }
        methods = n;
        begin = new int[n + 1];
        for (int i = 0, m = 1; i < code.size; i++) {
            if (code.op[i] == Code.CHUNK) {
                begin[m++] = i + 1;
            }
        }
        begin[n] = code.size;
        int keys = code.keys;
        int[] lastAccess = new int[keys];
        Arrays.fill(lastAccess, -1);
        for (int m = 0; m < n; m++) {
            for (int i = begin[m]; i < begin[m + 1]; i++) {
                int r = code.read(i);
                if (r >= 0) {
                    lastAccess[r] = m;
                }
                int w = code.written(i);
                if (w >= 0) {
                    lastAccess[w] = m;
                }
            }
        }
        slot = new int[keys];
        Arrays.fill(slot, -1);
        region = new int[keys];
        index = new int[keys];
        regionStart[VALUES] = Code.SCRATCH;
        regionStart[PARTIALS] = regionStart[VALUES] + code.end;
        regionStart[ADJOINTS] = regionStart[PARTIALS] + code.partials;
        regionStart[INPUT_ADJOINTS] = regionStart[ADJOINTS] + code.end;
        regionStart[OTHER] = regionStart[INPUT_ADJOINTS] + code.width;
        int other = 0;
        int top = Code.SCRATCH;
        int[] seen = new int[keys];
        int[] wrote = new int[keys];
        Arrays.fill(seen, -1);
        Arrays.fill(wrote, -1);
        loads = new int[n][];
        stores = new int[n][];
        IntList in = new IntList();
        IntList out = new IntList();
        for (int m = 0; m < n; m++) {
            in.size = 0;
            out.size = 0;
            for (int i = begin[m]; i < begin[m + 1]; i++) {
                int r = code.read(i);
                if (r >= 0 && seen[r] != m) {
                    seen[r] = m;
                    if (slot[r] < 0) {
                        throw new IllegalStateException("generated code reads " + code.name(r) + " before writing it");
                    }
                    in.add(r);
                }
                int w = code.written(i);
                if (w >= 0) {
                    seen[w] = m;
                    if (wrote[w] != m && lastAccess[w] > m) {
                        wrote[w] = m;
                        if (slot[w] < 0) {
                            int e = code.keyEntry[w];
                            int sub = code.keySub[w];
                            switch (code.keyKind[w]) {
                                case Code.VALUE -> place(w, VALUES, e);
                                case Code.PARTIAL -> place(w, PARTIALS, code.start[e] + sub);
                                case Code.ADJOINT, Code.TANGENT -> {
                                    if (sub >= 0) {
                                        place(w, OTHER, other++);
                                    } else if (code.pos[e] >= 0 && code.keyKind[w] == Code.ADJOINT) {
                                        place(w, INPUT_ADJOINTS, code.pos[e]);
                                    } else {
                                        place(w, ADJOINTS, e);
                                    }
                                }
                                default -> place(w, OTHER, other++);
                            }
                            top = Math.max(top, slot[w] + 1);
                        }
                        out.add(w);
                    }
                }
            }
            loads[m] = in.toArray();
            stores[m] = out.toArray();
        }
        workspace = top;
    }

    private void place(int key, int r, int i) {
        region[key] = r;
        index[key] = i;
        slot[key] = regionStart[r] + i;
    }

    /** A growable list of ints. */
    static final class IntList {
        int[] data = new int[16];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, 2 * size);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
