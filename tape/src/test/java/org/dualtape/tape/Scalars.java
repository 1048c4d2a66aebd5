package org.dualtape.tape;

import java.util.function.UnaryOperator;

/** Matrix operations written with one scalar {@link Var} per element, the reference for vector nodes. */
final class Scalars {
    private Scalars() {
    }

    static Var[] affine(Var[] x, Var[] w, Var[] b, int batch, int in, int out) {
        Var[] y = new Var[batch * out];
        for (int r = 0; r < batch; r++) {
            for (int o = 0; o < out; o++) {
                Var s = b == null ? null : b[o];
                for (int i = 0; i < in; i++) {
                    Var p = x[r * in + i].multiply(w[o * in + i]);
                    s = s == null ? p : s.add(p);
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    /** {@code op} 0 add, 1 subtract, 2 multiply, broadcasting a one-row operand. */
    static Var[] broadcast(Var[] a, Var[] b, int rowsA, int rowsB, int cols, int op) {
        int rows = Math.max(rowsA, rowsB);
        Var[] y = new Var[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Var x = a[(rowsA == 1 ? 0 : r) * cols + c];
                Var z = b[(rowsB == 1 ? 0 : r) * cols + c];
                y[r * cols + c] = op == 0 ? x.add(z) : op == 1 ? x.subtract(z) : x.multiply(z);
            }
        }
        return y;
    }

    static Var[] map(Var[] x, UnaryOperator<Var> f) {
        Var[] y = new Var[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.apply(x[i]);
        }
        return y;
    }

    static Var sum(Var[] x) {
        Var s = x[0];
        for (int i = 1; i < x.length; i++) {
            s = s.add(x[i]);
        }
        return s;
    }

    static Var softmaxCrossEntropy(Var[] z, int[] labels, int batch, int classes) {
        Var total = null;
        for (int r = 0; r < batch; r++) {
            Var s = null;
            for (int c = 0; c < classes; c++) {
                Var e = z[r * classes + c].exp();
                s = s == null ? e : s.add(e);
            }
            Var loss = s.log().subtract(z[r * classes + labels[r]]);
            total = total == null ? loss : total.add(loss);
        }
        return total.divide(batch);
    }

    static Var binaryCrossEntropyWithLogits(Var[] z, Var[] t) {
        Var total = null;
        for (int i = 0; i < z.length; i++) {
            // -(t log σ(z) + (1 - t) log σ(-z))
            Var term = t[i].multiply(z[i].logSigmoid()).add(t[i].negate().add(1).multiply(z[i].negate().logSigmoid()))
                .negate();
            total = total == null ? term : total.add(term);
        }
        return total.divide(z.length);
    }
}
