package org.dualtape.tape;

import org.dualtape.dual.Elementary;

/**
 * The vector nodes' rules, one hand-written value, vector-Jacobian product (VJP, for the reverse
 * sweep) and Jacobian-vector product (JVP, for the tangent sweep) per operation, on the
 * {@link Arena}'s flat arrays. Values go through {@link Kernels}, so plain {@code double} code
 * written with the same kernels gets bitwise the same numbers.
 *
 * <p>Shapes: {@code x} is {@code batch × in} and {@code W} is {@code out × in} for the affine
 * layer; elementwise operations broadcast a {@code 1 × cols} row over the other operand's rows.
 */
final class VectorRules {
    private VectorRules() {
    }

    /**
     * Computes node {@code j}'s value from its arguments' values.
     *
     * @param replay whether to compare piecewise branches with the recorded ones (else record them)
     * @return -1, or the first element whose branch differs from the recorded one
     */
    static int compute(Arena m, int j, boolean replay) {
        double[] v = m.val;
        int a = m.a[j];
        int b = m.b[j];
        int o = m.off[j];
        switch (m.tape.op[m.entry[j]]) {
            case Op.V_AFFINE -> Kernels.affine(v, m.off[a], v, m.off[b], m.c[j] >= 0 ? v : null,
                m.c[j] >= 0 ? m.off[m.c[j]] : 0, v, o, m.rows[a], m.cols[a], m.rows[b]);
            case Op.V_ADD, Op.V_SUB, Op.V_MUL -> elementwise(m, j);
            case Op.V_SCALE -> {
                double c = m.constant(j);
                for (int i = 0, n = m.size(j), x = m.off[a]; i < n; i++) {
                    v[o + i] = v[x + i] * c;
                }
            }
            case Op.V_SHIFT -> {
                double c = m.constant(j);
                for (int i = 0, n = m.size(j), x = m.off[a]; i < n; i++) {
                    v[o + i] = v[x + i] + c;
                }
            }
            case Op.V_UNARY -> {
                return unary(m, j, replay);
            }
            case Op.V_SUM -> scalar(m, j, Kernels.sum(v, m.off[a], m.size(a)));
            case Op.V_MEAN -> scalar(m, j, Kernels.sum(v, m.off[a], m.size(a)) / m.size(a));
            case Op.V_DOT -> scalar(m, j, Kernels.dot(v, m.off[a], v, m.off[b], m.size(a)));
            case Op.V_SOFTMAX_CE -> scalar(m, j, Kernels.softmaxCrossEntropy(v, m.off[a], m.ints, m.aux[j],
                m.rows[a], m.cols[a], v, o));
            case Op.V_MSE -> scalar(m, j, Kernels.meanSquaredError(v, m.off[a], v, m.off[b], m.size(a)));
            case Op.V_BCE_LOGITS -> scalar(m, j, Kernels.binaryCrossEntropyWithLogits(v, m.off[a], v, m.off[b],
                m.size(a)));
            case Op.V_ELEMENT -> scalar(m, j, v[m.off[a] + m.aux[j]]);
            case Op.V_STACK -> {
                Tape t = m.tape;
                int k = t.start[m.entry[j]];
                for (int i = 0, n = m.size(j); i < n; i++) {
                    v[o + i] = t.value[t.arg[k + i]];
                }
            }
            default -> {
                // inputs and constants hold their values; a view aliases its parent's
            }
        }
        return -1;
    }

    private static void scalar(Arena m, int j, double value) {
        m.tape.value[m.entry[j]] = value;
    }

    /**
     * add, subtract, multiply, with a 1 × cols row broadcast over the other operand's rows: one
     * loop per operation, so that the JIT can vectorise each.
     */
    private static void elementwise(Arena m, int j) {
        double[] v = m.val;
        int code = m.tape.op[m.entry[j]];
        int a = m.a[j];
        int b = m.b[j];
        int rows = m.rows[j];
        int cols = m.cols[j];
        int sa = m.rows[a] == 1 ? 0 : cols; // row stride: 0 broadcasts
        int sb = m.rows[b] == 1 ? 0 : cols;
        for (int r = 0; r < rows; r++) {
            int ia = m.off[a] + r * sa;
            int ib = m.off[b] + r * sb;
            int iy = m.off[j] + r * cols;
            if (code == Op.V_ADD) {
                for (int k = 0; k < cols; k++) {
                    v[iy + k] = v[ia + k] + v[ib + k];
                }
            } else if (code == Op.V_SUB) {
                for (int k = 0; k < cols; k++) {
                    v[iy + k] = v[ia + k] - v[ib + k];
                }
            } else {
                for (int k = 0; k < cols; k++) {
                    v[iy + k] = v[ia + k] * v[ib + k];
                }
            }
        }
    }

    /** Values, partials after them and, for piecewise functions, the recorded branches after those. */
    private static int unary(Arena m, int j, boolean replay) {
        Elementary e = Op.ELEMENTARY[m.aux[j]];
        double[] v = m.val;
        int n = m.size(j);
        int x = m.off[m.a[j]];
        int o = m.off[j];
        int changed = -1;
        for (int i = 0; i < n; i++) {
            double xi = v[x + i];
            double y = e.f(xi);
            double p = e.df(xi, y);
            v[o + i] = y;
            v[o + n + i] = p;
            if (e.piecewise()) {
                double key = p != 0 ? p : y; // as Rules.branchKey: abs and relu by the partial, floor by the value
                if (!replay) {
                    v[o + 2 * n + i] = key;
                } else if (changed < 0 && !Rules.same(key, v[o + 2 * n + i])) {
                    changed = i;
                    m.changed(v[o + 2 * n + i], key);
                }
            }
        }
        return changed;
    }

    /** The VJP of node {@code j}: adds its adjoint, times its local Jacobian, to its arguments'. */
    static void reverse(Arena m, int j) {
        double[] v = m.val;
        double[] d = m.adj;
        int a = m.a[j];
        int b = m.b[j];
        int o = m.off[j];
        int code = m.tape.op[m.entry[j]];
        double g = code >= Op.V_SUM && code <= Op.V_ELEMENT ? m.tape.adjoint[m.entry[j]] : 1;
        if (g == 0) {
            return;
        }
        switch (code) {
            case Op.V_AFFINE -> {
                int batch = m.rows[a];
                int in = m.cols[a];
                int out = m.rows[b];
                if (m.needs[a]) {
                    Kernels.addProduct(d, o, v, m.off[b], d, m.off[a], batch, in, out);
                }
                if (m.needs[b]) {
                    Kernels.addTransposedProduct(d, o, v, m.off[a], d, m.off[b], batch, in, out);
                }
                if (m.c[j] >= 0 && m.needs[m.c[j]]) {
                    Kernels.addColumnSums(d, o, d, m.off[m.c[j]], batch, out);
                }
            }
            case Op.V_ADD, Op.V_SUB, Op.V_MUL -> elementwiseReverse(m, j, code);
            case Op.V_SCALE -> {
                double c = m.constant(j);
                for (int i = 0, n = m.size(j), x = m.off[a]; i < n; i++) {
                    d[x + i] += d[o + i] * c;
                }
            }
            case Op.V_SHIFT -> {
                for (int i = 0, n = m.size(j), x = m.off[a]; i < n; i++) {
                    d[x + i] += d[o + i];
                }
            }
            case Op.V_UNARY -> {
                int n = m.size(j);
                int x = m.off[a];
                for (int i = 0; i < n; i++) {
                    d[x + i] += d[o + i] * v[o + n + i];
                }
            }
            case Op.V_SUM, Op.V_MEAN -> {
                int n = m.size(a);
                double s = code == Op.V_MEAN ? g / n : g;
                for (int i = 0, x = m.off[a]; i < n; i++) {
                    d[x + i] += s;
                }
            }
            case Op.V_DOT -> {
                for (int i = 0, n = m.size(a), x = m.off[a], y = m.off[b]; i < n; i++) {
                    double vx = v[x + i];
                    d[x + i] += g * v[y + i];
                    d[y + i] += g * vx;
                }
            }
            case Op.V_SOFTMAX_CE -> {
                int batch = m.rows[a];
                int classes = m.cols[a];
                double s = g / batch;
                int z = m.off[a];
                for (int r = 0; r < batch; r++) {
                    int label = m.ints[m.aux[j] + r];
                    for (int k = 0; k < classes; k++) {
                        double p = v[o + r * classes + k];
                        d[z + r * classes + k] += s * (k == label ? p - 1 : p);
                    }
                }
            }
            case Op.V_MSE -> {
                int n = m.size(a);
                double s = 2 * g / n;
                for (int i = 0, x = m.off[a], t = m.off[b]; i < n; i++) {
                    double r = s * (v[x + i] - v[t + i]);
                    d[x + i] += r;
                    d[t + i] -= r;
                }
            }
            case Op.V_BCE_LOGITS -> {
                int n = m.size(a);
                double s = g / n;
                for (int i = 0, x = m.off[a], t = m.off[b]; i < n; i++) {
                    double z = v[x + i];
                    d[x + i] += s * (Elementary.sigmoid(z) - v[t + i]);
                    d[t + i] -= s * z;
                }
            }
            case Op.V_ELEMENT -> d[m.off[a] + m.aux[j]] += g;
            case Op.V_STACK -> {
                Tape t = m.tape;
                int k = t.start[m.entry[j]];
                for (int i = 0, n = m.size(j); i < n; i++) {
                    t.adjoint[t.arg[k + i]] += d[o + i];
                }
            }
            default -> {
                // inputs, constants and views: their adjoints are where the consumers put them
            }
        }
    }

    /** The VJP of add, subtract, multiply (broadcast rows accumulate): one loop per case. */
    private static void elementwiseReverse(Arena m, int j, int code) {
        double[] v = m.val;
        double[] d = m.adj;
        int a = m.a[j];
        int b = m.b[j];
        int rows = m.rows[j];
        int cols = m.cols[j];
        int sa = m.rows[a] == 1 ? 0 : cols;
        int sb = m.rows[b] == 1 ? 0 : cols;
        boolean na = m.needs[a];
        boolean nb = m.needs[b];
        for (int r = 0; r < rows; r++) {
            int ia = m.off[a] + r * sa;
            int ib = m.off[b] + r * sb;
            int iy = m.off[j] + r * cols;
            if (na) {
                if (code == Op.V_MUL) {
                    for (int k = 0; k < cols; k++) {
                        d[ia + k] += d[iy + k] * v[ib + k];
                    }
                } else {
                    for (int k = 0; k < cols; k++) {
                        d[ia + k] += d[iy + k];
                    }
                }
            }
            if (nb) {
                if (code == Op.V_MUL) {
                    for (int k = 0; k < cols; k++) {
                        d[ib + k] += d[iy + k] * v[ia + k];
                    }
                } else if (code == Op.V_SUB) {
                    for (int k = 0; k < cols; k++) {
                        d[ib + k] -= d[iy + k];
                    }
                } else {
                    for (int k = 0; k < cols; k++) {
                        d[ib + k] += d[iy + k];
                    }
                }
            }
        }
    }

    /** The JVP of node {@code j}: its tangent from its arguments' tangents. */
    static void tangent(Arena m, int j) {
        if (!m.needs[j]) {
            return; // depends on constants only: tangent 0, as cleared
        }
        double[] v = m.val;
        double[] t = m.tan;
        int a = m.a[j];
        int b = m.b[j];
        int o = m.off[j];
        Tape tape = m.tape;
        int e = m.entry[j];
        switch (tape.op[e]) {
            case Op.V_AFFINE -> {
                int batch = m.rows[a];
                int in = m.cols[a];
                int out = m.rows[b];
                Kernels.affine(t, m.off[a], v, m.off[b], m.c[j] >= 0 ? t : null, m.c[j] >= 0 ? m.off[m.c[j]] : 0,
                    t, o, batch, in, out);
                Kernels.addProductTransposed(v, m.off[a], t, m.off[b], t, o, batch, in, out);
            }
            case Op.V_ADD, Op.V_SUB, Op.V_MUL -> {
                int code = tape.op[e];
                int cols = m.cols[j];
                int sa = m.rows[a] == 1 ? 0 : cols;
                int sb = m.rows[b] == 1 ? 0 : cols;
                for (int r = 0; r < m.rows[j]; r++) {
                    int ia = m.off[a] + r * sa;
                    int ib = m.off[b] + r * sb;
                    for (int k = 0; k < cols; k++) {
                        double ta = t[ia + k];
                        double tb = t[ib + k];
                        t[o + r * cols + k] = code == Op.V_ADD ? ta + tb : code == Op.V_SUB ? ta - tb
                            : ta * v[ib + k] + v[ia + k] * tb;
                    }
                }
            }
            case Op.V_SCALE -> {
                double c = m.constant(j);
                for (int i = 0, n = m.size(j), x = m.off[a]; i < n; i++) {
                    t[o + i] = t[x + i] * c;
                }
            }
            case Op.V_SHIFT -> System.arraycopy(t, m.off[a], t, o, m.size(j));
            case Op.V_UNARY -> {
                int n = m.size(j);
                for (int i = 0, x = m.off[a]; i < n; i++) {
                    t[o + i] = v[o + n + i] * t[x + i];
                }
            }
            case Op.V_SUM -> tape.tangent[e] = Kernels.sum(t, m.off[a], m.size(a));
            case Op.V_MEAN -> tape.tangent[e] = Kernels.sum(t, m.off[a], m.size(a)) / m.size(a);
            case Op.V_DOT -> tape.tangent[e] = Kernels.dot(t, m.off[a], v, m.off[b], m.size(a))
                + Kernels.dot(v, m.off[a], t, m.off[b], m.size(a));
            case Op.V_SOFTMAX_CE -> {
                int batch = m.rows[a];
                int classes = m.cols[a];
                double s = 0;
                for (int r = 0; r < batch; r++) {
                    int label = m.ints[m.aux[j] + r];
                    for (int k = 0; k < classes; k++) {
                        double p = v[o + r * classes + k];
                        s += (k == label ? p - 1 : p) * t[m.off[a] + r * classes + k];
                    }
                }
                tape.tangent[e] = s / batch;
            }
            case Op.V_MSE -> {
                double s = 0;
                for (int i = 0, n = m.size(a), x = m.off[a], y = m.off[b]; i < n; i++) {
                    s += 2 * (v[x + i] - v[y + i]) * (t[x + i] - t[y + i]);
                }
                tape.tangent[e] = s / m.size(a);
            }
            case Op.V_BCE_LOGITS -> {
                double s = 0;
                for (int i = 0, n = m.size(a), x = m.off[a], y = m.off[b]; i < n; i++) {
                    double z = v[x + i];
                    s += (Elementary.sigmoid(z) - v[y + i]) * t[x + i] - z * t[y + i];
                }
                tape.tangent[e] = s / m.size(a);
            }
            case Op.V_ELEMENT -> tape.tangent[e] = t[m.off[a] + m.aux[j]];
            case Op.V_STACK -> {
                int k = tape.start[e];
                for (int i = 0, n = m.size(j); i < n; i++) {
                    t[o + i] = tape.tangent[tape.arg[k + i]];
                }
            }
            default -> {
                // inputs keep their seeds; a view aliases its parent's tangents
            }
        }
    }
}
