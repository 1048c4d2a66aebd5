package org.dualtape.tape;

import java.util.Arrays;

/**
 * A recorded function re-evaluated at new inputs from its tape alone, without running user
 * code: the value, the gradient, {@code uᵀ·J}, the Jacobian and {@code J·v} at each new point.
 *
 * <h2>Construction</h2>
 * {@link Reverse#record}, {@link Reverse#recordVector}, or {@link #of} on a tape the caller
 * recorded (inputs may be scalar {@link Var}s or matrix inputs made by
 * {@link VarMatrix#variable}; the flat input array lists them in the given order, matrices row by
 * row).
 *
 * <h2>Branches</h2>
 * Replay re-evaluates the recorded entries in order, with the same rules as the recording, so at
 * the recorded point it reproduces the recording bitwise. Entries whose value depends on a branch
 * (abs, floor, ceil, rint, signum, relu, round, copySign, remainder, min, max, compareTo, and
 * piecewise functions applied to matrices) keep the branch taken; when the new point takes
 * another, the methods that return results throw {@link BranchChangeException} naming the first
 * such entry, and {@link #evaluate(double[])} returns its index.
 *
 * <h2>Values read by user code</h2>
 * A branch in user code on {@link Var#getReal()} or {@link Var#value()} is invisible to the tape,
 * so a replay elsewhere would silently repeat the recorded path. The tape notes such reads while
 * recording, and a replay of it at any point other than the recorded one throws
 * {@link IllegalStateException} naming the entry read, unless the caller vouches that the reads
 * steer no branch ({@link #allowValueReads()}: a log-sum-exp shift, a print). Compare with
 * {@link Var#compareTo} when a replay should follow the branch.
 *
 * <h2>State, threads and allocation</h2>
 * A replay writes the new values into the tape (so {@link Var#value()} of recorded entries reads
 * them). It re-evaluates every entry recorded before the replay was created, including guards
 * recorded after the outputs; entries recorded later keep stale values. Each method holds the
 * tape's lock while it runs, so replays of one tape used from several threads take turns and each
 * gets its own correct answer (for throughput, record one replay per thread). After warm-up,
 * {@link #evaluate}, {@link #valueAndGradient(double[], double[])} and
 * {@link #vjp(double[], double[], double[])} allocate nothing (except the temporary Commons Math's
 * array {@code linearCombination} makes). {@link Tape#clear()} invalidates it.
 */
public final class Replay {
    private final Tape tape;
    private final long generation;
    private final int[] inputs;
    private final int[] outputs;
    private final int last;
    private final int end;
    private final int width;
    /** The first entry that is not a scalar input or constant: the sweeps stop there. */
    private final int first;
    /** The recorded point, and the first entry user code read while recording (-1: none, or allowed). */
    private final double[] recorded;
    private final int valueRead;
    /** The generated code, or null for interpreted replay. */
    private final Compiled compiled;
    /** Why {@link #compile()} left this replay interpreted, or null. */
    private final String interpreted;
    /** The second-order workspace, made by the first {@link #hvp} or {@link #hessian}. */
    private SecondOrder secondOrder;

    Replay(Tape tape, int[] inputs, int[] outputs) {
        this.compiled = null;
        this.interpreted = null;
        this.valueRead = tape.firstValueRead;
        this.tape = tape;
        this.generation = tape.generation;
        this.inputs = inputs;
        this.outputs = outputs;
        int l = -1;
        for (int y : outputs) {
            l = Math.max(l, y);
        }
        this.last = l;
        this.end = tape.size;
        int w = 0;
        for (int x : inputs) {
            w += tape.replayer.inputWidth(x);
        }
        this.width = w;
        int f = 0;
        while (f < end && (tape.op[f] == Op.INPUT || tape.op[f] == Op.CONST)) {
            f++;
        }
        this.first = f;
        this.recorded = new double[w];
        int at = 0;
        for (int e : inputs) {
            at = tape.replayer.readInput(e, recorded, at);
        }
    }

    /**
     * The same replay, compiled ({@code how} a {@link Compiled}), left interpreted ({@code how} the
     * reason), or (a {@link Boolean}) with value reads allowed.
     */
    private Replay(Replay r, Object how) {
        this.tape = r.tape;
        this.generation = r.generation;
        this.inputs = r.inputs;
        this.outputs = r.outputs;
        this.last = r.last;
        this.end = r.end;
        this.width = r.width;
        this.first = r.first;
        this.recorded = r.recorded;
        this.valueRead = how instanceof Boolean ? -1 : r.valueRead;
        this.compiled = how instanceof Compiled c ? c : how instanceof Boolean ? r.compiled : null;
        this.interpreted = how instanceof String why ? why : how instanceof Boolean ? r.interpreted : null;
    }

    /**
     * Prepares to re-evaluate a recording at new inputs.
     * @param output the output to evaluate and differentiate
     * @param inputs the inputs whose values a replay replaces, in the order of its flat input array
     *     (each must be a {@link Tape#variable}); not modified
     * @return the replay
     * @throws IllegalArgumentException if an input is not a variable of the output's tape, or is listed twice
     * @throws IllegalStateException if a {@code Var} belongs to another tape or is stale
     */
    public static Replay of(Var output, Var... inputs) {
        return of(new Var[] {output}, inputs);
    }

    /**
     * Prepares to re-evaluate a recording at new inputs, with several outputs.
     * @param outputs the outputs, at least one; not modified
     * @param inputs the inputs whose values a replay replaces (each must be a {@link Tape#variable});
     *     not modified
     * @return the replay
     * @throws IllegalArgumentException if there is no output, or an input is not a variable of the
     *     outputs' tape, or is listed twice
     * @throws IllegalStateException if a {@code Var} belongs to another tape or is stale
     */
    public static Replay of(Var[] outputs, Var[] inputs) {
        Tape t = tapeOf(outputs);
        int[] in = new int[inputs.length];
        for (int j = 0; j < inputs.length; j++) {
            if (inputs[j] == null) {
                throw new IllegalArgumentException("input " + j + " is null");
            }
            inputs[j].checkOn(t);
            in[j] = inputs[j].index;
        }
        return t.replayer.prepare(outputs, in);
    }

    /**
     * Prepares to re-evaluate a recording at new matrix inputs. The flat input array of the replay
     * lists the matrices' values in order, each row by row.
     *
     * @param output the output to evaluate and differentiate
     * @param inputs the matrices whose values a replay replaces (each made by
     *     {@link VarMatrix#variable}); not modified
     * @return the replay
     * @throws IllegalArgumentException if an input is not a matrix input of the output's tape, or is listed twice
     * @throws IllegalStateException if an argument belongs to another tape or is stale
     */
    public static Replay of(Var output, VarMatrix... inputs) {
        Var[] outputs = {output};
        Tape t = tapeOf(outputs);
        int[] in = new int[inputs.length];
        for (int j = 0; j < inputs.length; j++) {
            VarMatrix x = inputs[j];
            if (x == null) {
                throw new IllegalArgumentException("input " + j + " is null");
            }
            if (x.tape != t) {
                throw new IllegalStateException(x.describe() + " is not on " + t);
            }
            x.check();
            in[j] = x.entry;
        }
        return t.replayer.prepare(outputs, in);
    }

    private static Tape tapeOf(Var[] outputs) {
        if (outputs.length == 0 || outputs[0] == null) {
            throw new IllegalArgumentException(outputs.length == 0 ? "a replay needs at least one output"
                : "output 0 is null");
        }
        return outputs[0].tape;
    }

    /**
     * This replay, allowed to run at any point although user code read values while recording:
     * for reads the caller knows steer no branch (a log-sum-exp shift, a debugging print). A
     * branch on such a read is then silently repeated as recorded.
     *
     * @return a replay of the same recording without the check; this one is unchanged
     */
    public Replay allowValueReads() {
        return new Replay(this, Boolean.TRUE);
    }

    /**
     * A replay of the same recording whose evaluations run JVM code generated from the tape: the
     * same methods with the same contracts and results (values and gradients bitwise equal to this
     * replay's; a Jacobian that {@link #toString()} says is computed by forward tangents equal to
     * rounding), branch changes reported by the same {@link BranchChangeException}. It may be used
     * from many threads at once (each has its own workspace) and does not write values into the
     * tape; {@link #evaluate(double[])} still re-evaluates the tape by interpretation. A tape that
     * compiled code does not handle (vector nodes, array-form linear combinations, more than two
     * million entries) gives an interpreted replay whose {@link #explain()} says why.
     *
     * <p>Generating the code takes about 10 ms per thousand entries (see {@code jmh/RESULTS.md});
     * the values program and the gradient (one output) or Jacobian (several) are generated here,
     * {@code vjp} and {@code jvp} on first use.
     *
     * @return the compiled replay (this replay if it is already compiled)
     * @throws IllegalStateException if the tape was cleared since recording
     */
    public Replay compile() {
        checkLive();
        if (compiled != null) {
            return this;
        }
        return new Replay(this, Compiled.compile(tape, inputs, outputs, end, Generator.BUDGET, null));
    }

    /**
     * {@link #compile()} with another method size or a given way to the Jacobian, for measuring
     * and testing them.
     *
     * @param forwardJacobian true for forward tangents, false for reverse sweeps, null to count
     */
    Replay compile(int budget, Boolean forwardJacobian) {
        checkLive();
        return new Replay(this, Compiled.compile(tape, inputs, outputs, end, budget, forwardJacobian));
    }

    /**
     * Whether evaluations run generated code.
     * @return true for a replay returned by {@link #compile()} that compiled
     */
    public boolean isCompiled() {
        return compiled != null;
    }

    /**
     * How this replay evaluates: for compiled code its methods, their sizes, its workspace, how the
     * Jacobian is computed and the time generation took; otherwise why it is interpreted.
     *
     * @return a few lines of text
     */
    public String explain() {
        if (compiled != null) {
            return compiled.explain();
        }
        return interpreted != null ? "interpreted: " + interpreted + "\n"
            : "interpreted: the tape's entries are re-evaluated one by one (compile() generates code)\n";
    }

    /**
     * The generated code in Java syntax, with comments naming the entries as {@link Tape#table()}
     * numbers them: for one output the gradient (the forward sweep of values and partials, then the
     * reverse sweep of adjoints), for several the Jacobian.
     *
     * @return the source of the program the bytecode runs
     * @throws IllegalStateException if this replay is not compiled
     */
    public String source() {
        if (compiled == null) {
            throw new IllegalStateException("this replay is interpreted; source() shows the code of a compiled one ("
                + explain().trim() + ")");
        }
        return compiled.source(outputs.length == 1 ? Compiled.Kind.GRADIENT : Compiled.Kind.JACOBIAN);
    }

    /** The generated programs, or null. */
    Compiled compiled() {
        return compiled;
    }

    /** The generated code of one program, for tests and the course. */
    String source(Compiled.Kind kind) {
        return compiled.source(kind);
    }

    /**
     * The length of the flat input array.
     * @return the number of scalar inputs
     */
    public int inputCount() {
        return width;
    }

    /**
     * The number of outputs.
     * @return the output count
     */
    public int outputCount() {
        return outputs.length;
    }

    /**
     * The tape being replayed.
     * @return the tape
     */
    public Tape tape() {
        return tape;
    }

    /**
     * Re-evaluates the tape at {@code x} and reports, instead of throwing, whether a branch
     * changed: the result-flag form of replay.
     *
     * @param x the new inputs; not modified
     * @return -1 if every piecewise entry stayed on its recorded piece, else the first entry that
     *     did not (the tape then holds the values at {@code x}, which follow the recorded path)
     * @throws IllegalArgumentException if {@code x.length != inputCount()}
     * @throws IllegalStateException if the tape was cleared since recording
     */
    public int evaluate(double[] x) {
        synchronized (tape) {
            return run(x);
        }
    }

    /** Sets the inputs and re-evaluates the tape; the caller holds the tape's lock. */
    private int run(double[] x) {
        checkInput(x);
        int at = 0;
        for (int e : inputs) {
            at = tape.replayer.setInput(e, x, at);
        }
        return tape.replayer.run(end - 1);
    }

    /**
     * The outputs at {@code x}.
     * @param x the new inputs; not modified
     * @return the output values
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     */
    public double[] values(double[] x) {
        double[] y = new double[outputs.length];
        values(x, y);
        return y;
    }

    /**
     * The outputs at {@code x}, into the caller's array, with no allocation.
     * @param x the new inputs; not modified
     * @param y receives the output values; modified
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     * @throws IllegalArgumentException if {@code x.length != inputCount()} or {@code y.length != outputCount()}
     */
    public void values(double[] x, double[] y) {
        checkLength("y", y.length, outputs.length);
        if (compiled != null) {
            checkInput(x);
            compiled.values(x, y);
            return;
        }
        synchronized (tape) {
            strict(x);
            for (int r = 0; r < y.length; r++) {
                y[r] = tape.value[outputs[r]];
            }
        }
    }

    /**
     * The value of the (single) output at {@code x}.
     * @param x the new inputs; not modified
     * @return the value
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     * @throws IllegalStateException if there is not exactly one output
     */
    public double value(double[] x) {
        single();
        if (compiled != null) {
            checkInput(x);
            return compiled.value(x);
        }
        synchronized (tape) {
            strict(x);
            return tape.value[outputs[0]];
        }
    }

    /**
     * The gradient of the (single) output at {@code x}.
     * @param x the new inputs; not modified
     * @return the gradient, one component per input
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     */
    public double[] gradient(double[] x) {
        double[] g = new double[width];
        valueAndGradient(x, g);
        return g;
    }

    /**
     * The gradient of the (single) output at {@code x}, into the caller's array, with no allocation.
     * @param x the new inputs; not modified
     * @param g receives the gradient; modified
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     * @throws IllegalArgumentException if a length is wrong
     */
    public void gradient(double[] x, double[] g) {
        valueAndGradient(x, g);
    }

    /**
     * The value and gradient of the (single) output at {@code x}, with no allocation.
     * @param x the new inputs; not modified
     * @param gradient receives the gradient; modified
     * @return the value
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     * @throws IllegalArgumentException if {@code gradient.length != inputCount()}
     */
    public double valueAndGradient(double[] x, double[] gradient) {
        single();
        checkLength("gradient", gradient.length, width);
        if (compiled != null) {
            checkInput(x);
            return compiled.valueAndGradient(x, gradient);
        }
        synchronized (tape) {
            strict(x);
            tape.reverse(outputs, 0, 1, null, first);
            readAdjoints(gradient);
            return tape.value[outputs[0]];
        }
    }

    /**
     * {@code uᵀ·J} at {@code x}.
     * @param x the new inputs; not modified
     * @param u the seed, one per output; not modified
     * @return {@code uᵀ·J}, one component per input
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     */
    public double[] vjp(double[] x, double[] u) {
        double[] g = new double[width];
        vjp(x, u, g);
        return g;
    }

    /**
     * {@code uᵀ·J} at {@code x}, with no allocation.
     * @param x the new inputs; not modified
     * @param u the seed, one per output; not modified
     * @param result receives {@code uᵀ·J}; modified
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     * @throws IllegalArgumentException if a length is wrong
     */
    public void vjp(double[] x, double[] u, double[] result) {
        checkLength("u", u.length, outputs.length);
        checkLength("result", result.length, width);
        if (compiled != null) {
            checkInput(x);
            compiled.vjp(x, u, result);
            return;
        }
        synchronized (tape) {
            strict(x);
            tape.reverse(outputs, 0, outputs.length, u, first);
            readAdjoints(result);
        }
    }

    /**
     * The Jacobian at {@code x}: one replay, then one reverse sweep per output.
     * @param x the new inputs; not modified
     * @return {@code [outputs][inputs]}
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     */
    public double[][] jacobian(double[] x) {
        double[][] j = new double[outputs.length][width];
        valueAndJacobian(x, null, j);
        return j;
    }

    /**
     * The Jacobian at {@code x}, into the caller's rows, with no allocation.
     * @param x the new inputs; not modified
     * @param jacobian receives {@code [outputs][inputs]}; its rows are modified
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     * @throws IllegalArgumentException if {@code x} or {@code jacobian} has the wrong shape
     */
    public void jacobian(double[] x, double[][] jacobian) {
        valueAndJacobian(x, null, jacobian);
    }

    /**
     * The outputs and the Jacobian at {@code x}, into the caller's arrays, with no allocation.
     * @param x the new inputs; not modified
     * @param y receives the output values, or {@code null} if they are not wanted; modified
     * @param jacobian receives {@code [outputs][inputs]}; its rows are modified
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     * @throws IllegalArgumentException if an array has the wrong shape
     */
    public void valueAndJacobian(double[] x, double[] y, double[][] jacobian) {
        if (y != null) {
            checkLength("y", y.length, outputs.length);
        }
        checkLength("jacobian", jacobian.length, outputs.length);
        for (int r = 0; r < jacobian.length; r++) {
            checkLength("jacobian[" + r + "]", jacobian[r].length, width);
        }
        if (compiled != null) {
            checkInput(x);
            compiled.jacobian(x, y, jacobian);
            return;
        }
        synchronized (tape) {
            strict(x);
            for (int r = 0; r < outputs.length; r++) {
                if (y != null) {
                    y[r] = tape.value[outputs[r]];
                }
                tape.reverse(outputs, r, r + 1, null, first);
                readAdjoints(jacobian[r]);
            }
        }
    }

    /**
     * {@code J·v} at {@code x}: one replay, then one forward tangent sweep.
     * @param x the new inputs; not modified
     * @param v the seed, one per input; not modified
     * @return {@code J·v}, one component per output
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     */
    public double[] jvp(double[] x, double[] v) {
        double[] jv = new double[outputs.length];
        jvp(x, v, jv);
        return jv;
    }

    /**
     * {@code J·v} at {@code x}, into the caller's array, with no allocation.
     * @param x the new inputs; not modified
     * @param v the direction, one per input; not modified
     * @param result receives {@code J·v}, one per output; modified
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     * @throws IllegalArgumentException if a length is wrong
     */
    public void jvp(double[] x, double[] v, double[] result) {
        checkLength("v", v.length, width);
        checkLength("result", result.length, outputs.length);
        if (compiled != null) {
            checkInput(x);
            compiled.jvp(x, v, result);
            return;
        }
        synchronized (tape) {
            strict(x);
            tape.clearTangents();
            int at = 0;
            for (int e : inputs) {
                at = tape.replayer.seedTangent(e, v, at);
            }
            tape.sweepForward(last);
            for (int r = 0; r < outputs.length; r++) {
                result[r] = tape.tangent[outputs[r]];
            }
        }
    }

    /**
     * Throws unless the tape is live, {@code x} has one value per input, and (if user code read
     * values while recording) {@code x} is the recorded point or reads are allowed.
     */
    private void checkInput(double[] x) {
        checkLive();
        if (x.length != width) {
            throw new IllegalArgumentException("the replay has " + width + " inputs but x has length " + x.length);
        }
        if (valueRead >= 0 && !Arrays.equals(x, recorded)) {
            throw new IllegalStateException("user code read the value of entry #" + valueRead + " of " + tape.id()
                + " (getReal() or value()) while recording, so a branch on it would be silently repeated at"
                + " this other point; record the function again there, compare with Var.compareTo, or call"
                + " allowValueReads() if no branch depends on the values read");
        }
    }

    /**
     * The Hessian-vector product {@code H·v} of the (single) output at {@code x}: one replay, then
     * the three sweeps of {@link Reverse#hvp}.
     *
     * @param x the new inputs; not modified
     * @param v the seed, one per input; not modified
     * @return {@code H(x)·v}, one component per input
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     * @throws IllegalArgumentException if {@code v.length} or {@code x.length} differs from {@code inputCount()}
     * @throws IllegalStateException if the replay does not have exactly one output
     */
    public double[] hvp(double[] x, double[] v) {
        scalarOutput("hvp");
        checkLength("v", v.length, width);
        synchronized (tape) {
            strict(x);
            return secondOrder().hvp(outputs[0], first, inputs, v);
        }
    }

    /**
     * The Hessian of the (single) output at {@code x}: one replay, then one column {@code H·e_j}
     * per input, as {@link Reverse#hessian}; symmetric by construction.
     *
     * @param x the new inputs; not modified
     * @return {@code [inputs][inputs]}
     * @throws BranchChangeException if a recorded branch would go the other way at {@code x}
     * @throws IllegalStateException if the replay does not have exactly one output
     */
    public double[][] hessian(double[] x) {
        scalarOutput("hessian");
        synchronized (tape) {
            strict(x);
            return secondOrder().hessian(outputs[0], first, inputs, width);
        }
    }

    private SecondOrder secondOrder() {
        if (secondOrder == null) {
            secondOrder = new SecondOrder(tape);
        }
        return secondOrder;
    }

    private void scalarOutput(String what) {
        if (outputs.length != 1) {
            throw new IllegalStateException(what + " needs a scalar-valued tape, but this replay has "
                + outputs.length + " outputs; record one scalar output (a Hessian of each output: one replay each)");
        }
    }

    private void strict(double[] x) {
        int changed = run(x);
        if (changed >= 0) {
            throw new BranchChangeException(changed, tape.replayer.describeChange(changed));
        }
    }

    private void readAdjoints(double[] g) {
        int at = 0;
        for (int e : inputs) {
            at = tape.replayer.readAdjoint(e, g, at);
        }
    }

    private void single() {
        if (outputs.length != 1) {
            throw new IllegalStateException("this replay has " + outputs.length
                + " outputs; use values, vjp or jacobian");
        }
    }

    private void checkLive() {
        if (tape.generation != generation) {
            throw tape.stale("this replay", generation);
        }
    }

    private static void checkLength(String name, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException(name + " has length " + length + " but " + expected + " was expected");
        }
    }

    /**
     * The inputs and outputs, by entry index.
     * @return for example {@code "Replay of Tape#3: inputs [0, 1], outputs [9]"}
     */
    @Override
    public String toString() {
        return "Replay of " + tape.id() + (compiled != null ? ", " + compiled.summary() : "")
            + ": inputs " + Arrays.toString(inputs) + ", outputs " + Arrays.toString(outputs);
    }
}
