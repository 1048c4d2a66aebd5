package org.dualtape.tape;

import java.util.Arrays;

/**
 * Where the quantities of a {@link Code} live: each method (the instructions between two
 * {@link Code#CHUNK} markers) keeps its keys in locals; a key that one method writes and a later one
 * reads gets a slot of the workspace {@code w}, stored at the end of the writing method and loaded
 * at the start of the reading one. Slots are given out in order after the {@link Code#SCRATCH}
 * ones, one per crossing key.
 */
final class Layout {
    /** The first instruction of each method, and {@link Code#size} at the end. */
    final int[] begin;
    final int methods;
    /** Per method: the keys loaded from {@code w} at its start, and stored at its end. */
    final int[][] loads;
    final int[][] stores;
    /** Per key: its workspace slot, or -1. */
    final int[] slot;
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
        int next = Code.SCRATCH;
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
                            slot[w] = next++;
                        }
                        out.add(w);
                    }
                }
            }
            loads[m] = in.toArray();
            stores[m] = out.toArray();
        }
        workspace = next;
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
