package org.dualtape.tape;

import java.util.Arrays;
import org.dualtape.dual.Elementary;

/**
 * A matrix-valued tape entry (a vector node): a thin view of one node of a {@link Tape}, on which
 * each operation records one entry with a hand-written vector-Jacobian product, instead of one
 * entry per scalar. Vectors are {@code 1 × n} or {@code n × 1} matrices; a batch is rows.
 *
 * <h2>Construction</h2>
 * {@link #variable(Tape, double[], int, int)} (an input: it gets an adjoint and can be replaced
 * by {@link Replay}), {@link #constant(Tape, double[], int, int)}, {@link #of(Tape, Var[], int,
 * int)} (from scalar {@link Var}s), or {@link #view} of another matrix, for example to cut the
 * weights and biases of a network out of one flat parameter vector without copying.
 *
 * <h2>Mixing with scalars</h2>
 * {@link #sum()}, {@link #mean()}, {@link #dot}, {@link #get} and the losses return {@link Var}s
 * on the same tape, to be combined with any scalar code; {@link #of(Tape, Var[], int, int)} goes
 * the other way.
 *
 * <h2>An MLP loss and its gradient with respect to a flat parameter array</h2>
 * <pre>{@code
 * Tape tape = new Tape();
 * VarMatrix theta = VarMatrix.variable(tape, params, 1, params.length); // the input
 * VarMatrix x = VarMatrix.constant(tape, data, 32, 32);
 * VarMatrix w1 = theta.view(0, h, 32), b1 = theta.view(h * 32, 1, h);  // ... and so on
 * Var loss = x.affine(w1, b1).tanh().affine(w2, b2).tanh().affine(w3, b3).softmaxCrossEntropy(labels);
 * tape.reverse(loss);
 * theta.adjoint(gradient, 0);                                           // ∂loss/∂params
 * }</pre>
 * One recording and one reverse sweep (two matrix products per affine layer, one for the first,
 * whose input is constant); recording again after {@link Tape#clear()} allocates only the few
 * {@code VarMatrix} and {@code Var} views, and replay ({@code Replay.of(loss, theta)}) and the
 * sweep allocate nothing. (Timings are in {@code jmh/RESULTS.md}.)
 *
 * <h2>Values and sizes</h2>
 * Every value is what {@link Plain} and {@link LossRules} compute, so plain {@code double} code
 * written with them gets bitwise the same numbers. Shape mismatches, and results of more than
 * {@link Tape#MAX_ENTRIES} values, throw {@link IllegalArgumentException} naming the shapes
 * before anything is recorded.
 *
 * <p>Instances are immutable; after {@link Tape#clear()} they are stale and every use throws
 * {@link IllegalStateException}.
 */
public final class VarMatrix {
    final Tape tape;
    final int node;
    final int entry;
    final long generation;

    VarMatrix(Tape tape, int node, long generation) {
        this.tape = tape;
        this.node = node;
        this.entry = tape.arena.entry[node];
        this.generation = generation;
    }

    /**
     * Records a matrix input (a vector node): a copy of {@code rows × cols} values, row-major. It
     * gets adjoints and can be replaced by {@link Replay}.
     *
     * @param tape the tape to record on
     * @param data the values; not modified (copied)
     * @param rows the number of rows
     * @param cols the number of columns
     * @return the new matrix
     * @throws IllegalArgumentException if {@code data.length != rows * cols}
     */
    public static VarMatrix variable(Tape tape, double[] data, int rows, int cols) {
        requireLength(data.length, rows, cols, "values");
        return copied(tape, Op.V_INPUT, data, 0, rows, cols);
    }

    /**
     * Records a matrix input from {@code rows × cols} values of {@code data} at {@code offset}
     * (a copy), for example one layer's weights inside a flat parameter array.
     *
     * @param tape the tape to record on
     * @param data the values; not modified (copied)
     * @param offset the first value
     * @param rows the number of rows
     * @param cols the number of columns
     * @return the new matrix
     * @throws IllegalArgumentException if the values do not fit inside {@code data}
     */
    public static VarMatrix variable(Tape tape, double[] data, int offset, int rows, int cols) {
        return copied(tape, Op.V_INPUT, data, offset, rows, cols);
    }

    /**
     * Records a constant matrix (data, targets): no adjoint work is done for it, and replay keeps it.
     * @param tape the tape to record on
     * @param data the values; not modified (copied)
     * @param rows the number of rows
     * @param cols the number of columns
     * @return the new matrix
     * @throws IllegalArgumentException if {@code data.length != rows * cols}
     */
    public static VarMatrix constant(Tape tape, double[] data, int rows, int cols) {
        requireLength(data.length, rows, cols, "values");
        return copied(tape, Op.V_CONST, data, 0, rows, cols);
    }

    /**
     * Records a constant matrix from {@code rows × cols} values of {@code data} at {@code offset}.
     * @param tape the tape to record on
     * @param data the values; not modified (copied)
     * @param offset the first value
     * @param rows the number of rows
     * @param cols the number of columns
     * @return the new matrix
     * @throws IllegalArgumentException if the values do not fit inside {@code data}
     */
    public static VarMatrix constant(Tape tape, double[] data, int offset, int rows, int cols) {
        return copied(tape, Op.V_CONST, data, offset, rows, cols);
    }

    /**
     * A matrix of scalar variables, row-major: one entry whose adjoints flow back to each
     * {@code Var}.
     *
     * @param tape the tape of the elements
     * @param elements {@code rows × cols} variables of {@code tape}; not modified
     * @param rows the number of rows
     * @param cols the number of columns
     * @return the new matrix
     * @throws IllegalArgumentException if {@code elements.length != rows * cols}
     * @throws IllegalStateException if an element belongs to another tape or is stale
     */
    public static VarMatrix of(Tape tape, Var[] elements, int rows, int cols) {
        requireLength(elements.length, rows, cols, "elements");
        Var.indices(tape, elements);
        Arena m = tape.arena;
        int j = m.add(Op.V_STACK, rows, cols, -1, -1, -1, 0, elements.length, elements.length);
        int k = tape.start[m.entry[j]];
        for (int i = 0; i < elements.length; i++) {
            tape.arg[k + i] = elements[i].index;
        }
        VectorRules.STACK.compute(m, j, false);
        return new VarMatrix(tape, j, tape.generation);
    }

    private static void requireLength(int length, int rows, int cols, String what) {
        if (rows < 0 || cols < 0 || (long) rows * cols != length) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix needs " + (long) rows * cols
                + " " + what + ", got " + length);
        }
    }

    private static VarMatrix copied(Tape tape, int code, double[] data, int offset, int rows, int cols) {
        if (rows < 0 || cols < 0 || offset < 0 || offset + (long) rows * cols > data.length) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix at offset " + offset
                + " does not fit inside an array of " + data.length + " values");
        }
        int j = tape.arena.add(code, rows, cols, -1, -1, -1, 0, rows * cols, 0);
        System.arraycopy(data, offset, tape.arena.value, tape.arena.off[j], rows * cols);
        return new VarMatrix(tape, j, tape.generation);
    }

    /**
     * The number of rows.
     * @return rows
     */
    public int rows() {
        check();
        return tape.arena.rows[node];
    }

    /**
     * The number of columns.
     * @return columns
     */
    public int cols() {
        check();
        return tape.arena.cols[node];
    }

    /**
     * The tape this matrix is recorded on.
     * @return the tape
     */
    public Tape tape() {
        return tape;
    }

    /**
     * The entry's index on the tape (as printed by {@link Tape#table()}).
     * @return the index
     */
    public int index() {
        return entry;
    }

    /**
     * The values, row by row (a copy).
     * @return {@code rows × cols} values
     */
    public double[] value() {
        read();
        Arena m = tape.arena;
        return Arrays.copyOfRange(m.value, m.off[node], m.off[node] + m.size(node));
    }

    /**
     * One value.
     * @param r the row
     * @param c the column
     * @return the value at {@code [r][c]}
     * @throws IndexOutOfBoundsException outside the matrix
     */
    public double value(int r, int c) {
        int f = flat(r, c);
        read();
        return tape.arena.value[f];
    }

    /**
     * The adjoints from the tape's last reverse sweep, row by row (a copy).
     * @return {@code rows × cols} adjoints
     * @throws IllegalStateException if no reverse sweep ran since this was recorded
     */
    public double[] adjoint() {
        double[] g = new double[tape.arena.size(node)];
        adjoint(g, 0);
        return g;
    }

    /**
     * Copies the adjoints from the tape's last reverse sweep into {@code out}, row by row.
     * @param out receives {@code rows × cols} adjoints from {@code offset}; modified
     * @param offset where to start in {@code out}
     * @throws IllegalStateException if no reverse sweep ran since this was recorded
     * @throws IndexOutOfBoundsException if {@code out} is too short
     */
    public void adjoint(double[] out, int offset) {
        check();
        Arena m = tape.arena;
        if (entry >= tape.adjointsValid) {
            throw new IllegalStateException("no reverse sweep has run on " + tape.id() + " since " + this
                + " was recorded");
        }
        System.arraycopy(m.adjoint, m.off[node], out, offset, m.size(node));
    }

    /**
     * The tangents from the tape's last tangent sweep, row by row (a copy).
     * @return {@code rows × cols} tangents
     * @throws IllegalStateException if no tangent sweep ran since this was recorded
     */
    public double[] tangent() {
        check();
        Arena m = tape.arena;
        if (entry >= tape.tangentsValid) {
            throw new IllegalStateException("no tangent sweep has run on " + tape.id() + " since " + this
                + " was recorded");
        }
        return Arrays.copyOfRange(m.tangent, m.off[node], m.off[node] + m.size(node));
    }

    // ---------------------------------------------------------------- layers

    /**
     * The affine layer {@code this·Wᵀ + b}: {@code (batch × in)·(out × in)ᵀ + (1 × out)}.
     * @param w the weights, {@code out × in}
     * @param b the bias, {@code 1 × out}, or {@code null} for none
     * @return {@code batch × out}
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public VarMatrix affine(VarMatrix w, VarMatrix b) {
        check(w);
        if (b != null) {
            check(b);
        }
        Arena m = tape.arena;
        int batch = m.rows[node];
        int in = m.cols[node];
        int out = m.rows[w.node];
        if (m.cols[w.node] != in || (b != null && (m.rows[b.node] != 1 || m.cols[b.node] != out))) {
            throw new IllegalArgumentException("affine: x is " + shape(node) + " and W is " + shape(w.node)
                + (b == null ? "" : " and b is " + shape(b.node)) + ": expected x batch×in, W out×in"
                + (b == null ? "" : ", b 1×out") + " (y = x·Wᵀ + b)");
        }
        int n = Sizes.count("affine", batch, out, 1);
        return record(Op.V_AFFINE, batch, out, w.node, b == null ? -1 : b.node, 0, n);
    }

    /**
     * The product {@code this·Wᵀ}, an affine layer without bias.
     * @param w {@code out × in}
     * @return {@code batch × out}
     */
    public VarMatrix affine(VarMatrix w) {
        return affine(w, null);
    }

    /**
     * Elementwise sum; either operand may be a {@code 1 × cols} row, added to every row.
     * @param o the other operand
     * @return the sum
     */
    public VarMatrix add(VarMatrix o) {
        return elementwise(Op.V_ADD, o, "add");
    }

    /**
     * Elementwise difference; either operand may be a {@code 1 × cols} row, broadcast.
     * @param o the other operand
     * @return the difference
     */
    public VarMatrix subtract(VarMatrix o) {
        return elementwise(Op.V_SUB, o, "subtract");
    }

    /**
     * Elementwise (Hadamard) product; either operand may be a {@code 1 × cols} row, broadcast.
     * @param o the other operand
     * @return the product
     */
    public VarMatrix multiply(VarMatrix o) {
        return elementwise(Op.V_MUL, o, "multiply");
    }

    /**
     * Every element times a constant, {@code x * c} as plain code computes it.
     * @param c the factor
     * @return the scaled matrix
     */
    public VarMatrix multiply(double c) {
        return withConstant(Op.V_SCALE, c);
    }

    /**
     * Every element plus a constant, {@code x + c} as plain code computes it.
     * @param c the term
     * @return the shifted matrix
     */
    public VarMatrix add(double c) {
        return withConstant(Op.V_SHIFT, c);
    }

    /**
     * Every element minus a constant, {@code x - c} as plain code computes it (recorded as
     * {@code x + (-c)}, which IEEE arithmetic defines to be the same number).
     *
     * @param c the term to subtract
     * @return the shifted matrix
     */
    public VarMatrix subtract(double c) {
        return withConstant(Op.V_SHIFT, -c);
    }

    /**
     * Elementwise {@code -x}.
     * @return the negated matrix
     */
    public VarMatrix negate() { return apply(Elementary.NEGATE); }

    /**
     * Elementwise {@code tanh}.
     * @return {@code tanh} of each element
     */
    public VarMatrix tanh() { return apply(Elementary.TANH); }

    /**
     * Elementwise logistic function.
     * @return {@code σ} of each element
     */
    public VarMatrix sigmoid() { return apply(Elementary.SIGMOID); }

    /**
     * Elementwise {@code max(0, x)} (derivative 0 at 0); replay checks each element's branch.
     * @return {@code relu} of each element
     */
    public VarMatrix relu() { return apply(Elementary.RELU); }

    /**
     * Elementwise {@code exp}.
     * @return {@code exp} of each element
     */
    public VarMatrix exp() { return apply(Elementary.EXP); }

    /**
     * Elementwise {@code log}.
     * @return {@code log} of each element
     */
    public VarMatrix log() { return apply(Elementary.LOG); }

    /**
     * Elementwise square {@code x * x}.
     * @return the square of each element
     */
    public VarMatrix square() { return apply(Elementary.SQUARE); }

    /**
     * Any function of the rule table, elementwise: one entry, partials kept per element.
     * @param e the function
     * @return {@code e} of each element
     */
    public VarMatrix apply(Elementary e) {
        check();
        int n = Sizes.count(e.label(), rows(), cols(), e.piecewise() ? 3 : 2);
        return record(Op.V_UNARY, rows(), cols(), -1, -1, e.ordinal(), n);
    }

    // ---------------------------------------------------------------- reductions and losses

    /**
     * The sum of all elements, in index order.
     * @return a scalar on the same tape
     */
    public Var sum() {
        check();
        return scalar(Op.V_SUM, -1, 0, 0);
    }

    /**
     * The mean of all elements.
     * @return a scalar on the same tape
     */
    public Var mean() {
        check();
        return scalar(Op.V_MEAN, -1, 0, 0);
    }

    /**
     * {@code Σ this[i] o[i]} over matrices of the same shape.
     * @param o the other factor
     * @return a scalar on the same tape
     */
    public Var dot(VarMatrix o) {
        sameShape(o, "dot");
        return scalar(Op.V_DOT, o.node, 0, 0);
    }

    /**
     * The mean over the rows of the softmax cross-entropy of logits {@code this}
     * ({@code batch × classes}) with integer labels (see {@link LossRules#softmaxCrossEntropy}).
     *
     * @param labels one class per row, in {@code [0, classes)}; not modified (copied)
     * @return the loss, a scalar on the same tape
     * @throws IllegalArgumentException if there is not one label per row, or one is out of range
     */
    public Var softmaxCrossEntropy(int[] labels) {
        check();
        Arena m = tape.arena;
        int batch = m.rows[node];
        int classes = m.cols[node];
        if (labels.length != batch) {
            throw new IllegalArgumentException("softmaxCrossEntropy: " + labels.length + " labels for "
                + shape(node) + " logits: expected one per row (" + batch + ")");
        }
        for (int r = 0; r < batch; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("softmaxCrossEntropy: label " + labels[r] + " of row " + r
                    + " is outside [0, " + classes + ")");
            }
        }
        return scalar(Op.V_SOFTMAX_CE, -1, m.store(labels), batch * classes);
    }

    /**
     * The mean squared error {@code mean((this - target)²)} over matrices of the same shape.
     * @param target the target (a constant, or differentiable too)
     * @return the loss, a scalar on the same tape
     */
    public Var meanSquaredError(VarMatrix target) {
        sameShape(target, "meanSquaredError");
        return scalar(Op.V_MSE, target.node, 0, 0);
    }

    /**
     * The mean binary cross-entropy of logits {@code this} against {@code targets} of the same
     * shape (see {@link LossRules#binaryCrossEntropyWithLogits}).
     *
     * @param targets the targets, normally in [0, 1]
     * @return the loss, a scalar on the same tape
     */
    public Var binaryCrossEntropyWithLogits(VarMatrix targets) {
        sameShape(targets, "binaryCrossEntropyWithLogits");
        return scalar(Op.V_BCE_LOGITS, targets.node, 0, 0);
    }

    /**
     * One element, as a scalar on the same tape.
     * @param r the row
     * @param c the column
     * @return the element
     * @throws IndexOutOfBoundsException outside the matrix
     */
    public Var get(int r, int c) {
        int f = flat(r, c) - tape.arena.off[node];
        return scalar(Op.V_ELEMENT, -1, f, 0);
    }

    /**
     * A {@code rows × cols} matrix aliasing this one's elements from {@code offset} (row-major):
     * no copy, and adjoints flow back into this matrix's.
     *
     * @param offset the first element
     * @param rows the view's rows
     * @param cols the view's columns
     * @return the view
     * @throws IllegalArgumentException if the view does not fit inside this matrix
     */
    public VarMatrix view(int offset, int rows, int cols) {
        check();
        Arena m = tape.arena;
        if (offset < 0 || rows < 0 || cols < 0 || offset + (long) rows * cols > m.size(node)) {
            throw new IllegalArgumentException("view of " + rows + "×" + cols + " at element " + offset
                + " does not fit inside " + shape(node) + " (" + m.size(node) + " elements)");
        }
        int j = m.add(Op.V_VIEW, rows, cols, node, -1, -1, offset, 0, 0);
        m.off[j] = m.off[node] + offset;
        return new VarMatrix(tape, j, generation);
    }

    // ---------------------------------------------------------------- plumbing

    private VarMatrix elementwise(int code, VarMatrix o, String name) {
        check(o);
        int rows = tape.arena.broadcastRows(node, o.node, name);
        return record(code, rows, cols(), o.node, -1, 0, rows * cols());
    }

    private VarMatrix record(int code, int rows, int cols, int b, int c, int aux, int region) {
        return new VarMatrix(tape, tape.arena.record(code, node, rows, cols, b, c, aux, region), generation);
    }

    /** A scale or shift node: values, then the constant (read by the rules and the printer). */
    private VarMatrix withConstant(int code, double constant) {
        check();
        return new VarMatrix(tape, tape.arena.recordWithConstant(code, node, constant), generation);
    }

    private Var scalar(int code, int b, int aux, int region) {
        Arena m = tape.arena;
        return tape.var(m.entry[m.record(code, node, m.rows[node], m.cols[node], b, -1, aux, region)]);
    }

    private void sameShape(VarMatrix o, String name) {
        check(o);
        tape.arena.requireSameShape(node, o.node, name);
    }

    private int flat(int r, int c) {
        check();
        return tape.arena.flat(node, r, c);
    }

    private String shape(int j) {
        return tape.arena.shape(j);
    }

    /** Checks, and notes that user code read this matrix's values while recording (see {@link Replay}). */
    private void read() {
        check();
        if (!tape.replayed && tape.firstValueRead < 0) {
            tape.firstValueRead = entry;
        }
    }

    void check() {
        if (generation != tape.generation) {
            throw tape.stale(describe(), generation);
        }
    }

    private void check(VarMatrix o) {
        check();
        if (o.tape != tape) {
            throw new IllegalStateException("cannot combine " + describe() + " with " + o.describe()
                + ": both operands must be recorded on the same tape");
        }
        o.check();
    }

    String describe() {
        return "VarMatrix #" + entry + " of " + tape.id() + " (generation " + generation + ")";
    }

    /**
     * The entry and its shape, or that it is stale.
     * @return for example {@code "VarMatrix #4 (32×10)"}
     */
    @Override
    public String toString() {
        return generation == tape.generation ? "VarMatrix #" + entry + " (" + shape(node) + ")"
            : describe() + " (stale)";
    }
}
