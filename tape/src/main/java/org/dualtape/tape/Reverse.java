package org.dualtape.tape;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.dualtape.dual.ValueAndGradient;
import org.dualtape.dual.ValueAndJacobian;

/**
 * Reverse-mode automatic differentiation of functions written on {@link Var}: each call records
 * the function once on a {@link Tape} and runs reverse sweeps over the recording.
 *
 * <h2>Cost</h2>
 * A gradient is one recording and one reverse sweep, a small constant times one evaluation of
 * the function whatever the number of inputs; {@code vjp} is the same; a Jacobian of {@code m}
 * outputs is one recording and {@code m} sweeps; {@code jvp} is one recording and one forward
 * tangent sweep over it. To evaluate the same function at many points without running it again,
 * {@link #record} it once and use the {@link Replay}.
 *
 * <h2>Tapes, threads and memory</h2>
 * Each thread reuses one tape for these calls (a thread-local cache, not a "current tape": every
 * {@code Var} knows its tape), so repeated calls allocate little; a call nested inside a function
 * being differentiated gets a fresh tape. The {@code Var}s given to the function are valid only
 * during the call: afterwards the tape is cleared and using them throws
 * {@link IllegalStateException}. Calls on separate threads never interfere. A thread keeps its
 * tape between calls only while the tape's arrays take at most {@link #RETAINED_BYTES}: after a
 * larger call the tape is dropped (the next call starts small), so one huge gradient does not pin
 * its memory to the thread. {@link #releaseTape()} drops the calling thread's tape at once.
 *
 * <h2>Bad input</h2>
 * A function returning {@code null}: {@link IllegalArgumentException}. A function returning a
 * {@code Var} of another tape (or a stale one): {@link IllegalStateException} naming both. Seeds
 * of the wrong length: {@link IllegalArgumentException} with both lengths.
 */
public final class Reverse {
    /** The most bytes of tape arrays ({@link Tape#capacityBytes()}) a thread keeps between calls: 64 MiB. */
    public static final long RETAINED_BYTES = 64L << 20;
    private static final ThreadLocal<Lease> TAPES = ThreadLocal.withInitial(Lease::new);

    private Reverse() {
    }

    /**
     * The derivative of a function of one variable.
     *
     * @param f the function
     * @param x the point
     * @return {@code f'(x)}
     */
    public static double derivative(UnaryOperator<Var> f, double x) {
        Objects.requireNonNull(f, "f");
        Tape tape = acquire();
        try {
            Var v = tape.variable(x);
            Var y = output(tape, f.apply(v), -1);
            tape.reverse(new int[] {y.index}, 0, 1, null, 1);
            return tape.adjoint[v.index];
        } finally {
            release(tape);
        }
    }

    /**
     * The gradient of a scalar function.
     *
     * @param f the function
     * @param x the point; not modified
     * @return {@code ∇f(x)}, one component per input
     */
    public static double[] gradient(Function<Var[], Var> f, double[] x) {
        double[] g = new double[x.length];
        valueAndGradient(f, x, g);
        return g;
    }

    /**
     * The value and the gradient of a scalar function from one recording.
     *
     * @param f the function
     * @param x the point; not modified
     * @return {@code f(x)} and {@code ∇f(x)}
     */
    public static ValueAndGradient valueAndGradient(Function<Var[], Var> f, double[] x) {
        double[] g = new double[x.length];
        return ValueAndGradient.of(valueAndGradient(f, x, g), g);
    }

    /**
     * The value of a scalar function, and its gradient into a caller's array, from one recording.
     *
     * @param f the function
     * @param x the point; not modified
     * @param gradient receives {@code ∇f(x)}, one component per input; modified
     * @return {@code f(x)}
     * @throws IllegalArgumentException if {@code gradient.length != x.length}
     */
    public static double valueAndGradient(Function<Var[], Var> f, double[] x, double[] gradient) {
        Objects.requireNonNull(f, "f");
        if (gradient.length != x.length) {
            throw new IllegalArgumentException("gradient has length " + gradient.length + " but x has length "
                + x.length);
        }
        Tape tape = acquire();
        try {
            Var[] v = tape.variables(x);
            Var y = output(tape, f.apply(v), -1);
            tape.reverse(new int[] {y.index}, 0, 1, null, x.length); // entries below x.length are the inputs
            System.arraycopy(tape.adjoint, 0, gradient, 0, x.length);
            return tape.value[y.index];
        } finally {
            release(tape);
        }
    }

    /**
     * The vector-Jacobian product {@code uᵀ·J} of a vector function, from one reverse sweep.
     *
     * @param f the function
     * @param x the point; not modified
     * @param u the seed, one component per output; not modified
     * @return {@code uᵀ·J}, one component per input
     * @throws IllegalArgumentException if {@code u.length} differs from the number of outputs
     */
    public static double[] vjp(Function<Var[], Var[]> f, double[] x, double[] u) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(u, "u");
        Tape tape = acquire();
        try {
            Var[] v = tape.variables(x);
            Var[] y = outputs(tape, f.apply(v));
            if (u.length != y.length) {
                throw new IllegalArgumentException("u has length " + u.length + " but the function returned "
                    + y.length + " outputs");
            }
            tape.reverse(Var.indices(tape, y), 0, y.length, u, x.length);
            double[] g = new double[x.length];
            System.arraycopy(tape.adjoint, 0, g, 0, x.length);
            return g;
        } finally {
            release(tape);
        }
    }

    /**
     * The Jacobian of a vector function: one recording, then one reverse sweep per output.
     *
     * @param f the function
     * @param x the point; not modified
     * @return {@code J[i][j] = ∂f_i/∂x_j}, {@code [outputs][inputs]}
     */
    public static double[][] jacobian(Function<Var[], Var[]> f, double[] x) {
        Objects.requireNonNull(f, "f");
        Tape tape = acquire();
        try {
            Var[] v = tape.variables(x);
            Var[] y = outputs(tape, f.apply(v));
            int[] out = Var.indices(tape, y);
            double[][] jacobian = new double[y.length][x.length];
            for (int r = 0; r < y.length; r++) {
                tape.reverse(out, r, r + 1, null, x.length);
                System.arraycopy(tape.adjoint, 0, jacobian[r], 0, x.length);
            }
            return jacobian;
        } finally {
            release(tape);
        }
    }

    /**
     * The values and the Jacobian of a vector function from one recording (then one reverse sweep
     * per output): no extra evaluation for the values.
     *
     * @param f the function
     * @param x the point; not modified
     * @return the m values, bitwise what plain {@code double} code computes, and
     *     {@code J[i][j] = ∂f_i/∂x_j} as {@code [m][n]}
     */
    public static ValueAndJacobian valueAndJacobian(Function<Var[], Var[]> f, double[] x) {
        Objects.requireNonNull(f, "f");
        Tape tape = acquire();
        try {
            Var[] y = outputs(tape, f.apply(tape.variables(x)));
            double[] values = new double[y.length];
            double[][] jacobian = new double[y.length][x.length];
            sweepRows(tape, y, values, jacobian, x.length);
            return new ValueAndJacobian(values, jacobian);
        } finally {
            release(tape);
        }
    }

    /**
     * The Jacobian of a vector function into the caller's rows: one recording, then one reverse
     * sweep per output.
     *
     * @param f the function; it must return {@code jacobian.length} outputs
     * @param x the point; not modified
     * @param jacobian receives {@code [m][n]}; its rows are modified, the outer array is not
     * @throws IllegalArgumentException if a row's length is not n, or f returns other than
     *     {@code jacobian.length} outputs
     * @see #valueAndJacobian(Function, double[], double[], double[][])
     */
    public static void jacobian(Function<Var[], Var[]> f, double[] x, double[][] jacobian) {
        valueAndJacobian(f, x, null, jacobian);
    }

    /**
     * The values and the Jacobian of a vector function from one recording, into the caller's
     * arrays.
     *
     * <h4>Allocation</h4>
     * Nothing for the results, and after the first calls on a thread nothing on the tape side (the
     * thread's tape keeps its arrays). What remains: the array of n {@link Var} inputs, one
     * {@code Var} (a small object naming an entry) per operation of f, the array f returns, and
     * the m entry numbers of its outputs.
     *
     * <h4>Bad input</h4>
     * Row lengths and {@code values.length} are checked before f is called, the number of outputs
     * after recording and before anything is written.
     *
     * @param f the function; it must return {@code jacobian.length} outputs
     * @param x the point; not modified
     * @param values receives the m values, or null if they are not wanted; modified
     * @param jacobian receives {@code [m][n]}; its rows are modified, the outer array is not
     * @throws IllegalArgumentException if an array has the wrong shape, or f returns other than
     *     {@code jacobian.length} outputs
     */
    public static void valueAndJacobian(Function<Var[], Var[]> f, double[] x, double[] values, double[][] jacobian) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(x, "x (the point) is null");
        Objects.requireNonNull(jacobian, "jacobian (the rows to fill) is null");
        if (values != null && values.length != jacobian.length) {
            throw new IllegalArgumentException("values has length " + values.length + " but jacobian has "
                + jacobian.length + " rows: both need one entry per output");
        }
        for (int r = 0; r < jacobian.length; r++) {
            if (jacobian[r] == null || jacobian[r].length != x.length) {
                throw new IllegalArgumentException("jacobian row " + r + " is " + (jacobian[r] == null ? "null"
                    : "of length " + jacobian[r].length) + " but x has length " + x.length
                    + ": a row needs one entry per input");
            }
        }
        Tape tape = acquire();
        try {
            Var[] y = outputs(tape, f.apply(tape.variables(x)));
            if (y.length != jacobian.length) {
                throw new IllegalArgumentException("the function returned " + y.length + " outputs but jacobian has "
                    + jacobian.length + " rows");
            }
            sweepRows(tape, y, values, jacobian, x.length);
        } finally {
            release(tape);
        }
    }

    /** Reads the values of {@code y} (if {@code values} is not null) and one reverse sweep per row. */
    private static void sweepRows(Tape tape, Var[] y, double[] values, double[][] jacobian, int n) {
        int[] out = Var.indices(tape, y);
        for (int r = 0; r < y.length; r++) {
            if (values != null) {
                values[r] = tape.value[out[r]];
            }
            tape.reverse(out, r, r + 1, null, n); // entries below n are the inputs
            System.arraycopy(tape.adjoint, 0, jacobian[r], 0, n);
        }
    }

    /**
     * The Jacobian-vector product {@code J·v}: one recording, then one forward tangent sweep over
     * the recorded tape (the function runs once; no dual numbers).
     *
     * @param f the function
     * @param x the point; not modified
     * @param v the seed, one component per input; not modified
     * @return {@code J·v}, one component per output
     * @throws IllegalArgumentException if {@code v.length != x.length}
     */
    public static double[] jvp(Function<Var[], Var[]> f, double[] x, double[] v) {
        Objects.requireNonNull(f, "f");
        if (v.length != x.length) {
            throw new IllegalArgumentException("v has length " + v.length + " but x has length " + x.length);
        }
        Tape tape = acquire();
        try {
            Var[] in = tape.variables(x);
            Var[] y = outputs(tape, f.apply(in));
            tape.forward(in, v);
            double[] jv = new double[y.length];
            for (int r = 0; r < y.length; r++) {
                jv[r] = tape.tangent[y[r].index];
            }
            return jv;
        } finally {
            release(tape);
        }
    }

    /**
     * The Hessian-vector product {@code H·v} of a scalar function, by forward-over-reverse: one
     * recording, one reverse sweep, one tangent sweep and one reverse sweep of the adjoints'
     * tangents over the recording, a small constant times one gradient whatever the number of
     * inputs. The second derivatives come from the rule table ({@code Elementary.d2f}) and the
     * binary operations' second partials; piecewise operations contribute 0, at their kinks too
     * (the second derivative of the piece the first-order convention picks).
     *
     * @param f the function
     * @param x the point; not modified
     * @param v the seed, one component per input; not modified
     * @return {@code H(x)·v}, one component per input
     * @throws IllegalArgumentException if {@code v.length != x.length}
     */
    public static double[] hvp(Function<Var[], Var> f, double[] x, double[] v) {
        Objects.requireNonNull(f, "f");
        if (v.length != x.length) {
            throw new IllegalArgumentException("v has length " + v.length + " but x has length " + x.length);
        }
        Tape tape = acquire();
        try {
            Var[] in = tape.variables(x);
            Var y = output(tape, f.apply(in), -1);
            SecondOrder second = new SecondOrder(tape);
            double[] hv = second.hvp(y.index, x.length, SecondOrder.firstEntries(x.length), v);
            second.release();
            return hv;
        } finally {
            release(tape);
        }
    }

    /**
     * The Hessian of a scalar function: one recording and one reverse sweep, then per input one
     * tangent sweep and one reverse sweep of the adjoints' tangents (the columns {@code H·e_j}, as
     * {@link #hvp}); {@code n} columns, so about {@code n} gradients' work. Symmetric by
     * construction: each pair of mirror entries is replaced by its mean (they differ by rounding).
     *
     * @param f the function
     * @param x the point; not modified
     * @return {@code H[i][j] = ∂²f/∂x_i∂x_j}, {@code [n][n]}
     */
    public static double[][] hessian(Function<Var[], Var> f, double[] x) {
        Objects.requireNonNull(f, "f");
        Tape tape = acquire();
        try {
            Var[] in = tape.variables(x);
            Var y = output(tape, f.apply(in), -1);
            SecondOrder second = new SecondOrder(tape);
            double[][] h = second.hessian(y.index, x.length, SecondOrder.firstEntries(x.length), x.length);
            second.release();
            return h;
        } finally {
            release(tape);
        }
    }

    /**
     * Records a scalar function once, for evaluation at many points by {@link Replay} without
     * running it again. The replay owns a fresh tape.
     *
     * @param f the function
     * @param x the point to record at; not modified
     * @return the replay, whose inputs are the {@code x.length} arguments
     */
    public static Replay record(Function<Var[], Var> f, double[] x) {
        Objects.requireNonNull(f, "f");
        Tape tape = new Tape();
        Var[] v = tape.variables(x);
        return Replay.of(output(tape, f.apply(v), -1), v);
    }

    /**
     * Records a vector function once, for evaluation at many points by {@link Replay} without
     * running it again ({@code jacobian}, {@code vjp}, {@code jvp}). The replay owns a fresh tape.
     *
     * @param f the function
     * @param x the point to record at; not modified
     * @return the replay, whose inputs are the {@code x.length} arguments
     */
    public static Replay recordVector(Function<Var[], Var[]> f, double[] x) {
        Objects.requireNonNull(f, "f");
        Tape tape = new Tape();
        Var[] v = tape.variables(x);
        return Replay.of(outputs(tape, f.apply(v)), v);
    }

    /**
     * The value and the gradient of a scalar function written on vector nodes: f receives the
     * point as one {@code 1 × n} {@link VarMatrix} and works on whole vectors (views, elementwise
     * operations, sums), so the tape holds a few entries however large n is. One recording and one
     * reverse sweep, as {@link #valueAndGradient}.
     *
     * @param f the function
     * @param x the point; not modified
     * @return {@code f(x)} and {@code ∇f(x)}, one component per element of {@code x}
     */
    public static ValueAndGradient matrixValueAndGradient(Function<VarMatrix, Var> f, double[] x) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(x, "x (the point) is null");
        Tape tape = acquire();
        try {
            VarMatrix v = VarMatrix.variable(tape, x, 1, x.length);
            Var y = output(tape, f.apply(v), -1);
            tape.reverse(new int[] {y.index}, 0, 1, null, 0);
            return ValueAndGradient.of(tape.value[y.index], v.adjoint());
        } finally {
            release(tape);
        }
    }

    /**
     * The gradient of a scalar function written on vector nodes (see
     * {@link #matrixValueAndGradient}).
     *
     * @param f the function
     * @param x the point; not modified
     * @return {@code ∇f(x)}
     */
    public static double[] matrixGradient(Function<VarMatrix, Var> f, double[] x) {
        return matrixValueAndGradient(f, x).gradient();
    }

    /**
     * Records a scalar function written on vector nodes once (the point arrives as one
     * {@code 1 × n} {@link VarMatrix}), for evaluation at many points by {@link Replay}. The
     * replay owns a fresh tape; its inputs are the n elements of the point.
     *
     * @param f the function
     * @param x the point to record at; not modified
     * @return the replay
     */
    public static Replay recordMatrix(Function<VarMatrix, Var> f, double[] x) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(x, "x (the point) is null");
        Tape tape = new Tape();
        VarMatrix v = VarMatrix.variable(tape, x, 1, x.length);
        return Replay.of(output(tape, f.apply(v), -1), v);
    }

    /** Checks one output of a function recorded on {@code tape}; {@code i} is its index or -1. */
    static Var output(Tape tape, Var y, int i) {
        if (y == null) {
            throw new IllegalArgumentException("the function returned null" + (i < 0 ? "" : " as output " + i)
                + "; it must return a Var computed on the tape of its arguments (" + tape.id() + ")");
        }
        if (y.tape != tape) {
            throw new IllegalStateException("the function returned " + y.describe() + (i < 0 ? "" : " as output "
                + i) + ", but its arguments are on " + tape.id());
        }
        y.checkOn(tape);
        return y;
    }

    /** Checks the outputs of a vector function recorded on {@code tape}. */
    static Var[] outputs(Tape tape, Var[] y) {
        if (y == null) {
            throw new IllegalArgumentException("the function returned null; it must return an array of Vars");
        }
        for (int i = 0; i < y.length; i++) {
            output(tape, y[i], i);
        }
        return y;
    }

    private static Tape acquire() {
        Lease lease = TAPES.get();
        if (lease.inUse) {
            return new Tape(); // a nested call: the thread's tape is busy recording the outer function
        }
        lease.inUse = true;
        lease.tape.clear();
        return lease.tape;
    }

    private static void release(Tape tape) {
        tape.clear(); // the caller's Vars go stale now, not at some later call
        Lease lease = TAPES.get();
        if (lease.tape == tape) {
            lease.inUse = false;
            if (tape.capacityBytes() > RETAINED_BYTES) {
                lease.tape = new Tape();
            }
        }
    }

    /**
     * Drops the tape the calling thread keeps for these calls (a small one is made at the next
     * call), for a thread about to idle in a pool after large gradients. Does nothing while a call
     * on this thread is recording.
     */
    public static void releaseTape() {
        Lease lease = TAPES.get();
        if (!lease.inUse) {
            TAPES.remove();
        }
    }

    /** The bytes the calling thread's cached tape holds (for tests of the bound). */
    static long retainedBytes() {
        return TAPES.get().tape.capacityBytes();
    }

    /** A thread's reusable tape and whether a call is using it. */
    private static final class Lease {
        Tape tape = new Tape();
        boolean inUse;
    }
}
