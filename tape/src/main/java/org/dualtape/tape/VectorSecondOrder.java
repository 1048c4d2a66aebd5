package org.dualtape.tape;

import org.dualtape.dual.Elementary;

/**
 * The vector nodes' second-order rules: the tangent of each node's vector-Jacobian product
 * ({@link VectorRules#reverse}), for the forward-over-reverse sweep of {@link SecondOrder}. With
 * the node's adjoints {@code d}, their tangents {@code ḋ}, the values {@code v} and their tangents
 * {@code ṫ} (from the tangent sweep), each rule adds to its arguments' adjoint tangents
 * {@code VJP(v)·ḋ + (∂VJP/∂v · ṫ)·d}: the first term is the node's VJP applied to {@code ḋ}, the
 * second its curvature. Linear nodes (add, subtract, scale, shift, sum, mean, element, stack,
 * views) have only the first; the affine layer, multiply, dot and the elementwise functions are
 * bilinear or curved; the three losses carry their true second derivatives (softmax's
 * {@code diag(p) - p·pᵀ} per row, MSE's {@code 2/n}, BCE's {@code σ'(z)/n}), so that the MLP's
 * Hessian is exact, not a Gauss–Newton approximation.
 *
 * <p>Arrays: {@code dd} is the arena's adjoint tangents (parallel to {@link Arena#val}), and
 * {@code scalarDd} the scalar entries' adjoint tangents, where scalar-output nodes keep theirs.
 */
final class VectorSecondOrder {
    private VectorSecondOrder() {
    }

    /** Adds node {@code j}'s second-order VJP to its arguments' adjoint tangents. */
    static void reverse(Arena m, int j, double[] dd, double[] scalarDd) {
        if (!m.needs[j]) {
            return;
        }
        Tape tape = m.tape;
        double[] v = m.value;
        double[] d = m.adjoint;
        double[] t = m.tangent;
        int a = m.a[j];
        int b = m.b[j];
        int o = m.off[j];
        int e = m.entry[j];
        int code = tape.op[e];
        boolean scalarOutput = code >= Op.V_SUM && code <= Op.V_ELEMENT;
        double g = scalarOutput ? tape.adjoint[e] : 1;
        double gd = scalarOutput ? scalarDd[e] : 1;
        if (g == 0 && gd == 0) {
            return;
        }
        switch (code) {
            case Op.V_AFFINE -> {
                int batch = m.rows[a];
                int in = m.cols[a];
                int out = m.rows[b];
                if (m.needs[a]) { // dẋ += ḋy·W + dy·Ẇ
                    Kernels.addProduct(dd, o, v, m.off[b], dd, m.off[a], batch, in, out);
                    if (m.needs[b]) {
                        Kernels.addProduct(d, o, t, m.off[b], dd, m.off[a], batch, in, out);
                    }
                }
                if (m.needs[b]) { // dẆ += ḋyᵀ·x + dyᵀ·ẋ
                    Kernels.addTransposedProduct(dd, o, v, m.off[a], dd, m.off[b], batch, in, out);
                    if (m.needs[a]) {
                        Kernels.addTransposedProduct(d, o, t, m.off[a], dd, m.off[b], batch, in, out);
                    }
                }
                if (m.c[j] >= 0 && m.needs[m.c[j]]) {
                    Kernels.addColumnSums(dd, o, dd, m.off[m.c[j]], batch, out);
                }
            }
            case Op.V_ADD, Op.V_SUB, Op.V_MUL -> elementwise(m, j, code, dd);
            case Op.V_SCALE -> {
                double c = m.constant(j);
                for (int i = 0, n = m.size(j), x = m.off[a]; i < n; i++) {
                    dd[x + i] += dd[o + i] * c;
                }
            }
            case Op.V_SHIFT -> {
                for (int i = 0, n = m.size(j), x = m.off[a]; i < n; i++) {
                    dd[x + i] += dd[o + i];
                }
            }
            case Op.V_UNARY -> unary(m, j, dd);
            case Op.V_SUM, Op.V_MEAN -> {
                int n = m.size(a);
                double s = code == Op.V_MEAN ? gd / n : gd;
                for (int i = 0, x = m.off[a]; i < n; i++) {
                    dd[x + i] += s;
                }
            }
            case Op.V_DOT -> {
                for (int i = 0, n = m.size(a), x = m.off[a], y = m.off[b]; i < n; i++) {
                    double ddx = gd * v[y + i] + g * t[y + i];
                    dd[y + i] += gd * v[x + i] + g * t[x + i];
                    dd[x + i] += ddx;
                }
            }
            case Op.V_SOFTMAX_CE -> LossRules.addSoftmaxCrossEntropyAdjointTangent(v, o, m.ints, m.aux[j], m.rows[a],
                m.cols[a], g / m.rows[a], gd / m.rows[a], t, m.off[a], dd, m.off[a]);
            case Op.V_MSE -> {
                int n = m.size(a);
                double s = 2 * g / n;
                double sd = 2 * gd / n;
                for (int i = 0, x = m.off[a], y = m.off[b]; i < n; i++) {
                    double r = sd * LossRules.squaredErrorPartial(v[x + i], v[y + i]) + s * (t[x + i] - t[y + i]);
                    dd[x + i] += r;
                    dd[y + i] -= r;
                }
            }
            case Op.V_BCE_LOGITS -> {
                int n = m.size(a);
                double s = g / n;
                double sd = gd / n;
                for (int i = 0, x = m.off[a], y = m.off[b]; i < n; i++) {
                    double z = v[x + i];
                    dd[x + i] += sd * LossRules.binaryCrossEntropyPartial(z, v[y + i])
                        + s * (LossRules.binaryCrossEntropySecondPartial(z) * t[x + i] - t[y + i]);
                    dd[y + i] -= sd * z + s * t[x + i];
                }
            }
            case Op.V_ELEMENT -> dd[m.off[a] + m.aux[j]] += gd;
            case Op.V_STACK -> {
                int k = tape.start[e];
                for (int i = 0, n = m.size(j); i < n; i++) {
                    scalarDd[tape.arg[k + i]] += dd[o + i];
                }
            }
            default -> {
                // inputs, constants and views: their adjoint tangents are where the consumers put them
            }
        }
    }

    /** add, subtract, multiply with a broadcast row: the VJP on ḋ, plus multiply's cross terms. */
    private static void elementwise(Arena m, int j, int code, double[] dd) {
        double[] v = m.value;
        double[] d = m.adjoint;
        double[] t = m.tangent;
        int a = m.a[j];
        int b = m.b[j];
        int rows = m.rows[j];
        int cols = m.cols[j];
        int sa = m.rows[a] == 1 ? 0 : cols;
        int sb = m.rows[b] == 1 ? 0 : cols;
        boolean na = m.needs[a];
        boolean nb = m.needs[b];
        double sign = code == Op.V_SUB ? -1 : 1;
        for (int r = 0; r < rows; r++) {
            int ia = m.off[a] + r * sa;
            int ib = m.off[b] + r * sb;
            int iy = m.off[j] + r * cols;
            for (int k = 0; k < cols; k++) {
                double ddy = dd[iy + k];
                if (code == Op.V_MUL) {
                    double dy = d[iy + k];
                    double ta = t[ia + k];
                    double tb = t[ib + k];
                    double va = v[ia + k];
                    double vb = v[ib + k];
                    if (na) {
                        dd[ia + k] += ddy * vb + dy * tb;
                    }
                    if (nb) {
                        dd[ib + k] += ddy * va + dy * ta;
                    }
                } else {
                    if (na) {
                        dd[ia + k] += ddy;
                    }
                    if (nb) {
                        dd[ib + k] += sign * ddy;
                    }
                }
            }
        }
    }

    /** {@code ḋx += ḋy·f'(x) + dy·f''(x)·ẋ}, the partials {@code f'} kept after the values. */
    private static void unary(Arena m, int j, double[] dd) {
        Elementary e = Op.ELEMENTARY[m.aux[j]];
        double[] v = m.value;
        double[] d = m.adjoint;
        double[] t = m.tangent;
        int n = m.size(j);
        int x = m.off[m.a[j]];
        int o = m.off[j];
        boolean curved = !e.piecewise();
        for (int i = 0; i < n; i++) {
            double s = dd[o + i] * v[o + n + i];
            double dy = d[o + i];
            double tx = t[x + i];
            if (curved && dy != 0 && tx != 0) {
                s += dy * (e.d2f(v[x + i], v[o + i]) * tx);
            }
            dd[x + i] += s;
        }
    }
}
