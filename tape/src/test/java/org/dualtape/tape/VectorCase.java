package org.dualtape.tape;

import java.util.Random;

/**
 * Every vector node, as a scalar function of matrix inputs written twice: with the node
 * ({@link #vector}) and with one scalar {@link Var} entry per element ({@link #scalar}), the
 * matrix-valued ones reduced by a fixed random weighting, so that the reverse sweep pushes a
 * random seed through the node's vector-Jacobian product.
 */
enum VectorCase {
    AFFINE(new int[][] {{4, 3}, {5, 3}, {1, 5}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].affine(m[1], m[2]); }
        Var[] scalar(Var[][] s) { return Scalars.affine(s[0], s[1], s[2], 4, 3, 5); }
    },
    AFFINE_WITHOUT_BIAS(new int[][] {{4, 3}, {5, 3}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].affine(m[1]); }
        Var[] scalar(Var[][] s) { return Scalars.affine(s[0], s[1], null, 4, 3, 5); }
    },
    ADD(new int[][] {{3, 4}, {3, 4}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].add(m[1]); }
        Var[] scalar(Var[][] s) { return Scalars.broadcast(s[0], s[1], 3, 3, 4, 0); }
    },
    ADD_ROW(new int[][] {{3, 4}, {1, 4}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].add(m[1]); }
        Var[] scalar(Var[][] s) { return Scalars.broadcast(s[0], s[1], 3, 1, 4, 0); }
    },
    SUBTRACT_FROM_ROW(new int[][] {{1, 4}, {3, 4}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].subtract(m[1]); }
        Var[] scalar(Var[][] s) { return Scalars.broadcast(s[0], s[1], 1, 3, 4, 1); }
    },
    MULTIPLY_ROW(new int[][] {{3, 4}, {1, 4}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].multiply(m[1]); }
        Var[] scalar(Var[][] s) { return Scalars.broadcast(s[0], s[1], 3, 1, 4, 2); }
    },
    MULTIPLY_SELF(new int[][] {{2, 3}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].multiply(m[0]); }
        Var[] scalar(Var[][] s) { return Scalars.broadcast(s[0], s[0], 2, 2, 3, 2); }
    },
    TANH(new int[][] {{3, 4}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].tanh(); }
        Var[] scalar(Var[][] s) { return Scalars.map(s[0], Var::tanh); }
    },
    SIGMOID(new int[][] {{3, 4}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].sigmoid(); }
        Var[] scalar(Var[][] s) { return Scalars.map(s[0], Var::sigmoid); }
    },
    RELU(new int[][] {{3, 4}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].relu(); }
        Var[] scalar(Var[][] s) { return Scalars.map(s[0], Var::relu); }
    },
    EXP(new int[][] {{3, 4}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].exp(); }
        Var[] scalar(Var[][] s) { return Scalars.map(s[0], Var::exp); }
    },
    LOG(new int[][] {{3, 4}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].square().add(m[0].exp()).log(); }
        Var[] scalar(Var[][] s) { return Scalars.map(s[0], x -> x.square().add(x.exp()).log()); }
    },
    SQUARE(new int[][] {{3, 4}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].square(); }
        Var[] scalar(Var[][] s) { return Scalars.map(s[0], Var::square); }
    },
    SCALE(new int[][] {{3, 4}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].multiply(-2.5); }
        Var[] scalar(Var[][] s) { return Scalars.map(s[0], x -> x.multiply(-2.5)); }
    },
    SHIFT(new int[][] {{3, 4}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].add(0.75).square(); }
        Var[] scalar(Var[][] s) { return Scalars.map(s[0], x -> x.add(0.75).square()); }
    },
    SUBTRACT_CONSTANT(new int[][] {{3, 4}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].subtract(0.75).multiply(m[0]); }
        Var[] scalar(Var[][] s) { return Scalars.map(s[0], x -> x.subtract(0.75).multiply(x)); }
    },
    NEGATE(new int[][] {{3, 4}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].negate().add(1); }
        Var[] scalar(Var[][] s) { return Scalars.map(s[0], x -> x.negate().add(1)); }
    },
    /** The extended Rosenbrock function on overlapping views of one vector, as the benchmarks write it. */
    ROSENBROCK(new int[][] {{1, 7}}) {
        Var reduce(VarMatrix[] m) { return MatrixFunctionTest.rosenbrock(m[0]); }
        Var reduce(Var[][] s) { return MatrixFunctionTest.rosenbrock(s[0]); }
    },
    VIEW(new int[][] {{1, 12}}) {
        VarMatrix vector(VarMatrix[] m) { return m[0].view(2, 2, 3).multiply(m[0].view(6, 2, 3)); }
        Var[] scalar(Var[][] s) {
            Var[] a = java.util.Arrays.copyOfRange(s[0], 2, 8);
            Var[] b = java.util.Arrays.copyOfRange(s[0], 6, 12);
            return Scalars.broadcast(a, b, 2, 2, 3, 2);
        }
    },
    STACK(new int[][] {{2, 3}}) {
        VarMatrix vector(VarMatrix[] m) {
            Var[] e = new Var[6];
            for (int i = 0; i < 6; i++) {
                e[i] = m[0].get(i / 3, i % 3).sin();
            }
            return VarMatrix.of(m[0].tape(), e, 3, 2);
        }
        Var[] scalar(Var[][] s) { return Scalars.map(s[0], Var::sin); }
    },
    SUM(new int[][] {{3, 4}}) {
        Var reduce(VarMatrix[] m) { return m[0].sum(); }
        Var reduce(Var[][] s) { return Scalars.sum(s[0]); }
    },
    MEAN(new int[][] {{3, 4}}) {
        Var reduce(VarMatrix[] m) { return m[0].mean(); }
        Var reduce(Var[][] s) { return Scalars.sum(s[0]).divide(12); }
    },
    DOT(new int[][] {{3, 4}, {3, 4}}) {
        Var reduce(VarMatrix[] m) { return m[0].dot(m[1]); }
        Var reduce(Var[][] s) { return Scalars.sum(Scalars.broadcast(s[0], s[1], 3, 3, 4, 2)); }
    },
    SOFTMAX_CROSS_ENTROPY(new int[][] {{4, 3}}) {
        Var reduce(VarMatrix[] m) { return m[0].softmaxCrossEntropy(LABELS); }
        Var reduce(Var[][] s) { return Scalars.softmaxCrossEntropy(s[0], LABELS, 4, 3); }
    },
    MEAN_SQUARED_ERROR(new int[][] {{3, 4}, {3, 4}}) {
        Var reduce(VarMatrix[] m) { return m[0].meanSquaredError(m[1]); }
        Var reduce(Var[][] s) {
            return Scalars.sum(Scalars.map(Scalars.broadcast(s[0], s[1], 3, 3, 4, 1), Var::square)).divide(12);
        }
    },
    BINARY_CROSS_ENTROPY_WITH_LOGITS(new int[][] {{3, 4}, {3, 4}}) {
        Var reduce(VarMatrix[] m) { return m[0].binaryCrossEntropyWithLogits(m[1].sigmoid()); }
        Var reduce(Var[][] s) { return Scalars.binaryCrossEntropyWithLogits(s[0], Scalars.map(s[1], Var::sigmoid)); }
    },
    ELEMENT(new int[][] {{3, 4}}) {
        Var reduce(VarMatrix[] m) { return m[0].get(1, 2).multiply(m[0].get(2, 3)); }
        Var reduce(Var[][] s) { return s[0][6].multiply(s[0][11]); }
    };

    static final int[] LABELS = {2, 0, 1, 2};
    /** The weighting that reduces a matrix-valued case to a scalar; fixed seed, any values do. */
    private static final long WEIGHTS_SEED = 5L;

    final int[][] shapes;

    VectorCase(int[][] shapes) {
        this.shapes = shapes;
    }

    /** The total number of scalar inputs. */
    int width() {
        int n = 0;
        for (int[] s : shapes) {
            n += s[0] * s[1];
        }
        return n;
    }

    /** A matrix-valued case's node; the scalar-valued ones override {@link #reduce(VarMatrix[])}. */
    VarMatrix vector(VarMatrix[] m) {
        throw new UnsupportedOperationException();
    }

    Var[] scalar(Var[][] s) {
        throw new UnsupportedOperationException();
    }

    /** The case's output with vector nodes: a matrix result is weighted by fixed random numbers. */
    Var reduce(VarMatrix[] m) {
        VarMatrix y = vector(m);
        return y.dot(VarMatrix.constant(m[0].tape(), weights(y.rows() * y.cols()), y.rows(), y.cols()));
    }

    /** The case's output with one scalar entry per element, weighted the same way. */
    Var reduce(Var[][] s) {
        Var[] y = scalar(s);
        double[] w = weights(y.length);
        Var sum = y[0].multiply(w[0]);
        for (int i = 1; i < y.length; i++) {
            sum = sum.add(y[i].multiply(w[i]));
        }
        return sum;
    }

    private static double[] weights(int n) {
        Random random = new Random(WEIGHTS_SEED);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = random.nextGaussian();
        }
        return w;
    }

    /** Records the vector version on {@code tape} with inputs from the flat {@code x}. */
    Var recordVector(Tape tape, double[] x, VarMatrix[] inputs) {
        int at = 0;
        for (int i = 0; i < shapes.length; i++) {
            inputs[i] = VarMatrix.variable(tape, x, at, shapes[i][0], shapes[i][1]);
            at += shapes[i][0] * shapes[i][1];
        }
        return reduce(inputs);
    }

    /** The scalar version as a function of the flat inputs. */
    Var scalarFunction(Var[] x) {
        Var[][] s = new Var[shapes.length][];
        int at = 0;
        for (int i = 0; i < shapes.length; i++) {
            int n = shapes[i][0] * shapes[i][1];
            s[i] = java.util.Arrays.copyOfRange(x, at, at + n);
            at += n;
        }
        return reduce(s);
    }
}
