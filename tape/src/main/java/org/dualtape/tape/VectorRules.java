package org.dualtape.tape;

import org.dualtape.dual.Elementary;

/**
 * The vector nodes' rules, one constant per operation with its value ({@code compute}), its
 * vector-Jacobian product ({@code vjp}, for the reverse sweep) and its Jacobian-vector product
 * ({@code jvp}, for the tangent sweep) side by side, on the {@link Arena}'s flat arrays, as
 * {@link Elementary} does for scalars. Values go through {@link Kernels} and {@link LossRules}, so
 * plain {@code double} code written with them gets bitwise the same numbers; the losses'
 * derivatives are {@link LossRules}' too.
 *
 * <p>Op code {@code Op.VECTOR + ordinal()} is the constant's. In every rule {@code v}, {@code d}
 * and {@code t} are the arena's values, adjoints and tangents, {@code o} the node's offset,
 * {@code x} and {@code y} its arguments' offsets, {@code g} the adjoint of a scalar-output node.
 * Shapes: {@code x} is {@code batch × in} and {@code W} is {@code out × in} for the affine layer;
 * elementwise operations broadcast a {@code 1 × cols} row over the other operand's rows.
 */
enum VectorRules {
    /** A matrix input: holds its values; its adjoints and tangents are where consumers and seeds put them. */
    INPUT,
    /** A constant matrix: never changes. */
    CONST,
    /** A view: aliases its parent's region, values, adjoints and tangents alike. */
    VIEW,
    /** {@code y = x·Wᵀ + b}. */
    AFFINE {
        @Override
        int compute(Arena m, int j, boolean replay) {
            double[] v = m.value;
            int a = m.a[j];
            int c = m.c[j];
            Kernels.affine(v, m.off[a], v, m.off[m.b[j]], c >= 0 ? v : null, c >= 0 ? m.off[c] : 0, v, m.off[j],
                m.rows[a], m.cols[a], m.rows[m.b[j]]);
            return -1;
        }

        @Override
        void vjp(Arena m, int j) {
            double[] v = m.value;
            double[] d = m.adjoint;
            int a = m.a[j];
            int b = m.b[j];
            int o = m.off[j];
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

        @Override
        void jvp(Arena m, int j) {
            double[] v = m.value;
            double[] t = m.tangent;
            int a = m.a[j];
            int b = m.b[j];
            int c = m.c[j];
            int batch = m.rows[a];
            int in = m.cols[a];
            int out = m.rows[b];
            Kernels.affine(t, m.off[a], v, m.off[b], c >= 0 ? t : null, c >= 0 ? m.off[c] : 0, t, m.off[j], batch, in,
                out);
            Kernels.addProductTransposed(v, m.off[a], t, m.off[b], t, m.off[j], batch, in, out);
        }
    },
    /** Elementwise {@code x + y}, either a broadcast row. */
    ADD,
    /** Elementwise {@code x - y}, either a broadcast row. */
    SUB,
    /** Elementwise {@code x * y}, either a broadcast row. */
    MUL,
    /**
     * An {@link Elementary} function elementwise; the region holds the values, then the partials
     * and, for piecewise functions, the recorded branches after those.
     */
    UNARY {
        @Override
        int compute(Arena m, int j, boolean replay) {
            Elementary e = Op.ELEMENTARY[m.aux[j]];
            double[] v = m.value;
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
                    double key = Rules.branchKey(p, y);
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

        @Override
        void vjp(Arena m, int j) {
            double[] v = m.value;
            double[] d = m.adjoint;
            int n = m.size(j);
            for (int i = 0, x = m.off[m.a[j]], o = m.off[j]; i < n; i++) {
                d[x + i] += d[o + i] * v[o + n + i];
            }
        }

        @Override
        void jvp(Arena m, int j) {
            double[] v = m.value;
            double[] t = m.tangent;
            int n = m.size(j);
            for (int i = 0, x = m.off[m.a[j]], o = m.off[j]; i < n; i++) {
                t[o + i] = v[o + n + i] * t[x + i];
            }
        }
    },
    /** The sum of all elements, in index order: a scalar. */
    SUM {
        @Override
        int compute(Arena m, int j, boolean replay) {
            return scalar(m, j, Kernels.sum(m.value, m.off[m.a[j]], m.size(m.a[j])));
        }

        @Override
        void vjp(Arena m, int j) {
            fill(m, j, scalarAdjoint(m, j));
        }

        @Override
        void jvp(Arena m, int j) {
            scalarTangent(m, j, Kernels.sum(m.tangent, m.off[m.a[j]], m.size(m.a[j])));
        }
    },
    /** The mean of all elements: a scalar. */
    MEAN {
        @Override
        int compute(Arena m, int j, boolean replay) {
            return scalar(m, j, Kernels.sum(m.value, m.off[m.a[j]], m.size(m.a[j])) / m.size(m.a[j]));
        }

        @Override
        void vjp(Arena m, int j) {
            fill(m, j, scalarAdjoint(m, j) / m.size(m.a[j]));
        }

        @Override
        void jvp(Arena m, int j) {
            scalarTangent(m, j, Kernels.sum(m.tangent, m.off[m.a[j]], m.size(m.a[j])) / m.size(m.a[j]));
        }
    },
    /** {@code Σ x[i] y[i]}: a scalar. */
    DOT {
        @Override
        int compute(Arena m, int j, boolean replay) {
            return scalar(m, j, Kernels.dot(m.value, m.off[m.a[j]], m.value, m.off[m.b[j]], m.size(m.a[j])));
        }

        @Override
        void vjp(Arena m, int j) {
            double g = scalarAdjoint(m, j);
            double[] v = m.value;
            double[] d = m.adjoint;
            for (int i = 0, n = m.size(m.a[j]), x = m.off[m.a[j]], y = m.off[m.b[j]]; i < n; i++) {
                double vx = v[x + i];
                d[x + i] += g * v[y + i];
                d[y + i] += g * vx;
            }
        }

        @Override
        void jvp(Arena m, int j) {
            int n = m.size(m.a[j]);
            int x = m.off[m.a[j]];
            int y = m.off[m.b[j]];
            scalarTangent(m, j, Kernels.dot(m.tangent, x, m.value, y, n) + Kernels.dot(m.value, x, m.tangent, y, n));
        }
    },
    /** The mean softmax cross-entropy of logits {@code x} with labels; the region keeps the probabilities. */
    SOFTMAX_CE {
        @Override
        int compute(Arena m, int j, boolean replay) {
            int a = m.a[j];
            return scalar(m, j, LossRules.softmaxCrossEntropy(m.value, m.off[a], m.ints, m.aux[j], m.rows[a],
                m.cols[a], m.value, m.off[j]));
        }

        @Override
        void vjp(Arena m, int j) {
            int a = m.a[j];
            LossRules.addSoftmaxCrossEntropyAdjoint(m.value, m.off[j], m.ints, m.aux[j], m.rows[a], m.cols[a],
                scalarAdjoint(m, j) / m.rows[a], m.adjoint, m.off[a]);
        }

        @Override
        void jvp(Arena m, int j) {
            int a = m.a[j];
            int batch = m.rows[a];
            int classes = m.cols[a];
            double[] v = m.value;
            double s = 0;
            for (int r = 0; r < batch; r++) {
                int label = m.ints[m.aux[j] + r];
                for (int k = 0; k < classes; k++) {
                    int e = r * classes + k;
                    s += LossRules.softmaxCrossEntropyPartial(v[m.off[j] + e], k == label) * m.tangent[m.off[a] + e];
                }
            }
            scalarTangent(m, j, s / batch);
        }
    },
    /** The mean squared error of {@code x} against {@code y}. */
    MSE {
        @Override
        int compute(Arena m, int j, boolean replay) {
            return scalar(m, j, LossRules.meanSquaredError(m.value, m.off[m.a[j]], m.value, m.off[m.b[j]],
                m.size(m.a[j])));
        }

        @Override
        void vjp(Arena m, int j) {
            int n = m.size(m.a[j]);
            double s = 2 * scalarAdjoint(m, j) / n;
            double[] v = m.value;
            double[] d = m.adjoint;
            for (int i = 0, x = m.off[m.a[j]], y = m.off[m.b[j]]; i < n; i++) {
                double r = s * LossRules.squaredErrorPartial(v[x + i], v[y + i]);
                d[x + i] += r;
                d[y + i] -= r;
            }
        }

        @Override
        void jvp(Arena m, int j) {
            double[] v = m.value;
            double[] t = m.tangent;
            double s = 0;
            for (int i = 0, n = m.size(m.a[j]), x = m.off[m.a[j]], y = m.off[m.b[j]]; i < n; i++) {
                s += 2 * LossRules.squaredErrorPartial(v[x + i], v[y + i]) * (t[x + i] - t[y + i]);
            }
            scalarTangent(m, j, s / m.size(m.a[j]));
        }
    },
    /** The mean binary cross-entropy of logits {@code x} against targets {@code y}. */
    BCE_LOGITS {
        @Override
        int compute(Arena m, int j, boolean replay) {
            return scalar(m, j, LossRules.binaryCrossEntropyWithLogits(m.value, m.off[m.a[j]], m.value,
                m.off[m.b[j]], m.size(m.a[j])));
        }

        @Override
        void vjp(Arena m, int j) {
            int n = m.size(m.a[j]);
            double s = scalarAdjoint(m, j) / n;
            double[] v = m.value;
            double[] d = m.adjoint;
            for (int i = 0, x = m.off[m.a[j]], y = m.off[m.b[j]]; i < n; i++) {
                double z = v[x + i];
                d[x + i] += s * LossRules.binaryCrossEntropyPartial(z, v[y + i]);
                d[y + i] -= s * z;
            }
        }

        @Override
        void jvp(Arena m, int j) {
            double[] v = m.value;
            double[] t = m.tangent;
            double s = 0;
            for (int i = 0, n = m.size(m.a[j]), x = m.off[m.a[j]], y = m.off[m.b[j]]; i < n; i++) {
                double z = v[x + i];
                s += LossRules.binaryCrossEntropyPartial(z, v[y + i]) * t[x + i] - z * t[y + i];
            }
            scalarTangent(m, j, s / m.size(m.a[j]));
        }
    },
    /** One element, as a scalar; {@code aux} is its flat index. */
    ELEMENT {
        @Override
        int compute(Arena m, int j, boolean replay) {
            return scalar(m, j, m.value[m.off[m.a[j]] + m.aux[j]]);
        }

        @Override
        void vjp(Arena m, int j) {
            m.adjoint[m.off[m.a[j]] + m.aux[j]] += scalarAdjoint(m, j);
        }

        @Override
        void jvp(Arena m, int j) {
            scalarTangent(m, j, m.tangent[m.off[m.a[j]] + m.aux[j]]);
        }
    },
    /** A matrix of scalar entries, which are the node's tape arguments. */
    STACK {
        @Override
        int compute(Arena m, int j, boolean replay) {
            Tape t = m.tape;
            int k = t.start[m.entry[j]];
            for (int i = 0, n = m.size(j), o = m.off[j]; i < n; i++) {
                m.value[o + i] = t.value[t.arg[k + i]];
            }
            return -1;
        }

        @Override
        void vjp(Arena m, int j) {
            Tape t = m.tape;
            int k = t.start[m.entry[j]];
            for (int i = 0, n = m.size(j), o = m.off[j]; i < n; i++) {
                t.adjoint[t.arg[k + i]] += m.adjoint[o + i];
            }
        }

        @Override
        void jvp(Arena m, int j) {
            Tape t = m.tape;
            int k = t.start[m.entry[j]];
            for (int i = 0, n = m.size(j), o = m.off[j]; i < n; i++) {
                m.tangent[o + i] = t.tangent[t.arg[k + i]];
            }
        }
    },
    /** {@code x * c} elementwise; the constant is kept after the values. */
    SCALE {
        @Override
        int compute(Arena m, int j, boolean replay) {
            scale(m.value, m, j, m.constant(j));
            return -1;
        }

        @Override
        void vjp(Arena m, int j) {
            double c = m.constant(j);
            double[] d = m.adjoint;
            for (int i = 0, n = m.size(j), x = m.off[m.a[j]], o = m.off[j]; i < n; i++) {
                d[x + i] += d[o + i] * c;
            }
        }

        @Override
        void jvp(Arena m, int j) {
            scale(m.tangent, m, j, m.constant(j));
        }
    },
    /** {@code x + c} elementwise; the constant is kept after the values. */
    SHIFT {
        @Override
        int compute(Arena m, int j, boolean replay) {
            double c = m.constant(j);
            double[] v = m.value;
            for (int i = 0, n = m.size(j), x = m.off[m.a[j]], o = m.off[j]; i < n; i++) {
                v[o + i] = v[x + i] + c;
            }
            return -1;
        }

        @Override
        void vjp(Arena m, int j) {
            double[] d = m.adjoint;
            for (int i = 0, n = m.size(j), x = m.off[m.a[j]], o = m.off[j]; i < n; i++) {
                d[x + i] += d[o + i];
            }
        }

        @Override
        void jvp(Arena m, int j) {
            System.arraycopy(m.tangent, m.off[m.a[j]], m.tangent, m.off[j], m.size(j));
        }
    };

    private static final VectorRules[] RULES = values();

    static {
        if (RULES.length != Op.END - Op.VECTOR || Op.V_SHIFT != Op.VECTOR + SHIFT.ordinal()
            || Op.V_STACK != Op.VECTOR + STACK.ordinal() || Op.V_AFFINE != Op.VECTOR + AFFINE.ordinal()) {
            throw new ExceptionInInitializerError("VectorRules and the vector op codes disagree");
        }
    }

    /** The rule of vector op code {@code code}. */
    static VectorRules of(int code) {
        return RULES[code - Op.VECTOR];
    }

    /** The op code of this rule. */
    int code() {
        return Op.VECTOR + ordinal();
    }

    /**
     * Computes node {@code j}'s value from its arguments' values (inputs and constants hold
     * theirs; a view aliases its parent's).
     *
     * @param replay whether to compare piecewise branches with the recorded ones (else record them)
     * @return -1, or the first element whose branch differs from the recorded one
     */
    int compute(Arena m, int j, boolean replay) {
        if (this == ADD || this == SUB || this == MUL) {
            elementwise(m, j);
        }
        return -1;
    }

    /** Adds node {@code j}'s adjoint, times its local Jacobian, to its arguments' adjoints. */
    void vjp(Arena m, int j) {
        if (this == ADD || this == SUB || this == MUL) {
            elementwiseVjp(m, j);
        }
    }

    /** Node {@code j}'s tangent from its arguments' tangents. */
    void jvp(Arena m, int j) {
        if (this == ADD || this == SUB || this == MUL) {
            elementwiseJvp(m, j);
        }
    }

    // ---------------------------------------------------------------- shared by the rules

    /** A scalar-output node's value, kept in the tape's scalar arrays; returns -1 (no branch). */
    private static int scalar(Arena m, int j, double value) {
        m.tape.value[m.entry[j]] = value;
        return -1;
    }

    private static double scalarAdjoint(Arena m, int j) {
        return m.tape.adjoint[m.entry[j]];
    }

    private static void scalarTangent(Arena m, int j, double tangent) {
        m.tape.tangent[m.entry[j]] = tangent;
    }

    /** Adds {@code g} to every element's adjoint of node {@code j}'s argument. */
    private static void fill(Arena m, int j, double g) {
        double[] d = m.adjoint;
        for (int i = 0, n = m.size(m.a[j]), x = m.off[m.a[j]]; i < n; i++) {
            d[x + i] += g;
        }
    }

    /** {@code w[o + i] = w[x + i] * c} over node {@code j}, for values or tangents. */
    private static void scale(double[] w, Arena m, int j, double c) {
        for (int i = 0, n = m.size(j), x = m.off[m.a[j]], o = m.off[j]; i < n; i++) {
            w[o + i] = w[x + i] * c;
        }
    }

    /**
     * add, subtract, multiply, with a 1 × cols row broadcast over the other operand's rows: one
     * loop per operation, so that the JIT can vectorise each.
     */
    private void elementwise(Arena m, int j) {
        double[] v = m.value;
        int a = m.a[j];
        int b = m.b[j];
        int cols = m.cols[j];
        int sa = m.rows[a] == 1 ? 0 : cols; // row stride: 0 broadcasts
        int sb = m.rows[b] == 1 ? 0 : cols;
        for (int r = 0; r < m.rows[j]; r++) {
            int ia = m.off[a] + r * sa;
            int ib = m.off[b] + r * sb;
            int iy = m.off[j] + r * cols;
            if (this == ADD) {
                for (int k = 0; k < cols; k++) {
                    v[iy + k] = v[ia + k] + v[ib + k];
                }
            } else if (this == SUB) {
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

    /** The VJP of add, subtract, multiply (broadcast rows accumulate). */
    private void elementwiseVjp(Arena m, int j) {
        double[] v = m.value;
        double[] d = m.adjoint;
        int a = m.a[j];
        int b = m.b[j];
        int cols = m.cols[j];
        int sa = m.rows[a] == 1 ? 0 : cols;
        int sb = m.rows[b] == 1 ? 0 : cols;
        boolean na = m.needs[a];
        boolean nb = m.needs[b];
        double signB = this == SUB ? -1 : 1;
        for (int r = 0; r < m.rows[j]; r++) {
            int ia = m.off[a] + r * sa;
            int ib = m.off[b] + r * sb;
            int iy = m.off[j] + r * cols;
            if (this == MUL) {
                for (int k = 0; na && k < cols; k++) {
                    d[ia + k] += d[iy + k] * v[ib + k];
                }
                for (int k = 0; nb && k < cols; k++) {
                    d[ib + k] += d[iy + k] * v[ia + k];
                }
            } else {
                for (int k = 0; na && k < cols; k++) {
                    d[ia + k] += d[iy + k];
                }
                for (int k = 0; nb && k < cols; k++) {
                    d[ib + k] += signB * d[iy + k];
                }
            }
        }
    }

    /** The JVP of add, subtract, multiply. */
    private void elementwiseJvp(Arena m, int j) {
        double[] v = m.value;
        double[] t = m.tangent;
        int a = m.a[j];
        int b = m.b[j];
        int cols = m.cols[j];
        int sa = m.rows[a] == 1 ? 0 : cols;
        int sb = m.rows[b] == 1 ? 0 : cols;
        for (int r = 0; r < m.rows[j]; r++) {
            int ia = m.off[a] + r * sa;
            int ib = m.off[b] + r * sb;
            int iy = m.off[j] + r * cols;
            for (int k = 0; k < cols; k++) {
                double ta = t[ia + k];
                double tb = t[ib + k];
                t[iy + k] = this == ADD ? ta + tb : this == SUB ? ta - tb : ta * v[ib + k] + v[ia + k] * tb;
            }
        }
    }
}
