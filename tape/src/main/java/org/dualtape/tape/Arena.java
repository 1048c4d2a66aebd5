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
    double[] value = new double[64];
    double[] adjoint = new double[0];
    double[] tangent = new double[0];
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

    private double[][] scratch = {new double[0], new double[0]};
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
        return 8L * (value.length + adjoint.length + tangent.length) + 4L * ints.length + 45L * entry.length;
    }

    // ---------------------------------------------------------------- recording

    /**
     * Appends a node and its tape entry (with {@code scalarArgs} argument slots for the caller to
     * fill) and reserves {@code region} doubles; the caller computes it. Every array grows before
     * the tape entry is appended, so a failed growth leaves tape and arena as they were.
     *
     * @return the node's number
     */
    int add(int code, int rows, int cols, int a, int b, int c, int aux, int region, int scalarArgs) {
        if (nodes == entry.length) {
            grow();
        }
        if (region > value.length - used) {
            value = Arrays.copyOf(value, Sizes.grown(value.length, (long) used + region, "vector values"));
        }
        int j = nodes;
        if (scalarArgs == 0) {
            entry[j] = tape.leaf(code, Double.NaN);
        } else {
            int k = tape.pushN(code, scalarArgs);
            int e = tape.size - 1;
            tape.value[e] = Double.NaN;
            Arrays.fill(tape.partial, k, k + scalarArgs, 0.0); // unused: the rule reads values
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

    /** Reserves {@code n} doubles of the value arena (capacity already there); returns their offset. */
    private int reserve(int n) {
        int start = used;
        used = start + n;
        return start;
    }

    /** Copies {@code labels} into the int arena; returns their offset. */
    int store(int[] labels) {
        int start = intsUsed;
        if (labels.length > ints.length - start) {
            ints = Arrays.copyOf(ints, Sizes.grown(ints.length, (long) start + labels.length, "labels"));
        }
        System.arraycopy(labels, 0, ints, start, labels.length);
        intsUsed = start + labels.length;
        return start;
    }

    /** Grows the per-node arrays, all allocated before any is replaced. */
    private void grow() {
        int n = Sizes.grown(entry.length, entry.length + 1L, "vector nodes");
        int[][] grown = new int[8][];
        int[][] old = {entry, off, rows, cols, a, b, c, aux};
        for (int i = 0; i < old.length; i++) {
            grown[i] = Arrays.copyOf(old[i], n);
        }
        boolean[] needed = Arrays.copyOf(needs, n);
        entry = grown[0];
        off = grown[1];
        rows = grown[2];
        cols = grown[3];
        a = grown[4];
        b = grown[5];
        c = grown[6];
        aux = grown[7];
        needs = needed;
    }

    /**
     * Two arrays of exactly {@code n} doubles for {@link LinearCombination}'s array form: the last
     * pair is kept for the next call of the same length, so at most one pair is retained.
     */
    double[][] scratch(int n) {
        if (scratch[0].length != n) {
            scratch = new double[][] {new double[n], new double[n]};
        }
        return scratch;
    }

    /** Appends a node whose first argument is node {@code x} and computes its value; returns it. */
    int record(int code, int x, int rows, int cols, int b, int c, int aux, int region) {
        int j = add(code, rows, cols, x, b, c, aux, region, 0);
        rule(j).compute(this, j, false);
        return j;
    }

    /** A scale or shift node of node {@code x}: values, then the constant (read by the rules and the printer). */
    int recordWithConstant(int code, int x, double constant) {
        int n = size(x);
        int j = add(code, rows[x], cols[x], x, -1, -1, 0, n + 1, 0);
        value[off[j] + n] = constant;
        rule(j).compute(this, j, false);
        return j;
    }

    /** The rows of an elementwise result of nodes {@code j} and {@code k}, either a broadcast row. */
    int broadcastRows(int j, int k, String name) {
        int ra = rows[j];
        int rb = rows[k];
        if (cols[j] != cols[k] || (ra != rb && ra != 1 && rb != 1)) {
            throw new IllegalArgumentException(name + ": shapes " + shape(j) + " and " + shape(k)
                + " do not match: expected equal shapes or a 1×" + cols[j] + " row to broadcast");
        }
        return Math.max(ra, rb);
    }

    void requireSameShape(int j, int k, String name) {
        if (rows[j] != rows[k] || cols[j] != cols[k]) {
            throw new IllegalArgumentException(name + ": shapes " + shape(j) + " and " + shape(k)
                + " differ: expected the same shape");
        }
    }

    /** The arena index of element {@code [r][c]} of node {@code j}. */
    int flat(int j, int r, int c) {
        if (r < 0 || r >= rows[j] || c < 0 || c >= cols[j]) {
            throw new IndexOutOfBoundsException("[" + r + "][" + c + "] is outside " + shape(j));
        }
        return off[j] + r * cols[j] + c;
    }

    /** {@code "32×10"}. */
    String shape(int j) {
        return rows[j] + "×" + cols[j];
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
        return value[off[j] + size(j)];
    }

    // ---------------------------------------------------------------- sweeps

    void clearAdjoints() {
        if (adjoint.length < used) {
            adjoint = new double[value.length];
        } else {
            Arrays.fill(adjoint, 0, used, 0.0);
        }
    }

    void clearTangents() {
        if (tangent.length < used) {
            tangent = new double[value.length];
        } else {
            Arrays.fill(tangent, 0, used, 0.0);
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

    /** The rule of node {@code j}. */
    VectorRules rule(int j) {
        return VectorRules.of(tape.op[entry[j]]);
    }

    /** Node {@code j}'s vector-Jacobian product, unless it depends on constants only. */
    void reverse(int j) {
        if (needs[j]) {
            rule(j).vjp(this, j);
        }
    }

    /** Node {@code j}'s Jacobian-vector product, unless it depends on constants only (tangent 0, as cleared). */
    void forward(int j) {
        if (needs[j]) {
            rule(j).jvp(this, j);
        }
    }

    /** Re-evaluates node {@code j}; returns false if an element left its recorded branch. */
    boolean replay(int j) {
        int element = rule(j).compute(this, j, true);
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
        System.arraycopy(x, at, value, off[j], n);
        return at + n;
    }

    int readInput(int e, double[] x, int at) {
        int j = nodeOf(e);
        int n = size(j);
        System.arraycopy(value, off[j], x, at, n);
        return at + n;
    }

    int readAdjoint(int e, double[] g, int at) {
        int j = nodeOf(e);
        int n = size(j);
        System.arraycopy(adjoint, off[j], g, at, n);
        return at + n;
    }

    int seedTangent(int e, double[] v, int at) {
        int j = nodeOf(e);
        int n = size(j);
        System.arraycopy(v, at, tangent, off[j], n);
        return at + n;
    }
}
