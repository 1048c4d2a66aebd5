package org.dualtape.tape;

import java.util.Arrays;

/**
 * The storage of a tape's vector nodes: one flat {@code double} arena for their values (and one
 * each for adjoints and tangents, parallel to it), an {@code int} arena for labels, and a few
 * {@code int}s per node. A vector node is also one tape entry, so scalar and vector entries share
 * one evaluation order; node {@code j} is the {@code j}-th vector entry.
 *
 * <p>Each node's region starts at {@code off[j]}: its values (matrix outputs, row-major), then
 * whatever its rule keeps (the partials of an elementwise function and, if piecewise, the
 * branches recorded; softmax probabilities). A view aliases its parent's region. Scalar-output
 * nodes (sum, mean, dot, losses, element) keep their value and adjoint in the tape's scalar
 * arrays. {@link Tape#clear()} keeps every array, so recording again allocates nothing here.
 */
final class Arena {
    final Tape tape;
    double[] val = new double[64];
    double[] adj = new double[0];
    double[] tan = new double[0];
    int used;
    int[] ints = new int[16];
    int intsUsed;

    int nodes;
    int[] entry = new int[8];
    int[] off = new int[8];
    int[] rows = new int[8];
    int[] cols = new int[8];
    int[] a = new int[8];
    int[] b = new int[8];
    int[] c = new int[8];
    /** Per op: the Elementary ordinal, the labels' offset in {@link #ints}, a flat index, ... */
    int[] aux = new int[8];
    /** Whether the node depends on an input, so that its adjoint is wanted. */
    boolean[] needs = new boolean[8];

    /** The element of the first node whose branch changed in the last replay. */
    private int changeElement;
    private double changeRecorded;
    private double changeNow;

    Arena(Tape tape) {
        this.tape = tape;
    }

    void clear() {
        nodes = 0;
        used = 0;
        intsUsed = 0;
    }

    long bytes() {
        return 8L * used + 4L * intsUsed + 44L * nodes;
    }

    long capacityBytes() {
        return 8L * (val.length + adj.length + tan.length) + 4L * ints.length + 45L * entry.length;
    }

    // ---------------------------------------------------------------- recording

    /**
     * Appends a node and its tape entry (with {@code scalarArgs} argument slots for the caller to
     * fill) and reserves {@code region} doubles; the caller computes it.
     *
     * @return the node's number
     */
    int add(int code, int rows, int cols, int a, int b, int c, int aux, int region, int scalarArgs) {
        if (nodes == entry.length) {
            grow();
        }
        int j = nodes;
        if (scalarArgs == 0) {
            entry[j] = tape.leaf(code, Double.NaN);
        } else {
            int e = tape.pushN(code, scalarArgs);
            tape.value[e] = Double.NaN;
            Arrays.fill(tape.partial, tape.start[e], tape.start[e + 1], 0.0); // unused: the rule reads values
            entry[j] = e;
        }
        this.rows[j] = rows;
        this.cols[j] = cols;
        this.a[j] = a;
        this.b[j] = b;
        this.c[j] = c;
        this.aux[j] = aux;
        needs[j] = code == Op.V_INPUT || code == Op.V_STACK || (a >= 0 && needs[a]) || (b >= 0 && needs[b])
            || (c >= 0 && needs[c]);
        off[j] = reserve(region);
        nodes = j + 1;
        return j;
    }

    /** Reserves {@code n} doubles of the value arena; returns their offset. */
    int reserve(int n) {
        int start = used;
        if (start + n > val.length) {
            val = Arrays.copyOf(val, Math.max(start + n, 2 * val.length));
        }
        used = start + n;
        return start;
    }

    /** Copies {@code labels} into the int arena; returns their offset. */
    int store(int[] labels) {
        int start = intsUsed;
        if (start + labels.length > ints.length) {
            ints = Arrays.copyOf(ints, Math.max(start + labels.length, 2 * ints.length));
        }
        System.arraycopy(labels, 0, ints, start, labels.length);
        intsUsed = start + labels.length;
        return start;
    }

    private void grow() {
        int n = 2 * entry.length;
        entry = Arrays.copyOf(entry, n);
        off = Arrays.copyOf(off, n);
        rows = Arrays.copyOf(rows, n);
        cols = Arrays.copyOf(cols, n);
        a = Arrays.copyOf(a, n);
        b = Arrays.copyOf(b, n);
        c = Arrays.copyOf(c, n);
        aux = Arrays.copyOf(aux, n);
        needs = Arrays.copyOf(needs, n);
    }

    /** The node of vector entry {@code e} (a binary search: nodes are in entry order). */
    int nodeOf(int e) {
        int j = Arrays.binarySearch(entry, 0, nodes, e);
        if (j < 0) {
            throw new IllegalStateException("entry #" + e + " of " + tape.id() + " is not a vector node");
        }
        return j;
    }

    int size(int j) {
        return rows[j] * cols[j];
    }

    /** The constant of a {@link Op#V_SCALE} or {@link Op#V_SHIFT} node, kept after its values. */
    double constant(int j) {
        return val[off[j] + size(j)];
    }

    // ---------------------------------------------------------------- sweeps

    void clearAdjoints() {
        if (adj.length < used) {
            adj = new double[val.length];
        } else {
            Arrays.fill(adj, 0, used, 0.0);
        }
    }

    void clearTangents() {
        if (tan.length < used) {
            tan = new double[val.length];
        } else {
            Arrays.fill(tan, 0, used, 0.0);
        }
    }

    /** The number of nodes whose entries are at most {@code last}. */
    int nodesUpTo(int last) {
        int j = nodes;
        while (j > 0 && entry[j - 1] > last) {
            j--;
        }
        return j;
    }

    void reverse(int j) {
        if (needs[j]) {
            VectorRules.reverse(this, j);
        }
    }

    void forward(int j) {
        VectorRules.tangent(this, j);
    }

    /** Re-evaluates node {@code j}; returns false if an element left its recorded branch. */
    boolean replay(int j) {
        int element = VectorRules.compute(this, j, true);
        if (element < 0) {
            return true;
        }
        changeElement = element;
        return false;
    }

    /** Called by {@link VectorRules} when an element's branch key differs from the recorded one. */
    void changed(double recorded, double now) {
        changeRecorded = recorded;
        changeNow = now;
    }

    String describeChange(int e) {
        int j = nodeOf(e);
        return "element [" + changeElement / cols[j] + "][" + changeElement % cols[j] + "] of the "
            + rows[j] + "×" + cols[j] + " result: recorded branch " + changeRecorded + ", now " + changeNow;
    }

    /** {@code "#3 (32×10), #7 (1×10)"}: the arguments of vector entry {@code e}. */
    String arguments(int e) {
        int j = nodeOf(e);
        StringBuilder s = new StringBuilder();
        for (int p : new int[] {a[j], b[j], c[j]}) {
            if (p >= 0) {
                s.append(s.length() == 0 ? "" : ", ").append('#').append(entry[p])
                    .append(" (").append(rows[p]).append('×').append(cols[p]).append(')');
            }
        }
        if (tape.op[e] == Op.V_STACK) {
            for (int k = tape.start[e]; k < tape.start[e + 1]; k++) {
                s.append(k == tape.start[e] ? "#" : ", #").append(tape.arg[k]);
            }
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- replay inputs and outputs

    int inputWidth(int e) {
        return size(nodeOf(e));
    }

    int setInput(int e, double[] x, int at) {
        int j = nodeOf(e);
        int n = size(j);
        System.arraycopy(x, at, val, off[j], n);
        return at + n;
    }

    int readAdjoint(int e, double[] g, int at) {
        int j = nodeOf(e);
        int n = size(j);
        System.arraycopy(adj, off[j], g, at, n);
        return at + n;
    }

    int seedTangent(int e, double[] v, int at) {
        int j = nodeOf(e);
        int n = size(j);
        System.arraycopy(v, at, tan, off[j], n);
        return at + n;
    }
}
