package org.dualtape.tape;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The methods of a {@link Code} that are the same up to a shift of their indices, found so that
 * {@link Bytecode} writes each such form once: a tape that repeats a pattern (the terms of a sum,
 * the rows of a model) becomes a few methods called many times, so the generated class is small and
 * the JIT compiles each form after a few calls of the whole program rather than thousands.
 *
 * <p>Each method's indices are taken relative to {@link #BASES} bases: the smallest input index it
 * reads, seed index, result index, entry number it checks a branch of, and index into each addressed
 * region of the workspace ({@link Layout}); the form is the instruction list with keys renumbered
 * in order of use, those relative indices, and the constants' bits. Methods with equal forms share
 * one generated method, called with their own bases.
 */
final class Forms {
    /**
     * Bases: x, s, o, the checked entry, the regions {@link Layout#VALUES} to
     * {@link Layout#INPUT_ADJOINTS}, and the constants ({@link #CONSTANTS}).
     */
    static final int BASES = 5 + Layout.OTHER;
    /** The base of the constants in {@link #constants}. */
    static final int CONSTANTS = 4 + Layout.OTHER;

    /**
     * The program's constants other than 0 and 1, in order: the generated code reads them from this
     * array, so that methods differing only in their data (the rows of a model fitted to
     * measurements) share one form.
     */
    final double[] constants;
    /** Per instruction: its constant's index in {@link #constants}, or -1 for an immediate. */
    final int[] constant;

    /** Per method of the layout: its form, and its bases. */
    final int[] formOf;
    final int[][] base;
    /** Per form: the method whose instructions are written for it. */
    final int[] template;
    final int count;

    Forms(Code code, Layout layout) {
        int n = layout.methods;
        formOf = new int[n];
        base = new int[n][];
        int[] templates = new int[n];
        Map<Form, Integer> seen = new HashMap<>();
        constant = new int[code.size];
        Arrays.fill(constant, -1);
        Layout.IntList pool = new Layout.IntList();
        for (int i = 0; i < code.size; i++) {
            if (pooled(code, i)) {
                constant[i] = pool.size;
                pool.add(i);
            }
        }
        constants = new double[pool.size];
        for (int j = 0; j < pool.size; j++) {
            constants[j] = code.d[pool.data[j]];
        }
        canon = new int[code.keys];
        stamp = new int[code.keys];
        Arrays.fill(stamp, -1);
        for (int m = 0; m < n; m++) {
            int[] b = bases(code, layout, m);
            base[m] = b;
            Layout.IntList ints = new Layout.IntList();
            Layout.IntList bits = new Layout.IntList();
            current = m;
            next = 0;
            for (int k : layout.loads[m]) {
                ints.add(id(k));
                ints.add(layout.region[k]);
                ints.add(relative(layout, k, b));
            }
            ints.add(-1);
            for (int i = layout.begin[m]; i < end(layout, m); i++) {
                int op = code.op[i];
                if (op == Code.ENTRY) {
                    continue;
                }
                int a = code.a[i];
                ints.add(op);
                switch (op) {
                    case Code.LOAD, Code.STORE, Code.IF_NONZERO, Code.RETURN -> ints.add(id(a));
                    case Code.INPUT -> ints.add(a - b[0]);
                    case Code.SEED -> ints.add(a - b[1]);
                    case Code.OUT -> {
                        ints.add(a - b[2]);
                        ints.add(id(code.b[i]));
                    }
                    case Code.CHECK -> {
                        ints.add(a - b[3]);
                        ints.add(id(code.b[i]));
                    }
                    case Code.SCRATCH_READ -> {
                        ints.add(a);
                        ints.add(id(code.b[i]));
                    }
                    default -> ints.add(a);
                }
                ints.add(constant[i] >= 0 ? 1 : 0);
                if (constant[i] >= 0) {
                    ints.add(constant[i] - b[CONSTANTS]);
                } else if (op == Code.CONST || op == Code.OUT || op == Code.RETURN) {
                    long d = Double.doubleToRawLongBits(code.d[i]);
                    bits.add((int) d);
                    bits.add((int) (d >>> 32));
                }
            }
            ints.add(-1);
            for (int k : layout.stores[m]) {
                ints.add(id(k));
                ints.add(layout.region[k]);
                ints.add(relative(layout, k, b));
            }
            Form f = new Form(ints.toArray(), bits.toArray());
            Integer form = seen.get(f);
            if (form == null) {
                form = seen.size();
                seen.put(f, form);
                templates[form] = m;
            }
            formOf[m] = form;
        }
        count = seen.size();
        template = Arrays.copyOf(templates, count);
    }

    private final int[] canon;
    private final int[] stamp;
    private int current;
    private int next;

    /** Key {@code k}'s number in the method being read, in order of first use; -1 for none. */
    private int id(int k) {
        if (k < 0) {
            return -1;
        }
        if (stamp[k] != current) {
            stamp[k] = current;
            canon[k] = next++;
        }
        return canon[k];
    }

    /** Whether instruction {@code i}'s constant is read from {@link #constants}: every one but 0 and 1, and recorded branches. */
    static boolean pooled(Code code, int i) {
        return code.op[i] == Code.CHECK
            || (code.op[i] == Code.CONST && Double.doubleToRawLongBits(code.d[i]) != 0L && code.d[i] != 1.0);
    }

    /** The end of method {@code m}'s instructions (its CHUNK marker is not code). */
    static int end(Layout layout, int m) {
        return layout.begin[m + 1] - (m + 1 < layout.methods ? 1 : 0);
    }

    /** Key {@code k}'s workspace index relative to its region's base, or its absolute slot outside them. */
    static int relative(Layout layout, int k, int[] b) {
        int r = layout.region[k];
        return r < Layout.OTHER ? layout.index[k] - b[4 + r] : layout.slot[k] + (1 << 30);
    }

    private int[] bases(Code code, Layout layout, int m) {
        int[] b = new int[BASES];
        Arrays.fill(b, Integer.MAX_VALUE);
        for (int i = layout.begin[m]; i < end(layout, m); i++) {
            int j = switch (code.op[i]) {
                case Code.INPUT -> 0;
                case Code.SEED -> 1;
                case Code.OUT -> 2;
                case Code.CHECK -> 3;
                default -> -1;
            };
            if (j >= 0) {
                b[j] = Math.min(b[j], code.a[i]);
            }
            if (constant[i] >= 0) {
                b[CONSTANTS] = Math.min(b[CONSTANTS], constant[i]);
            }
        }
        for (int[] keys : new int[][] {layout.loads[m], layout.stores[m]}) {
            for (int k : keys) {
                int r = layout.region[k];
                if (r < Layout.OTHER) {
                    b[4 + r] = Math.min(b[4 + r], layout.index[k]);
                }
            }
        }
        for (int j = 0; j < BASES; j++) {
            if (b[j] == Integer.MAX_VALUE) {
                b[j] = 0;
            }
        }
        return b;
    }

    /** A method's form: its instructions with relative indices, and its constants' bits. */
    private record Form(int[] ints, int[] bits) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Form f && Arrays.equals(ints, f.ints) && Arrays.equals(bits, f.bits);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(ints) + Arrays.hashCode(bits);
        }
    }
}
